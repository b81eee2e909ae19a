"""The roll-up and its history pinned on content: the rule text, every contribution, the cut-off at the end of a
day, and "add" entries undone (found by mutation testing, docs/mutation.md)."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.model.charter import ProgressRules
from forumkit.model.errors import InputError
from forumkit.model.tables import Initiative
from forumkit.rules.rollup import (
    Contribution,
    describe_rule,
    explain,
    initiatives_as_of,
    month_ends,
    progress_history,
    rollup,
)
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE

D = date.fromisoformat


@pytest.fixture(scope="module")
def example():
    return load_workspace(EXAMPLE)


def ini(iid, status="igangsat", progress=None, budget=None, pillar="LH", network=None, group=None, title=None):
    return Initiative(
        id=iid,
        title=title or f"Titel {iid}",
        pillar=pillar,
        kind="fælles",
        status=status,
        progress=progress,
        budget_asked=budget,
        network=network,
        working_group=group,
    )


def only(ws, *rows):
    return ws.with_table("initiatives", rows)


def lh(ws, rules=None, detail=True):
    return next(r for r in rollup(ws, "pillar", rules, detail=detail) if r.key == "LH")


# --- the rule, said in words ---------------------------------------------------------------------------------


def test_the_rule_in_words():
    assert describe_rule(ProgressRules()) == (
        "simpelt gennemsnit; statusser, der tæller: idé, afklaring, igangsat, "
        "gennemført; initiativer uden fremdrift udelades"
    )
    assert describe_rule(ProgressRules(weighting="budget", blank="nul", statuses=("igangsat", "gennemført"))) == (
        "vægtet efter søgt budget; statusser, der tæller: igangsat, gennemført; initiativer uden fremdrift tæller "
        "som 0 %"
    )


# --- one figure and every contribution ---------------------------------------------------------------------


def test_every_contribution_with_its_reason_weight_and_share(example):
    ws = only(
        example,
        ini("T-3", "igangsat", 60, 300),
        ini("T-1", "parkeret", 90, 100),
        ini("T-2", "idé", None, 100),
        ini("T-4", "afklaring", 20, 100),
    )
    figure = lh(ws, ProgressRules(weighting="budget"))
    assert (figure.key, figure.name, figure.counted, figure.total) == ("LH", "Liv på Havnen", 2, 4)
    assert figure.value == pytest.approx((60 * 300 + 20 * 100) / 400)
    assert figure.rule == describe_rule(ProgressRules(weighting="budget"))
    assert figure.contributions == (
        Contribution("T-1", "Titel T-1", "parkeret", 90, False, "status 'parkeret' tæller ikke med", 0.0, 0.0),
        Contribution("T-2", "Titel T-2", "idé", None, False, "ingen fremdrift angivet – udeladt", 0.0, 0.0),
        Contribution("T-3", "Titel T-3", "igangsat", 60, True, "tæller med", 300.0, pytest.approx(45.0)),
        Contribution("T-4", "Titel T-4", "afklaring", 20, True, "tæller med", 100.0, pytest.approx(5.0)),
    )


def test_a_blank_counted_as_zero_says_so(example):
    ws = only(example, ini("T-1", "igangsat", None, 200), ini("T-2", "igangsat", 80, 200))
    figure = lh(ws, ProgressRules(blank="nul", weighting="budget"))
    assert figure.value == 40 and figure.counted == 2
    assert figure.contributions[0] == Contribution(
        "T-1", "Titel T-1", "igangsat", None, True, "ingen fremdrift angivet – tæller som 0 %", 200.0, 0.0
    )
    assert figure.contributions[1].share == 40


def test_no_budgets_falls_back_to_a_plain_mean_on_every_line(example):
    ws = only(example, ini("T-1", "igangsat", 30), ini("T-2", "opgivet", 90), ini("T-3", "igangsat", 60, 0))
    figure = lh(ws, ProgressRules(weighting="budget"))
    assert figure.value == 45 and figure.counted == 2 and figure.total == 3
    assert figure.rule.endswith("udelades (ingen budgetter: simpelt gennemsnit)")
    assert [(c.initiative, c.counted, c.reason, c.weight, c.share) for c in figure.contributions] == [
        ("T-1", True, "tæller med (ingen budgetter – simpelt gennemsnit)", 1.0, 15.0),
        ("T-2", False, "status 'opgivet' tæller ikke med", 0.0, 0.0),
        ("T-3", True, "tæller med (ingen budgetter – simpelt gennemsnit)", 1.0, 30.0),
    ]


def test_some_budgets_weigh_and_the_others_weigh_nothing(example):
    ws = only(example, ini("T-1", "igangsat", 10, 1000), ini("T-2", "igangsat", 90))
    figure = lh(ws, ProgressRules(weighting="budget"))
    assert figure.value == 10 and "ingen budgetter" not in figure.rule
    assert [c.share for c in figure.contributions] == [10.0, 0.0]


def test_a_plain_mean_ignores_budgets(example):
    ws = only(example, ini("T-1", "igangsat", 10, 1000), ini("T-2", "igangsat", 90))
    assert lh(ws).value == 50
    assert [c.weight for c in lh(ws).contributions] == [1.0, 1.0]


def test_without_detail_there_are_no_contributions(example):
    ws = only(example, ini("T-1", "igangsat", 10))
    assert all(r.contributions == () for r in rollup(ws))
    assert lh(ws, detail=False).contributions == () and lh(ws, detail=False).value == 10


def test_only_counted_statuses_and_an_empty_group(example):
    ws = only(example, ini("T-1", "parkeret", 50))
    figure = lh(ws)
    assert (figure.value, figure.counted, figure.total) == (None, 0, 1)
    assert [r.key for r in rollup(ws)] == ["IU", "FGK", "TL", "LH", "RE"]
    assert [r.value for r in rollup(ws)] == [None] * 5


# --- groupings ---------------------------------------------------------------------------------------------


def test_by_network_skips_initiatives_without_one(example):
    GASTRO = example.networks[1].name
    ws = only(
        example,
        ini("T-1", "igangsat", 20, network="N-KLIMA"),
        ini("T-2", "igangsat", 80),
        ini("T-3", "igangsat", 40, network="N-KLIMA"),
    )
    assert [(r.key, r.name, r.value, r.total) for r in rollup(ws, "network")] == [
        ("N-KLIMA", "Erhvervsnetværk for klima og bæredygtighed", 30, 2),
        ("N-GASTRO", GASTRO, None, 0),
    ]


def test_by_working_group(example):
    ws = only(example, ini("T-1", "igangsat", 20, group="WG-2"))
    assert {r.key: r.value for r in rollup(ws, "working_group")} == {"WG-1": None, "WG-2": 20}


def test_explain_names_its_columns_and_refuses_an_unknown_group(example):
    ws = only(example, ini("T-1", "igangsat", 33, 3), ini("T-2", "parkeret", None, 1))
    table, figure = explain(ws, "LH", rules=ProgressRules(weighting="budget"))
    assert table.drop(columns="Fremdrift").to_dict("records") == [
        {
            "Initiativ": "T-1",
            "Titel": "Titel T-1",
            "Status": "igangsat",
            "Tæller": "ja",
            "Vægt": 3.0,
            "Bidrag (%-point)": 33.0,
            "Forklaring": "tæller med",
        },
        {
            "Initiativ": "T-2",
            "Titel": "Titel T-2",
            "Status": "parkeret",
            "Tæller": "nej",
            "Vægt": 0.0,
            "Bidrag (%-point)": 0.0,
            "Forklaring": "status 'parkeret' tæller ikke med",
        },
    ]
    assert table["Fremdrift"].tolist()[0] == 33 and table["Fremdrift"].isna().tolist() == [False, True]
    assert str(table["Fremdrift"].dtype) == "Int64"
    assert figure.value == 33
    with pytest.raises(InputError):
        explain(ws, "XX")
    with pytest.raises(InputError):
        explain(ws, "LH", by="afdeling")
    network_table, network = explain(
        only(example, ini("T-1", "igangsat", 5, network="N-GASTRO")), "N-GASTRO", by="network"
    )
    assert (list(network_table["Initiativ"]), network.value) == (["T-1"], 5)


def test_explain_rounds_weight_and_share(example):
    ws = only(example, ini("T-1", "igangsat", 10, 1), ini("T-2", "igangsat", 20, 2))
    table, _ = explain(ws, "LH", rules=ProgressRules(weighting="budget"))
    assert table["Bidrag (%-point)"].tolist() == [3.3, 13.3]
    assert table["Vægt"].tolist() == [1.0, 2.0]


# --- the history, rebuilt from the change log ------------------------------------------------------------------


def entry(time, row, field, old, new, op="change", table="initiatives"):
    return {"time": time, "table": table, "row": row, "op": op, "field": field, "old": old, "new": new}


def test_a_change_logged_on_the_report_day_itself_counts_that_day(example):
    ws = only(example, ini("T-1", "igangsat", 80))
    log = [entry("2026-05-31T23:59:59", "T-1", "fremdrift", "40", "80")]
    history = progress_history(ws, log, [D("2026-05-30"), D("2026-05-31"), D("2026-06-01")])
    assert {day: values["LH"] for day, values in history.items()} == {
        D("2026-05-30"): 40,
        D("2026-05-31"): 80,
        D("2026-06-01"): 80,
    }


def test_a_change_at_midnight_belongs_to_the_new_day(example):
    ws = only(example, ini("T-1", "igangsat", 80))
    log = [entry("2026-06-01T00:00:00", "T-1", "fremdrift", "40", "80")]
    history = progress_history(ws, log, [D("2026-05-31"), D("2026-06-01")])
    assert [values["LH"] for values in history.values()] == [40, 80]


def test_an_added_initiative_did_not_exist_before_it_was_added(example):
    ws = only(example, ini("T-1", "igangsat", 80), ini("T-2", "igangsat", 20))
    log = [
        entry("2026-03-10T09:00:00", "T-2", "status", None, "igangsat", op="add"),
        entry("2026-03-10T09:00:00", "T-2", "fremdrift", None, "20", op="add"),
    ]
    states = initiatives_as_of(ws, log, [D("2026-03-09"), D("2026-03-10")])
    assert [[i.id for i in rows] for rows in states.values()] == [["T-1"], ["T-1", "T-2"]]
    assert list(states) == [D("2026-03-09"), D("2026-03-10")]
    history = progress_history(ws, log, [D("2026-03-09"), D("2026-03-10")])
    assert [values["LH"] for values in history.values()] == [80, 50]


@pytest.mark.parametrize("field", ["id", "titel"])
def test_an_add_of_its_id_or_title_also_removes_it(example, field):
    ws = only(example, ini("T-1", "igangsat", 80))
    states = initiatives_as_of(ws, [entry("2026-03-10T09:00:00", "T-1", field, None, "x", op="add")], [D("2026-03-09")])
    assert states == {D("2026-03-09"): ()}


def test_an_add_of_another_field_is_undone_as_a_change(example):
    ws = only(example, ini("T-1", "igangsat", 80, 500))
    log = [
        entry("2026-03-10T09:00:00", "T-1", "fremdrift", None, "80", op="add"),
        entry("2026-03-11T09:00:00", "T-1", "budget_søgt", "100", "500"),
    ]
    states = initiatives_as_of(ws, log, [D("2026-03-09"), D("2026-03-10"), D("2026-03-11")])
    assert [(rows[0].progress, rows[0].budget_asked) for rows in states.values()] == [(None, 100), (80, 100), (80, 500)]


def test_undoing_each_kind_of_field(example):
    ws = only(example, ini("T-1", "igangsat", 80, 500, network="N-KLIMA", group="WG-1"))
    log = [
        entry("2026-03-10T09:00:00", "T-1", "status", "idé", "igangsat"),
        entry("2026-03-10T09:00:01", "T-1", "søjle", "IU", "LH"),
        entry("2026-03-10T09:00:02", "T-1", "netværk", None, "N-KLIMA"),
        entry("2026-03-10T09:00:03", "T-1", "arbejdsgruppe", "", "WG-1"),
        entry("2026-03-10T09:00:04", "T-1", "budget_sikret", "7", None),
        entry("2026-03-10T09:00:05", "T-1", "budget_søgt", "", "500"),
        entry("2026-03-10T09:00:06", "T-1", "fremdrift", "5", "80"),
    ]
    (before,) = initiatives_as_of(ws, log, [D("2026-03-09")])[D("2026-03-09")]
    assert (
        before.status,
        before.pillar,
        before.network,
        before.working_group,
        before.budget_secured,
        before.budget_asked,
        before.progress,
    ) == ("idé", "IU", None, None, 7, None, 5)


def test_a_blank_old_status_or_pillar_keeps_the_current_one(example):
    ws = only(example, ini("T-1", "igangsat", 80))
    log = [
        entry("2026-03-10T09:00:00", "T-1", "status", None, "igangsat"),
        entry("2026-03-10T09:00:01", "T-1", "søjle", "", "LH"),
    ]
    (before,) = initiatives_as_of(ws, log, [D("2026-03-09")])[D("2026-03-09")]
    assert (before.status, before.pillar) == ("igangsat", "LH")


def test_entries_that_do_not_concern_initiatives_are_ignored(example):
    ws = only(example, ini("T-1", "igangsat", 80))
    log = [
        entry("2026-03-10T09:00:00", "T-1", "fremdrift", "1", "80", table="meetings"),
        {"table": "initiatives", "row": "T-1", "op": "change", "field": "fremdrift", "old": "2", "new": "80"},
        entry("2026-03-10T09:00:00", "T-9", "fremdrift", "3", "80"),
        entry("2026-03-10T09:00:00", "T-1", "beskrivelse", "gammel", "ny"),
        entry("2026-03-10T09:00:00", "T-1", "*", None, None, op="remove"),
    ]
    (before,) = initiatives_as_of(ws, log, [D("2026-03-09")])[D("2026-03-09")]
    assert before.progress == 80


def test_later_changes_are_undone_newest_first(example):
    ws = only(example, ini("T-1", "igangsat", 90))
    log = [
        entry("2026-01-05T09:00:00", "T-1", "fremdrift", "10", "50"),
        entry("2026-02-05T09:00:00", "T-1", "fremdrift", "50", "90"),
    ]
    days = [D("2026-01-04"), D("2026-01-31"), D("2026-02-28")]
    assert [rows[0].progress for rows in initiatives_as_of(ws, list(reversed(log)), days).values()] == [10, 50, 90]


def test_the_example_history_by_network(example):
    from forumkit.storage.store import read_changes

    history = progress_history(example, read_changes(EXAMPLE), [D("2025-05-31"), D("2026-11-26")], by="network")
    assert history[D("2025-05-31")] == {"N-KLIMA": None, "N-GASTRO": None}
    assert history[D("2026-11-26")] == {r.key: r.value for r in rollup(example, "network")}


# --- month ends --------------------------------------------------------------------------------------------


def test_month_ends_across_a_new_year_and_a_leap_february():
    assert month_ends(D("2023-11-15"), D("2024-03-10")) == [
        D("2023-11-30"),
        D("2023-12-31"),
        D("2024-01-31"),
        D("2024-02-29"),
        D("2024-03-10"),
    ]


def test_month_ends_within_one_month_and_on_a_month_end():
    assert month_ends(D("2026-05-02"), D("2026-05-20")) == [D("2026-05-20")]
    assert month_ends(D("2026-05-02"), D("2026-06-30")) == [D("2026-05-31"), D("2026-06-30")]
    assert month_ends(D("2026-06-01"), D("2026-05-31")) == []


# --- third round of survivors: the messages for a wrong grouping or group, an unknown row inside a save ------


def test_an_unknown_grouping_is_an_input_error_naming_the_three(example):
    with pytest.raises(InputError) as info:
        rollup(example, "kommune")
    assert (info.value.field, info.value.value) == ("gruppering", "kommune")
    assert str(info.value) == "gruppering: ukendt gruppering 'kommune' – brug en af: pillar, network, working_group"


@pytest.mark.parametrize("by, label", [("pillar", "søjle"), ("network", "netværk"), ("working_group", "arbejdsgruppe")])
def test_an_unknown_group_is_named_under_its_grouping_with_the_known_ones(example, by, label):
    with pytest.raises(InputError) as info:
        explain(example, "ZZ", by)
    assert (info.value.field, info.value.value) == (label, "ZZ")
    message = str(info.value)
    assert message.startswith(f"{label}: 'ZZ' findes ikke – vælg en af: ")
    if by == "pillar":
        first = example.charter.pillars[0]
        assert f"{first.id} ({first.name}), " in message


def test_a_grouping_without_groups_says_ingen(example):
    ws = example.with_table("working_groups", ()).with_table(
        "initiatives", [i.model_copy(update={"working_group": None}) for i in example.initiatives]
    )
    with pytest.raises(InputError) as info:
        explain(ws, "WG-1", "working_group")
    assert str(info.value) == "arbejdsgruppe: 'WG-1' findes ikke – vælg en af: ingen"


def test_an_entry_for_an_unknown_row_does_not_stop_the_rest_of_its_save_being_undone(example):
    ws = only(example, ini("T-1", "igangsat", 80))
    log = [  # one save (same time): reversed, the unknown row's entry comes first
        entry("2026-03-10T09:00:00", "T-1", "fremdrift", "5", "80"),
        entry("2026-03-10T09:00:00", "T-9", "fremdrift", "3", "80"),
    ]
    (before,) = initiatives_as_of(ws, log, [D("2026-03-09")])[D("2026-03-09")]
    assert before.progress == 5
