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
        expected = {e.date: float(e.members) for e in ws.network_events
                    if e.network == net.id and e.members is not None}
        column = table[names[net.id]].dropna()
        assert {d.date(): v for d, v in column.items()} == expected
    assert table.ffill().iloc[-1].tolist() == [19.0, 21.0]


def test_network_members_up_to_a_day_keep_the_larger_of_two_counts_and_skip_unknown_ones():
    ws = load_workspace(EXAMPLE)
    events = list(ws.network_events)
    first = events[0]
    changed = ws.with_table("network_events", [*events, edit(first, id="NE-900", members=first.members + 5),
                                               edit(events[1], id="NE-901", members=None)])
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
