"""The explainable roll-up, pinned on the edge cases where Decidim's roll-up goes wrong."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.model.charter import ProgressRules
from forumkit.model.tables import Initiative
from forumkit.rules.rollup import explain, month_ends, progress_history, rollup
from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import EXAMPLE, TODAY


@pytest.fixture
def ws():
    return load_workspace(EXAMPLE)


def with_lh(ws, *rows):
    """The example with only the given initiatives under Liv på Havnen (LH)."""
    others = [i for i in ws.initiatives if i.pillar != "LH"]
    made = [
        Initiative(
            id=f"T-{n}",
            title=f"T{n}",
            pillar="LH",
            kind="fælles",
            status=status,
            progress=progress,
            budget_asked=budget,
        )
        for n, (status, progress, budget) in enumerate(rows)
    ]
    return ws.with_table("initiatives", others + made)


def lh(ws, **rule):
    return next(r for r in rollup(ws, "pillar", ProgressRules(**rule), detail=True) if r.key == "LH")


def test_why_liv_paa_havnen_is_at_65(ws):
    table, figure = explain(ws, "LH")
    assert round(figure.value) == 65 and (figure.counted, figure.total) == (3, 5)
    assert list(table["Initiativ"]) == ["I-001", "I-019", "I-020", "I-021", "I-022"]
    assert list(table["Tæller"]) == ["ja", "ja", "ja", "nej", "nej"]
    assert abs(table["Bidrag (%-point)"].sum() - figure.value) < 0.2
    assert table.loc[3, "Forklaring"] == "ingen fremdrift angivet – udeladt"


def test_blank_progress_left_out_or_counted_as_zero(ws):
    data = with_lh(ws, ("igangsat", 80, None), ("afklaring", None, None))
    assert lh(data, blank="udelad").value == 80
    assert lh(data, blank="nul").value == 40
    assert "uden fremdrift tæller som 0 %" in lh(data, blank="nul").rule


def test_parked_and_abandoned_are_out_by_default(ws):
    data = with_lh(ws, ("igangsat", 50, None), ("parkeret", 0, None), ("opgivet", 0, None))
    assert lh(data).value == 50 and lh(data).counted == 1
    everything = ProgressRules().statuses + ("parkeret", "opgivet")
    assert lh(data, statuses=everything).value == pytest.approx(50 / 3)


def test_mixed_weights_never_exceed_100(ws):
    data = with_lh(ws, ("gennemført", 100, 1_000_000), ("igangsat", 100, 0), ("igangsat", 20, None))
    figure = lh(data, weighting="budget")
    assert figure.value == 100  # only the initiative with a budget weighs
    assert lh(data, weighting="lige").value == pytest.approx(220 / 3)


def test_budget_weighting_without_any_budget_falls_back_and_says_so(ws):
    data = with_lh(ws, ("igangsat", 30, None), ("igangsat", 60, 0))
    figure = lh(data, weighting="budget")
    assert figure.value == 45 and "ingen budgetter: simpelt gennemsnit" in figure.rule


def test_one_child_and_no_child(ws):
    assert lh(with_lh(ws, ("igangsat", 37, 500))).value == 37
    empty = lh(with_lh(ws))
    assert (empty.value, empty.counted, empty.total) == (None, 0, 0)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["idé", "afklaring", "igangsat", "gennemført", "parkeret", "opgivet"]),
            st.one_of(st.none(), st.integers(0, 100)),
            st.one_of(st.none(), st.integers(0, 10_000_000)),
        ),
        max_size=12,
    ),
    st.sampled_from(["lige", "budget"]),
    st.sampled_from(["udelad", "nul"]),
)
def test_any_rule_stays_within_0_and_100(rows, weighting, blank):
    ws = load_workspace(EXAMPLE)
    figure = lh(with_lh(ws, *rows), weighting=weighting, blank=blank)
    assert figure.value is None or 0 <= figure.value <= 100
    assert figure.value is None or abs(sum(c.share for c in figure.contributions) - figure.value) < 1e-6


def test_by_network_and_working_group(ws):
    assert [r.key for r in rollup(ws, "network")] == ["N-KLIMA", "N-GASTRO"]
    groups = {r.key: r for r in rollup(ws, "working_group")}
    assert groups["WG-1"].value == pytest.approx((70 + 25) / 2)


def test_progress_over_time_from_the_change_log(ws):
    days = month_ends(date(2025, 5, 1), TODAY)
    history = progress_history(ws, read_changes(EXAMPLE), days)
    assert history[TODAY] == {r.key: r.value for r in rollup(ws)}
    assert history[date(2025, 5, 31)] == {"IU": None, "FGK": None, "TL": None, "LH": None, "RE": None}
    # 31 August 2025: the inspiration day at 60 %, the two networks at 30 % and 20 %; nothing else existed yet.
    assert history[date(2025, 8, 31)]["FGK"] == pytest.approx((60 + 30 + 20) / 3)
    assert 0 < history[date(2026, 2, 28)]["LH"] < history[TODAY]["LH"]


def test_initiatives_removed_after_the_day_come_back_in_their_places(store):
    """A removal logged today is undone for yesterday: the whole row, at its place, as history rebuilds it."""
    from datetime import datetime, timedelta

    from forumkit.model.workspace import reference_problems
    from forumkit.rules.rollup import initiatives_as_of
    from forumkit.storage.history import workspace_as_of

    before = store.load()
    gone = next(
        i
        for i in before.initiatives[1:]
        if not reference_problems(before.with_table("initiatives", [j for j in before.initiatives if j.id != i.id]))
    )
    place = before.initiatives.index(gone)
    store.update(lambda ws: ws.with_table("initiatives", [i for i in ws.initiatives if i.id != gone.id]))
    after = store.load()
    assert gone.id not in after.initiative_by_id
    yesterday = datetime.now().date() - timedelta(days=1)
    states = initiatives_as_of(after, read_changes(store.root), [yesterday, datetime.now().date()])
    assert [i.id for i in states[yesterday]] == [i.id for i in before.initiatives]
    assert states[yesterday][place] == gone
    assert gone.id not in {i.id for i in states[datetime.now().date()]}
    rebuilt = workspace_as_of(store.root, yesterday).workspace.initiatives
    assert states[yesterday] == rebuilt
