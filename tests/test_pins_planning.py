"""Meeting dates pinned on their edges: the first and last day of Easter week, Saturday and Friday, the Friday
after Ascension and the day before it, a January meeting whose agenda deadline crosses Christmas, and the year
plan for other meeting counts (found by mutation testing, docs/mutation.md)."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.rules.planning import Deadlines, avoid_reason, danish_holidays, deadlines, propose_year
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE

D = date.fromisoformat


@pytest.fixture(scope="module")
def charter():
    return load_workspace(EXAMPLE).charter


@pytest.fixture(scope="module")
def rules(charter):
    return charter.meetings


def with_rules(charter, **changes):
    return charter.model_copy(update={"meetings": charter.meetings.model_copy(update=changes)})


def test_danish_holidays_have_danish_names():
    days = danish_holidays(2027)
    assert days[D("2027-03-28")] == "Påskedag" and days[D("2027-12-26")] == "Anden juledag"
    assert D("2027-04-23") not in days  # store bededag is gone from 2024
    assert danish_holidays(2023)[D("2023-05-05")] == "Store bededag"


# --- Easter week: Monday before Easter to Easter Monday (Easter Sunday 2027 is 28 March) ---------------------


@pytest.mark.parametrize(
    "day, reason",
    [
        ("2027-03-19", None),  # Friday the week before
        ("2027-03-21", "weekend"),  # Palm Sunday
        ("2027-03-22", "påskeugen"),  # the Monday of Easter week
        ("2027-03-24", "påskeugen"),
        ("2027-03-25", "helligdag (Skærtorsdag)"),
        ("2027-03-29", "helligdag (Anden påskedag)"),
        ("2027-03-30", None),  # the Tuesday after Easter
    ],
)
def test_easter_week(rules, day, reason):
    assert avoid_reason(D(day), rules) == reason


def test_easter_week_may_be_allowed(rules):
    free = rules.model_copy(update={"avoid_easter_week": False})
    assert avoid_reason(D("2027-03-22"), free) is None
    assert avoid_reason(D("2027-03-25"), free) == "helligdag (Skærtorsdag)"


# --- weekends and the charter's own days, months and weeks --------------------------------------------------


@pytest.mark.parametrize(
    "day, reason",
    [
        ("2027-06-04", None),  # Friday
        ("2027-06-05", "weekend"),  # Saturday
        ("2027-06-06", "weekend"),  # Sunday
        ("2027-06-07", None),  # Monday
    ],
)
def test_saturday_and_sunday_are_weekend(rules, day, reason):
    assert avoid_reason(D(day), rules) == reason


def test_a_holiday_on_a_weekend_is_named_as_the_holiday(rules):
    assert avoid_reason(D("2027-12-26"), rules) == "helligdag (Anden juledag)"  # a Sunday


def test_avoided_dates_are_month_and_day_with_leading_zeros(rules):
    own = rules.model_copy(update={"avoid_dates": ("01-05", "12-31")})
    assert avoid_reason(D("2027-01-05"), own) == "en dag, kommissoriet undgår"
    assert avoid_reason(D("2027-01-04"), own) is None
    assert avoid_reason(D("2027-12-31"), own) == "en dag, kommissoriet undgår"
    assert avoid_reason(D("2027-12-30"), own) is None
    assert avoid_reason(D("2027-12-23"), rules) is None  # the day before Christmas Eve


def test_july_is_summer_holiday_and_another_month_is_just_avoided(rules):
    assert avoid_reason(D("2027-07-01"), rules) == "sommerferie (juli)"
    assert avoid_reason(D("2027-06-30"), rules) is None
    assert avoid_reason(D("2027-08-02"), rules) is None
    august = rules.model_copy(update={"avoid_months": (8,)})
    assert avoid_reason(D("2027-08-02"), august) == "en måned, kommissoriet undgår"
    assert avoid_reason(D("2027-07-01"), august) is None


def test_school_holiday_weeks_from_monday_to_friday(rules):
    assert avoid_reason(D("2027-10-15"), rules) is None  # Friday of week 41
    assert avoid_reason(D("2027-10-18"), rules) == "skoleferie (uge 42)"  # Monday of week 42
    assert avoid_reason(D("2027-10-22"), rules) == "skoleferie (uge 42)"  # Friday of week 42
    assert avoid_reason(D("2027-10-25"), rules) is None  # Monday of week 43
    assert avoid_reason(D("2027-02-15"), rules) == "skoleferie (uge 7)"


def test_the_friday_after_ascension_and_not_the_day_before(rules):
    assert avoid_reason(D("2027-05-05"), rules) is None  # Wednesday before Kristi himmelfartsdag
    assert avoid_reason(D("2027-05-07"), rules) == "fredag efter Kristi himmelfart"
    assert avoid_reason(D("2027-05-11"), rules) is None
    free = rules.model_copy(update={"avoid_day_after_ascension": False})
    assert avoid_reason(D("2027-05-07"), free) is None


# --- deadlines ---------------------------------------------------------------------------------------------


def test_deadlines_of_an_ordinary_meeting(rules):
    assert deadlines(D("2027-10-14"), rules) == Deadlines(
        invitation=D("2027-09-16"), agenda=D("2027-10-07"), minutes=D("2027-10-21")
    )


def test_a_january_meeting_whose_agenda_deadline_crosses_christmas(rules):
    # Tuesday 2 January 2029: New Year's Day, the weekend, Christmas Day and Boxing Day (Monday and Tuesday
    # 25–26 December 2028) are no working days, so the fourth working day back is Friday 22 December.
    assert deadlines(D("2029-01-02"), rules) == Deadlines(
        invitation=D("2028-12-05"), agenda=D("2028-12-22"), minutes=D("2029-01-09")
    )


def test_the_agenda_deadline_takes_the_earlier_of_the_two_rules(rules):
    # a week before is the earlier one when working days are plenty
    assert deadlines(D("2027-06-10"), rules.model_copy(update={"agenda_working_days": 1})).agenda == D("2027-06-03")
    # four working days are the earlier one when the week holds holidays
    assert deadlines(D("2027-05-10"), rules).agenda == D("2027-05-03")  # Kristi himmelfartsdag 6 May
    assert deadlines(D("2027-05-10"), rules.model_copy(update={"agenda_days": 0})).agenda == D("2027-05-03")


def test_deadlines_follow_the_charter(rules):
    own = rules.model_copy(
        update={"invitation_days": 14, "agenda_days": 3, "agenda_working_days": 0, "minutes_days": 1}
    )
    assert deadlines(D("2027-06-10"), own) == Deadlines(
        invitation=D("2027-05-27"), agenda=D("2027-06-07"), minutes=D("2027-06-11")
    )


# --- the year plan -----------------------------------------------------------------------------------------


def test_one_meeting_a_year_uses_the_first_season(charter):
    assert propose_year(with_rules(charter, per_year=1), 2028) == [D("2028-04-27")]


def test_three_meetings_spread_over_the_months_outside_july(charter):
    # 11 months without July in three groups: Jan–Apr, May–Jun + Aug, Sep–Dec; each meeting mid-group.
    assert propose_year(with_rules(charter, per_year=3), 2028) == [D("2028-02-29"), D("2028-06-29"), D("2028-10-31")]


def test_a_season_with_a_gap_skips_the_months_between(charter):
    # March and May only: the middle is mid-April, but April is not in the season.
    assert propose_year(with_rules(charter, per_year=1, seasons=((3, 5),)), 2028) == [D("2028-03-30")]


def test_a_taken_meeting_fills_its_season_in_its_own_year_only(charter):
    assert propose_year(charter, 2028, {D("2028-04-03")}) == [D("2028-10-12")]
    assert propose_year(charter, 2028, {D("2027-04-03")}) == [D("2028-04-27"), D("2028-10-12")]
    assert propose_year(charter, 2028, {D("2028-08-01")}) == [D("2028-04-27"), D("2028-10-12")]


def test_the_middle_of_april_2028_is_easter_week_so_the_next_good_day_is_taken(charter):
    # April 2028: the middle is Friday the 14th; 10–17 April is Easter week; Tuesday the 18th is 4 days off,
    # Thursday the 6th is 8.
    april = with_rules(charter, per_year=1, seasons=((4,),))
    assert propose_year(april, 2028) == [D("2028-04-18")]
    assert propose_year(april, 2028, {D("2028-04-18")}) == []


def test_the_nearest_good_day_to_the_middle_on_the_charters_weekdays(charter):
    # Mondays only: the autumn middle is Sunday 15 October; Monday the 16th is in week 42, so the 9th.
    assert propose_year(with_rules(charter, weekdays=(1,)), 2028) == [D("2028-05-01"), D("2028-10-09")]
    assert propose_year(with_rules(charter, weekdays=(1, 4)), 2028) == [D("2028-04-27"), D("2028-10-12")]


def test_no_good_day_no_meeting(charter):
    assert propose_year(with_rules(charter, weekdays=(6, 7)), 2028) == []


def test_the_last_day_searched_is_the_28th_of_the_seasons_last_month(charter):
    every_june_day_but_the_28th = tuple(f"06-{d:02d}" for d in range(1, 28))
    june = with_rules(
        charter, per_year=1, seasons=((6,),), weekdays=(1, 2, 3, 4, 5), avoid_dates=every_june_day_but_the_28th
    )
    assert propose_year(june, 2028) == [D("2028-06-28")]  # a Wednesday
    assert propose_year(june, 2026) == []  # 28 June 2026 is a Sunday: no day at all


def test_the_years_a_plan_can_be_made_for(charter):
    from forumkit.model.danish import FIRST_YEAR, LAST_YEAR
    from forumkit.model.errors import InputError

    for year in (FIRST_YEAR, LAST_YEAR):
        assert {d.year for d in propose_year(charter, year)} == {year}
    for year in (FIRST_YEAR - 1, LAST_YEAR + 1):
        with pytest.raises(InputError) as info:
            propose_year(charter, year)
        assert (info.value.field, info.value.value) == ("år", year)
        assert str(info.value) == f"år: året {year} ligger uden for {FIRST_YEAR}–{LAST_YEAR}"
