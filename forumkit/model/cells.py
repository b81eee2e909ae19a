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
from pydantic_core import PydanticCustomError, core_schema

from .danish import FIRST_YEAR, LAST_YEAR, NumberError, da_number, parse_number, parse_time
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
    "Text",
    "Time",
    "check_day",
    "choice",
    "danish",
    "errors_of",
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
FIRST_DAY = date(FIRST_YEAR, 1, 1)  # the one date range: files, edits, imports, date pickers and the CLI
LAST_DAY = date(LAST_YEAR, 12, 31)
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


_Str = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT, pattern=_NO_CONTROL)]
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


_FAST, _FAST_INT = "cifre", "heltal"  # tags of the Rust branches of a whole-number cell's union (see errors_of)


def _bound_text(low: Any, high: Any, kind: str) -> str:
    if high is not None and high <= 100:
        return f"mellem {da_number(low)} og {da_number(high)}"
    return f"mindst {da_number(low)}" if kind == "greater_than_equal" else f"højst {da_number(high)}"


class _Whole:
    """A whole-number cell: pydantic's own int parser first, so a plain digit cell ('85000') never leaves Rust;
    anything else ('85.000', '85.000 kr.', '40 %', '1.5', -5) is read the Danish way and bounded in Python."""

    def __init__(self, word: str, high: int, units: tuple[str, ...] = ()):
        self.word, self.high, self.units = word, high, units

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        # Plain digits only: pydantic's lax int parser would read '85.000' as 85.0, i.e. 85 (the reported bug).
        digits = core_schema.chain_schema(
            [core_schema.str_schema(pattern=r"^[0-9]{1,15}$"), core_schema.int_schema(ge=0, le=self.high)]
        )
        return core_schema.union_schema(
            [
                (digits, _FAST),
                (core_schema.int_schema(ge=0, le=self.high, strict=True), _FAST_INT),
                (core_schema.no_info_plain_validator_function(self.read), "dansk"),
            ],
            mode="left_to_right",
        )

    def read(self, value: Any) -> int:
        adjective = "ugyldig" if self.word == "fremdrift" else "ugyldigt"
        if isinstance(value, str):
            try:
                number = parse_whole(value, self.word, self.units)
            except ValueError as exc:
                raise PydanticCustomError("forumkit", str(exc)) from None
        elif isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            raise PydanticCustomError("forumkit", f"{adjective} {self.word} '{value}' – skriv et helt tal")
        if not 0 <= number <= self.high:
            kind = "greater_than_equal" if number < 0 else "less_than_equal"
            raise PydanticCustomError(
                "forumkit", f"{self.word} '{str(value).strip()}' skal være {_bound_text(0, self.high, kind)}"
            )
        return number


def errors_of(exc: Any) -> list[dict]:
    """A ValidationError's errors, one per cell: a whole-number cell that failed both ways reports the Danish
    reading only (pydantic lists each branch of the union)."""
    out = []
    for err in exc.errors():
        loc = err["loc"]
        if loc and loc[-1] in (_FAST, _FAST_INT):
            continue
        if loc and loc[-1] == "dansk":
            err = {**err, "loc": loc[:-1]}
        out.append(err)
    return out


def _whole_minutes(value: time) -> time:
    if value.second or value.microsecond or value.tzinfo is not None:
        raise PydanticCustomError(
            "forumkit",
            f"klokkeslættet '{value.isoformat()}' skal være hele minutter "
            "uden tidszone – skriv TT.MM eller TT:MM, fx 16.00",
        )
    return value


_KR_UNITS = ("kr.", "kr", ",-")
_Date = Annotated[date, Ge(FIRST_DAY), Le(LAST_DAY)]


def _time_text(value: Any) -> Any:
    """A time typed the Danish way ('16.00') or as in the files ('16:00') through the one parser; other text
    (e.g. '16:00:00') is left to pydantic, which words its own refusal."""
    if isinstance(value, str):
        try:
            return parse_time(value)
        except ValueError:
            return value
    return value


_Time = Annotated[time, BeforeValidator(_time_text), AfterValidator(_whole_minutes)]
_Count = Annotated[int, _Whole("antal", MAX_WHOLE), Noun("antal")]
_Percent = Annotated[int, _Whole("fremdrift", 100, ("%",)), Noun("fremdrift")]
_Kroner = Annotated[int, _Whole("beløb", MAX_WHOLE, _KR_UNITS), Noun("beløb")]

Date = _Date
OptDate = Optional[_Date]
Time = _Time
Count = _Count
OptCount = Optional[_Count]
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
        return (
            f"teksten er {da_number(len(str(value)))} tegn lang – højst {da_number(MAX_TEXT)} tegn kan gemmes "
            f"(begynder '{str(value)[:30]}')"
        )
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
        return f"ugyldigt klokkeslæt '{value}' – skriv TT.MM eller TT:MM, fx 16.00"
    word = noun.word if noun else "tal"
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size"):
        adjective = "ugyldig" if word == "fremdrift" else "ugyldigt"
        return f"{adjective} {word} '{value}' – skriv et helt tal"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _bounds(metadata)
        return f"{word} '{value}' skal være {_bound_text(low, high, kind)}"
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
