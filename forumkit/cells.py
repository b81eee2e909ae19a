"""Cell types for the workspace's CSV files: pydantic types whose errors are Danish and name the value.

Each type takes the raw text of a cell (``None`` for an empty cell) and returns a Python value;
:func:`to_text` turns a value back into the text written to the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, time
from typing import Annotated, Any

from pydantic import PlainValidator
from pydantic_core import PydanticCustomError

__all__ = [
    "Bool",
    "Count",
    "Date",
    "IdList",
    "Kroner",
    "OptBool",
    "OptCount",
    "OptDate",
    "OptKroner",
    "OptPercent",
    "OptText",
    "OptTime",
    "Percent",
    "Text",
    "Time",
    "choice",
    "opt_choice",
    "to_text",
]

_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^-?\d+$")


def _fail(message: str, value: Any) -> PydanticCustomError:
    return PydanticCustomError("forumkit", message, {"value": value})


def _required(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail("skal udfyldes", value)
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: Any) -> str:
    text = str(value).strip()
    bad = _CONTROL.search(text)
    if bad:
        raise _fail(f"teksten indeholder et kontroltegn (U+{ord(bad.group()):04X}) – fjern det", text[:40])
    return text


def _text(value: Any) -> str:
    return _clean(_required(value))


def _opt_text(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _clean(value)


def _date(value: Any) -> date:
    value = _required(value)
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not _DATE.match(text):
        raise _fail(f"ugyldig dato '{text}' – skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-05-07", text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"datoen '{text}' findes ikke i kalenderen", text) from None


def _time(value: Any) -> time:
    value = _required(value)
    if isinstance(value, time):
        return value
    text = str(value).strip()
    match = _TIME.match(text)
    if not match:
        raise _fail(f"ugyldigt klokkeslæt '{text}' – skriv TT:MM, fx 16:00", text)
    return time(int(match[1]), int(match[2]))


def _int(value: Any, what: str, low: int, high: int | None) -> int:
    value = _required(value)
    adjective = "ugyldig" if what == "fremdrift" else "ugyldigt"
    if isinstance(value, bool):
        raise _fail(f"{adjective} {what} '{value}'", value)
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip().replace(" ", "").replace(".", "") if what == "beløb" else str(value).strip()
        if not _INT.match(text):
            raise _fail(f"{adjective} {what} '{value}' – skriv et helt tal", value)
        number = int(text)
    if number < low or (high is not None and number > high):
        bound = f"mellem {low} og {high}" if high is not None else f"mindst {low}"
        raise _fail(f"{what} '{value}' skal være {bound}", value)
    return number


def _optional(parse):
    def parse_optional(value: Any):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse(value)

    return parse_optional


def _bool(value: Any) -> bool:
    value = _required(value)
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("ja", "j"):
        return True
    if text in ("nej", "n"):
        return False
    raise _fail(f"ugyldig værdi '{value}' – skriv ja eller nej", value)


def _id_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (tuple, list)):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(part.strip() for part in str(value).split(",") if part.strip())


def _choice(values: Iterable[str], what: str):
    allowed = tuple(values)

    def parse(value: Any) -> str:
        text = _text(value)
        if text not in allowed:
            lowered = {v.lower(): v for v in allowed}
            if text.lower() in lowered:
                return lowered[text.lower()]
            raise _fail(f"ukendt {what} '{text}' – brug en af: {', '.join(allowed)}", text)
        return text

    return parse


def choice(values: Iterable[str], what: str) -> Any:
    """A required cell that must be one of ``values``."""
    return Annotated[str, PlainValidator(_choice(values, what))]


def opt_choice(values: Iterable[str], what: str) -> Any:
    """An optional cell that must be one of ``values`` when filled."""
    return Annotated[str | None, PlainValidator(_optional(_choice(values, what)))]


Text = Annotated[str, PlainValidator(_text)]
OptText = Annotated[str | None, PlainValidator(_opt_text)]
Date = Annotated[date, PlainValidator(_date)]
OptDate = Annotated[date | None, PlainValidator(_optional(_date))]
Time = Annotated[time, PlainValidator(_time)]
OptTime = Annotated[time | None, PlainValidator(_optional(_time))]
Count = Annotated[int, PlainValidator(lambda v: _int(v, "antal", 0, None))]
OptCount = Annotated[int | None, PlainValidator(_optional(lambda v: _int(v, "antal", 0, None)))]
Percent = Annotated[int, PlainValidator(lambda v: _int(v, "fremdrift", 0, 100))]
OptPercent = Annotated[int | None, PlainValidator(_optional(lambda v: _int(v, "fremdrift", 0, 100)))]
Kroner = Annotated[int, PlainValidator(lambda v: _int(v, "beløb", 0, None))]
OptKroner = Annotated[int | None, PlainValidator(_optional(lambda v: _int(v, "beløb", 0, None)))]
Bool = Annotated[bool, PlainValidator(_bool)]
OptBool = Annotated[bool | None, PlainValidator(_optional(_bool))]
IdList = Annotated[tuple[str, ...], PlainValidator(_id_list)]


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
