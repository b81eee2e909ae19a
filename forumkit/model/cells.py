"""Cell types for the workspace's CSV files, validated by pydantic's own (Rust) parsers for speed, with
every error translated into a Danish message that names the value (:func:`danish`).

Empty cells arrive as ``None``; :func:`to_text` turns a value back into the text written to the file.

The rules here are the loader's rules, and every record is built through them (:func:`tables.build`), so a
record the loader would refuse cannot exist: texts are at most :data:`MAX_TEXT` characters without control
characters, dates lie in :data:`FIRST_DAY`–:data:`LAST_DAY`, times are whole minutes, and whole numbers are
read the Danish way (:func:`forumkit.model.danish.parse_number`). A plain digit cell ('85000') stays on
pydantic's own int parser; only other text ('85.000', '85.000 kr.', '40 %') goes through babel.
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional

from annotated_types import Ge, Le
from pydantic import AfterValidator, BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

from .danish import NumberError, da_number, parse_number
from .errors import InputError

__all__ = [
    "Count",
    "Date",
    "FIRST_DAY",
    "IdList",
    "Kroner",
    "LAST_DAY",
    "MAX_FIELD",
    "MAX_TEXT",
    "Noun",
    "OptCount",
    "OptDate",
    "OptKroner",
    "OptPercent",
    "OptText",
    "OptTime",
    "Percent",
    "Text",
    "Time",
    "check_day",
    "choice",
    "danish",
    "opt_choice",
    "parse_day",
    "parse_whole",
    "to_text",
]

# Control characters and the byte-order mark (the loader takes one mid-file for two files glued together);
# lone surrogates (they cannot be written as UTF-8) are refused by pydantic itself ('string_unicode').
_NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]*$"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ud800-\udfff]")
MAX_FIELD = 100_000  # the loader's limit for one cell, in characters
MAX_TEXT = MAX_FIELD - 1  # room for the apostrophe that guards a cell starting like a formula
FIRST_DAY = date(1900, 1, 1)  # the one date range: files, edits, imports, date pickers and the CLI
LAST_DAY = date(2199, 12, 31)
MAX_WHOLE = 999_999_999_999  # amounts and counts: twelve digits at most (Excel keeps fifteen exactly)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Noun:
    """The Danish word for a column's kind of value ('status', 'fremdrift'), used in its error messages."""

    def __init__(self, word: str, choices: tuple[str, ...] = ()):
        self.word, self.choices = word, choices


def _id_list(value: Any) -> tuple[str, ...]:
    """Ids from 'I-1, I-2' or a sequence; an id holding a comma is two ids, as it is when read back."""
    if value is None:
        return ()
    parts = value if isinstance(value, (tuple, list)) else (value,)
    ids = tuple(p.strip() for v in parts for p in str(v).split(",") if p.strip())
    if sum(map(len, ids)) + 2 * len(ids) > MAX_TEXT:
        raise PydanticCustomError("forumkit", f"listen er længere end {da_number(MAX_TEXT)} tegn")
    return ids


_Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT,
                                        pattern=_NO_CONTROL)]
Text = _Str
OptText = Optional[_Str]


def parse_whole(text: Any, word: str = "tal", units: tuple[str, ...] = ()) -> int:
    """A whole number typed or read the Danish way ('85.000', '85.000 kr.', '40 %'); ValueError (Danish, naming
    the value) for anything ambiguous or with decimals – an amount is never rounded behind the user's back."""
    shown = str(text).strip()
    number_text = shown
    for unit in units:
        if number_text.lower().endswith(unit):
            number_text = number_text[: -len(unit)].rstrip()
            break
    try:
        number = parse_number(number_text)
    except NumberError as exc:
        adjective = "ugyldig" if word == "fremdrift" else "ugyldigt"
        if exc.reason.startswith("er ikke et tal"):
            example = ", fx 85.000 eller 85000" if word == "beløb" else ""
            raise ValueError(f"{adjective} {word} '{shown}' – skriv et helt tal{example}") from None
        raise ValueError(f"{adjective} {word} '{shown}' {exc.reason}") from None
    if number != number.to_integral_value():
        nearest = number.quantize(Decimal(1), rounding="ROUND_HALF_UP")
        raise ValueError(f"{word} '{shown}' har decimaler – skriv et helt tal, fx {da_number(nearest)}")
    return int(number)


def _whole(word: str, units: tuple[str, ...] = ()):
    """Before pydantic's int parser: text that is not plain digits is read the Danish way."""

    def read(value: Any) -> Any:
        if value.__class__ is str and not (value.isascii() and value.isdigit()):
            try:
                return parse_whole(value, word, units)
            except ValueError as exc:
                raise PydanticCustomError("forumkit", str(exc)) from None
        return value

    return BeforeValidator(read)


def _whole_minutes(value: time) -> time:
    if value.second or value.microsecond or value.tzinfo is not None:
        raise PydanticCustomError("forumkit", f"klokkeslættet '{value.isoformat()}' skal være hele minutter "
                                              "uden tidszone – skriv TT:MM, fx 16:00")
    return value


_KR_UNITS = ("kr.", "kr", ",-")
_Date = Annotated[date, Ge(FIRST_DAY), Le(LAST_DAY)]
_Time = Annotated[time, AfterValidator(_whole_minutes)]
_Count = Annotated[int, _whole("antal"), Ge(0), Le(MAX_WHOLE), Noun("antal")]
_Percent = Annotated[int, _whole("fremdrift", ("%",)), Ge(0), Le(100), Noun("fremdrift")]
_Kroner = Annotated[int, _whole("beløb", _KR_UNITS), Ge(0), Le(MAX_WHOLE), Noun("beløb")]

Date = _Date
OptDate = Optional[_Date]
Time = _Time
OptTime = Optional[_Time]
Count = _Count
OptCount = Optional[_Count]
Percent = _Percent
OptPercent = Optional[_Percent]
Kroner = _Kroner
OptKroner = Optional[_Kroner]
IdList = Annotated[tuple[str, ...], BeforeValidator(_id_list)]


def check_day(day: date, field: str) -> date:
    """``day`` if it lies in the one date range, else a Danish :class:`InputError` naming ``field``."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(field, day.isoformat(), _out_of_range(day.isoformat()))
    return day


def parse_day(text: str, field: str) -> date:
    """An ISO date typed by a user (a CLI option, an environment variable), in the one date range."""
    text = str(text).strip()
    try:
        day = date.fromisoformat(text) if _ISO_DATE.match(text) else None
    except ValueError:
        raise InputError(field, text, f"datoen '{text}' findes ikke i kalenderen") from None
    if day is None:
        raise InputError(field, text, f"ugyldig dato '{text}' – skriv ÅÅÅÅ-MM-DD, fx 2026-05-07")
    return check_day(day, field)


def _out_of_range(text: str) -> str:
    return f"datoen '{text}' ligger uden for {FIRST_DAY.year}–{LAST_DAY.year} – skriv en dato i det interval"


def choice(values, what: str) -> Any:
    """A required cell that must be one of ``values``."""
    values = tuple(values)
    return Annotated[Literal[values], Noun(what, values)]  # type: ignore[valid-type]


def opt_choice(values, what: str) -> Any:
    """An optional cell that must be one of ``values`` when filled."""
    values = tuple(values)
    return Optional[Annotated[Literal[values], Noun(what, values)]]  # type: ignore[valid-type]


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
    if kind == "string_too_long":
        return (f"teksten er {da_number(len(str(value)))} tegn lang – højst {da_number(MAX_TEXT)} tegn kan gemmes "
                f"(begynder '{str(value)[:30]}')")
    if kind in ("greater_than_equal", "less_than_equal") and isinstance(_bounds(metadata)[0], date):
        return _out_of_range(str(value).strip())
    if kind == "string_unicode":
        return "teksten indeholder et ugyldigt tegn (et halvt surrogatpar) – skriv teksten igen"
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
        if high is not None and high <= 100:
            bound = f"mellem {da_number(low)} og {da_number(high)}"
        else:
            bound = f"mindst {da_number(low)}" if kind == "greater_than_equal" else f"højst {da_number(high)}"
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
