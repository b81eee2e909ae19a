"""Danish dates and times for documents and screens ("torsdag den 7. maj 2026 kl. 16.00")."""

from __future__ import annotations

from datetime import date, time, timedelta
from functools import lru_cache

__all__ = [
    "add_working_days",
    "da_date",
    "da_month",
    "da_number",
    "da_time",
]


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


def da_time(at: time) -> str:
    """'kl. 16.00' – one style everywhere."""
    return f"kl. {at.hour:02d}.{at.minute:02d}"


def add_working_days(day: date, count: int, holidays: set[date] | frozenset[date] = frozenset()) -> date:
    """Move ``count`` working days (negative = back), skipping weekends and ``holidays``."""
    step = 1 if count >= 0 else -1
    left = abs(count)
    while left:
        day += timedelta(days=step)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def da_number(value: float, decimals: int = 0) -> str:
    """Danish number format: 1.234.567 and 12,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")
