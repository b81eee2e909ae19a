"""The annual status's chart data built from the typed frames (forumkit.rules.status_data)."""

from __future__ import annotations

import math
from datetime import date

from forumkit.model.tables import edit
from forumkit.rules.status_data import network_members
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE


def test_network_members_over_time_per_network():
    ws = load_workspace(EXAMPLE)
    table = network_members(ws, date(2026, 11, 26))
    names = {n.id: n.name for n in ws.networks}
    assert list(table.columns) == [n.name for n in ws.networks]
    assert table.index.name == "Dato" and table.index.is_monotonic_increasing
    for net in ws.networks:  # every dated count is in the table, and only those
        expected = {
            e.date: float(e.members) for e in ws.network_events if e.network == net.id and e.members is not None
        }
        column = table[names[net.id]].dropna()
        assert {d.date(): v for d, v in column.items()} == expected
    assert table.ffill().iloc[-1].tolist() == [19.0, 21.0]


def test_network_members_up_to_a_day_keep_the_larger_of_two_counts_and_skip_unknown_ones():
    ws = load_workspace(EXAMPLE)
    events = list(ws.network_events)
    first = events[0]
    changed = ws.with_table(
        "network_events",
        [*events, edit(first, id="NE-900", members=first.members + 5), edit(events[1], id="NE-901", members=None)],
    )
    table = network_members(changed, first.date)
    assert len(table) == 1 and table.index[0].date() == first.date  # nothing after the day
    net_name = next(n.name for n in ws.networks if n.id == first.network)
    assert table[net_name].iloc[0] == first.members + 5
    other = [c for c in table.columns if c != net_name]
    assert all(math.isnan(table[c].iloc[0]) for c in other)


def test_network_members_without_events():
    ws = load_workspace(EXAMPLE).with_table("network_events", [])
    table = network_members(ws, date(2026, 11, 26))
    assert table.empty and list(table.columns) == [n.name for n in ws.networks]


def test_action_ages_count_closed_and_open_by_age_up_to_a_day():
    from forumkit.rules.status_data import action_ages

    ws = load_workspace(EXAMPLE)
    end = date(2026, 11, 26)
    expected = {"lukket": 0, "åben, 0–30 dage": 0, "åben, 31–90 dage": 0, "åben, over 90 dage": 0}
    for a in ws.actions:  # the rule, stated on the records
        made = ws.meeting_by_id[a.meeting].date
        if made > end:
            continue
        age = (end - made).days
        key = (
            "lukket"
            if a.closed and a.closed <= end
            else "åben, 0–30 dage"
            if age <= 30
            else "åben, 31–90 dage"
            if age <= 90
            else "åben, over 90 dage"
        )
        expected[key] += 1
    assert action_ages(ws, end) == expected
    assert sum(expected.values()) == len(ws.actions) and expected["lukket"] > 0
    first = min(ws.meeting_by_id[a.meeting].date for a in ws.actions)
    assert sum(action_ages(ws, date(first.year - 1, 1, 1)).values()) == 0  # nothing set before the first meeting
    late = ws.with_table("actions", [edit(a, closed=None) for a in ws.actions])
    ages = action_ages(late, end)
    assert ages["lukket"] == 0 and sum(ages.values()) == len(ws.actions)


def test_further_study_chart_counts_the_green_list():
    from forumkit.model.tables import INITIATIVE_STATUSES
    from forumkit.rules.catalogue_rules import green_list
    from forumkit.rules.status_data import chart_data
    from forumkit.storage.store import read_changes

    ws = load_workspace(EXAMPLE)
    chart = next(c for c in chart_data(ws, read_changes(EXAMPLE), 2026, date(2026, 11, 26)) if c.key == "green")
    facts_ws = ws  # the example's initiatives are unchanged since the year's end (today)
    green = green_list(facts_ws)
    expected = {s: sum(g.initiative.status == s for g in green) for s in INITIATIVE_STATUSES}
    assert chart.table["Antal"].to_dict() == {s: n for s, n in expected.items() if n}
    no_owner = sum("ejer" in g.missing for g in green)
    assert chart.takeaway == f"{len(green)} initiativer til yderligere belysning; {no_owner} mangler en ejer"
