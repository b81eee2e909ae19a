"""Danish dates, times and numbers for documents and screens ("torsdag den 7. maj 2026 kl. 16.00",
"85.000 kr.", "12,5 %"), and the one parser every typed or read number goes through (:func:`parse_number`)
and every typed or read time of day (:func:`parse_time`)."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from decimal import Decimal
from functools import lru_cache

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "NumberError",
    "add_working_days",
    "da_date",
    "da_date_short",
    "da_kroner",
    "da_month",
    "da_number",
    "da_percent",
    "da_time",
    "parse_number",
    "parse_time",
    "year_problem",
]

# The years forumkit accepts anywhere a user types a year or a date (holidays, weekdays and deadlines are
# computed for these; outside them a typo such as 27 or 9999 would only produce nonsense).
FIRST_YEAR, LAST_YEAR = 1900, 2199


def year_problem(year: int) -> str | None:
    """A Danish explanation when ``year`` is outside the years forumkit accepts, else None."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"året {year} ligger uden for {FIRST_YEAR}–{LAST_YEAR} – skriv året med fire cifre, fx 2027"


@lru_cache(maxsize=1)
def _locale():
    from babel import Locale  # loaded on first use: keeps `import forumkit` light

    return Locale.parse("da_DK")


@lru_cache(maxsize=8192)
def _format(day: date, pattern: str) -> str:
    from babel.dates import format_date

    return format_date(day, pattern, locale=_locale())


def da_date(day: date, weekday: bool = True) -> str:
    """'torsdag den 7. maj 2026' (or '7. maj 2026')."""
    return _format(day, "EEEE 'den' d. MMMM y" if weekday else "d. MMMM y")


def da_month(day: date) -> str:
    """'maj 2026'."""
    return _format(day, "MMMM y")


def da_date_short(day: date) -> str:
    """'07.05.2026' as in Danish tables."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def da_time(at: time) -> str:
    """'kl. 16.00' – one style everywhere."""
    return f"kl. {at.hour:02d}.{at.minute:02d}"


_TIME_TEXT = re.compile(r"^(?:kl\.?\s*)?([01]?[0-9]|2[0-3])(?:[.:]([0-5][0-9]))?$", re.IGNORECASE)


def parse_time(text: str) -> time:
    """A time of day written the Danish way ('16.00', 'kl. 16.00', '9.30', a whole hour as 'kl. 16', 'kl 16' or
    '16') or as in the files ('16:00').

    Anything else raises a ValueError whose text is a Danish message naming the value. Files are written
    back as HH:MM (docs/workspace.md); documents and screens show 'kl. 16.00' (:func:`da_time`)."""
    match = _TIME_TEXT.match(str(text).strip())
    if match is None:
        raise ValueError(f"ugyldigt klokkeslæt '{str(text).strip()}' – skriv TT.MM eller TT:MM, fx 16.00")
    return time(int(match.group(1)), int(match.group(2) or 0))


def add_working_days(day: date, count: int, holidays: set[date] | frozenset[date] = frozenset()) -> date:
    """Move ``count`` working days (negative = back), skipping weekends and ``holidays``."""
    step = 1 if count >= 0 else -1
    left = abs(count)
    while left:
        day += timedelta(days=step)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


_SWAP = str.maketrans(",.", ".,")


def da_number(value: float | Decimal, decimals: int = 0) -> str:
    """The one Danish number format for everything shown: 1.234.567 and 12,5 (as babel's da_DK writes them)."""
    if value == 0:
        value = 0  # never '-0'
    return f"{value:,.{decimals}f}".translate(_SWAP)


def da_percent(value: float | Decimal, decimals: int = 0) -> str:
    """'12,5 %' – ``value`` is in percent (12.5), not a fraction."""
    return f"{da_number(value, decimals)} %"


def da_kroner(value: float | Decimal) -> str:
    """'85.000 kr.' – whole kroner."""
    return f"{da_number(value)} kr."


# Only ASCII digits, Danish thousands dots and one decimal comma: babel's strict parser alone lets
# '1_000', '1e3', 'NaN', '+5' and Arabic-Indic digits through.
_DANISH_NUMBER = re.compile(r"^-?[0-9][0-9.]*(,[0-9]+)?$")
_ENGLISH_THOUSANDS = re.compile(r"^-?[0-9]{1,3},[0-9]{3}$")  # '1,000': one in Danish, a thousand in English
# '85 000', '1 500': a space (or a no-break space) between groups of three digits is a thousands separator too
_SPACES = " \u00a0\u202f"
_SPACED_THOUSANDS = re.compile(rf"^-?[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+(,[0-9]+)?$")
_SPACED_OTHER = re.compile(rf"^-?[0-9][0-9.{_SPACES}]*[0-9](,[0-9]+)?$")  # spaces elsewhere: '85 00', '1 500.000'


class NumberError(ValueError):
    """A number that is not written the Danish way; ``reason`` is the Danish explanation without the value."""

    def __init__(self, text: str, reason: str):
        self.text, self.reason = text, reason
        super().__init__(f"'{text}' {reason}")


def parse_number(text: str) -> Decimal:
    """A number written the Danish way ('85.000', '85000', '85.000,50', '12,5', with a space or no-break space
    between thousands: '85 000', '1 500') as a Decimal.

    Ambiguous or foreign forms ('1.5', '1,000.00', '1,000', '1_000', '1e3', '85 00', 'NaN') raise
    :class:`NumberError` (a ValueError) with a Danish message naming the value. babel (locale da_DK, strict)
    decides where the thousands dots may stand."""
    text = str(text).strip()
    if _SPACED_THOUSANDS.match(text):
        text = re.sub(f"[{_SPACES}]", "", text)
    elif _SPACED_OTHER.match(text) and any(c in text for c in _SPACES):
        raise NumberError(
            text, "er tvetydigt – mellemrum må kun skille tusinder, tre cifre ad gangen (85 000 eller 1 500)"
        )
    if not _DANISH_NUMBER.match(text):
        raise NumberError(text, "er ikke et tal – skriv fx 85.000 eller 85000 (decimaler med komma: 12,5)")
    from babel.numbers import NumberFormatError, parse_decimal

    if _ENGLISH_THOUSANDS.match(text):
        raise NumberError(text, f"er tvetydigt – skriv {text.replace(',', '.')}, hvis det er tusinder")
    try:
        number = parse_decimal(text, locale=_locale(), strict=True)
    except NumberFormatError:
        raise NumberError(text, "er tvetydigt – punktum skiller tusinder (85.000), komma decimaler (12,5)") from None
    return number if number else Decimal(0)
