"""Cell types for the workspace's CSV files, validated by pydantic's own (Rust) parsers for speed, with
every error translated into a Danish message that names the value (:func:`danish`).

Empty cells arrive as ``None``; :func:`to_text` turns a value back into the text written to the file.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Annotated, Any, Literal, Optional

from annotated_types import Ge, Le
from pydantic import BeforeValidator, StringConstraints

__all__ = [
    "Count",
    "Date",
    "IdList",
    "Kroner",
    "Noun",
    "OptCount",
    "OptDate",
    "OptKroner",
    "OptPercent",
    "OptText",
    "Text",
    "Time",
    "choice",
    "danish",
    "to_text",
]

_NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Noun:
    """The Danish word for a column's kind of value ('status', 'fremdrift'), used in its error messages."""

    def __init__(self, word: str, choices: tuple[str, ...] = ()):
        self.word, self.choices = word, choices


def _id_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (tuple, list)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


_Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=_NO_CONTROL)]
Text = _Str
OptText = Optional[_Str]
Date = date
OptDate = Optional[date]
Time = time
Count = Annotated[int, Ge(0), Noun("antal")]
OptCount = Optional[Annotated[int, Ge(0), Noun("antal")]]
OptPercent = Optional[Annotated[int, Ge(0), Le(100), Noun("fremdrift")]]
Kroner = Annotated[int, Ge(0), Noun("beløb")]
OptKroner = Optional[Annotated[int, Ge(0), Noun("beløb")]]
IdList = Annotated[tuple[str, ...], BeforeValidator(_id_list)]


def choice(values, what: str) -> Any:
    """A required cell that must be one of ``values``."""
    values = tuple(values)
    return Annotated[Literal[values], Noun(what, values)]  # type: ignore[valid-type]


def _noun(metadata) -> Noun | None:
    for item in metadata or ():
        if isinstance(item, Noun):
            return item
    return None


def _bounds(metadata) -> tuple[int | None, int | None]:
    low = high = None
    for item in metadata or ():
        low = getattr(item, "ge", low) if getattr(item, "ge", None) is not None else low
        high = getattr(item, "le", high) if getattr(item, "le", None) is not None else high
    return low, high


def _annotation_metadata(field) -> list:
    """Metadata of a field, looking inside Optional[Annotated[...]] too."""
    from typing import get_args

    found = list(field.metadata)
    for arg in get_args(field.annotation):
        found.extend(getattr(arg, "__metadata__", ()))
    return found


def danish(err: dict, field=None) -> str:
    """A pydantic error as a Danish sentence with the offending value."""
    kind, value = err["type"], err.get("input")
    metadata = _annotation_metadata(field) if field is not None else []
    noun = _noun(metadata)
    if kind == "forumkit":
        return err["msg"]
    if value is None or kind in ("missing", "string_too_short"):
        return "skal udfyldes"
    if kind == "string_pattern_mismatch":
        bad = _CONTROL.search(str(value))
        return f"teksten indeholder et kontroltegn (U+{ord(bad.group()) if bad else 0:04X}) – fjern det"
    if kind.startswith("date"):
        text = str(value).strip()
        if _ISO_DATE.match(text):
            return f"datoen '{text}' findes ikke i kalenderen"
        return f"ugyldig dato '{text}' – skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-05-07"
    if kind.startswith("time"):
        return f"ugyldigt klokkeslæt '{value}' – skriv TT:MM, fx 16:00"
    word = noun.word if noun else "tal"
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        adjective = "ugyldig" if word == "fremdrift" else "ugyldigt"
        return f"{adjective} {word} '{value}' – skriv et helt tal"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(metadata)
        bound = f"mellem {low} og {high}" if high is not None else f"mindst {low}"
        return f"{word} '{value}' skal være {bound}"
    if kind == "literal_error":
        allowed = ", ".join(noun.choices) if noun else str(err.get("ctx", {}).get("expected", ""))
        return f"ukendt {noun.word if noun else 'værdi'} '{value}' – brug en af: {allowed}"
    if kind in ("string_type", "tuple_type"):
        return f"ugyldig værdi '{value}'"
    return f"ugyldig værdi '{value}'"


def to_text(value: Any) -> str:
    """The text a value is written as in a CSV cell (ISO dates, HH:MM, ja/nej, ids joined by ', ')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)
