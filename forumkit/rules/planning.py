"""Meeting dates: which days a forum meeting may fall on, a proposed year plan, and each meeting's deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..model.cells import FIRST_DAY, LAST_DAY
from ..model.charter import Charter, MeetingRules
from ..model.danish import add_working_days
from ..model.errors import InputError

__all__ = [
    "Deadlines",
    "avoid_reason",
    "danish_holidays",
    "deadlines",
    "propose_year",
]


@lru_cache(maxsize=32)
def _holidays_for(year: int) -> dict[date, str]:
    import holidays as holidays_lib  # loaded on first use

    calendar = type(holidays_lib.country_holidays("DK", years=(), language="da"))

    class Denmark(calendar):  # the library stops at 2100 by default; forumkit's dates run to 2199
        start_year, end_year = FIRST_DAY.year, LAST_DAY.year

    return dict(Denmark(years=year, language="da"))


def danish_holidays(year: int) -> dict[date, str]:
    """Danish public holidays of a year, with their Danish names (store bededag is gone from 2024)."""
    return _holidays_for(year)


def _easter(year: int) -> date:
    from dateutil.easter import (
        easter,  # (python-dateutil comes with pandas and holidays)
    )

    return easter(year)


def avoid_reason(day: date, rules: MeetingRules) -> str | None:
    """Why a day is not a good meeting day (Danish), or None when it is fine."""
    holiday = danish_holidays(day.year).get(day)
    if holiday:
        return f"helligdag ({holiday})"
    if day.weekday() >= 5:
        return "weekend"
    if f"{day.month:02d}-{day.day:02d}" in rules.avoid_dates:
        return "en dag, kommissoriet undgår"
    if day.month in rules.avoid_months:
        return "sommerferie (juli)" if day.month == 7 else "en måned, kommissoriet undgår"
    week = day.isocalendar().week
    if week in rules.avoid_weeks:
        return f"skoleferie (uge {week})"
    if rules.avoid_easter_week:
        easter = _easter(day.year)
        if easter - timedelta(days=6) <= day <= easter + timedelta(days=1):
            return "påskeugen"
    if rules.avoid_day_after_ascension:
        for d, name in danish_holidays(day.year).items():
            if "himmelfart" in name.lower() and day == d + timedelta(days=1):
                return "fredag efter Kristi himmelfart"
    return None


@dataclass(frozen=True)
class Deadlines:
    """When the paperwork for one meeting is due (from the charter's deadlines)."""

    invitation: date
    agenda: date
    minutes: date


def deadlines(day: date, rules: MeetingRules) -> Deadlines:
    """Invitation ~4 weeks before; agenda 1 week and ≥ 4 working days before; draft minutes 7 days after."""
    hols = frozenset(danish_holidays(day.year)) | frozenset(danish_holidays(day.year - 1))
    agenda = min(day - timedelta(days=rules.agenda_days), add_working_days(day, -rules.agenda_working_days, hols))
    return Deadlines(
        invitation=day - timedelta(days=rules.invitation_days),
        agenda=agenda,
        minutes=day + timedelta(days=rules.minutes_days),
    )


def propose_year(charter: Charter, year: int, taken: set[date] | frozenset[date] = frozenset()) -> list[date]:
    """Meeting dates for ``year``: one per season without a meeting in ``taken``, mid-season, on good days."""
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise InputError("år", year, f"året {year} ligger uden for {FIRST_DAY.year}–{LAST_DAY.year}")
    rules = charter.meetings
    seasons = list(rules.seasons)
    count = rules.per_year
    if count > len(seasons):
        seasons = [(m,) for m in range(1, 13) if m not in rules.avoid_months]
        step = len(seasons) / count
        seasons = [tuple(m for s in seasons[round(i * step) : round((i + 1) * step)] for m in s) for i in range(count)]
    elif count < len(seasons):
        seasons = seasons[:count]
    out = []
    for months in seasons:
        if any(d.year == year and d.month in months for d in taken):
            continue
        candidates = []
        first, last = date(year, months[0], 1), date(year, months[-1], 28)
        middle = first + (last - first) / 2
        day = first
        while day <= last:
            if (
                day.month in months
                and day.isoweekday() in rules.weekdays
                and day not in taken
                and avoid_reason(day, rules) is None
            ):
                candidates.append(day)
            day += timedelta(days=1)
        if candidates:
            out.append(min(candidates, key=lambda d: (abs((d - middle).days), d)))
    return out
