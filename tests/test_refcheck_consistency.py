"""The columnar reference pre-check never passes what the full reference check refuses.

references_ok (fast, on frames) and reference_problems (worded, on records) state the same rules twice for
speed; this test breaks every text cell of every table in turn and requires the two to agree."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.model.refcheck import references_ok
from forumkit.model.tables import TABLES
from forumkit.model.workspace import Workspace, reference_problems
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE


def _plain(ws) -> Workspace:
    return Workspace(charter=ws.charter, **{name: ws.table(name) for name in TABLES})


@pytest.fixture(scope="module")
def example():
    return _plain(load_workspace(EXAMPLE))


def _cases(ws):
    for name, spec in TABLES.items():
        rows = ws.table(name)
        if not rows:
            continue
        for attr, _field in spec.model.model_fields.items():
            value = getattr(rows[-1], attr)
            if isinstance(value, str) or (isinstance(value, tuple) and value):
                yield name, attr


@pytest.mark.parametrize("bad", ["FINDES-IKKE", "linje\nskift"])
def test_every_broken_cell_the_full_check_refuses_fails_the_pre_check(example, bad):
    assert references_ok(example) and not reference_problems(example)
    missed = []
    for name, attr in _cases(example):
        rows = list(example.table(name))
        value = (bad,) if isinstance(getattr(rows[-1], attr), tuple) else bad
        rows[-1] = rows[-1].model_copy(update={attr: value})
        broken = example.with_table(name, rows)
        if reference_problems(broken) and references_ok(broken):
            missed.append(f"{name}.{attr}")
    assert missed == []


@pytest.mark.parametrize("day", [date(1900, 1, 2), date(2199, 12, 30)])
def test_every_date_moved_to_an_edge_the_full_check_refuses_fails_the_pre_check(example, day):
    missed = []
    for name, spec in TABLES.items():
        rows = list(example.table(name))
        for index in range(len(rows)):
            for attr in spec.model.model_fields:
                if isinstance(getattr(rows[index], attr), date):
                    changed = rows.copy()
                    changed[index] = rows[index].model_copy(update={attr: day})
                    broken = example.with_table(name, changed)
                    if reference_problems(broken) and references_ok(broken):
                        missed.append(f"{name}[{index}].{attr}")
    assert missed == []


def test_a_duplicated_key_and_an_unknown_agenda_item_fail_both_checks(example):
    missed = []
    for name in TABLES:
        rows = list(example.table(name))
        if rows:
            broken = example.with_table(name, [*rows, rows[0]])
            if not (reference_problems(broken) and not references_ok(broken)):
                missed.append(name)
    with_item = [i for i, a in enumerate(example.actions) if a.number is not None]
    assert with_item, "the example has actions tied to an agenda item"
    rows = list(example.actions)
    rows[with_item[0]] = rows[with_item[0]].model_copy(update={"number": 999})
    broken = example.with_table("actions", rows)
    if not (reference_problems(broken) and not references_ok(broken)):
        missed.append("actions.number")
    assert missed == []


@pytest.mark.parametrize("big", [False, True])
def test_unknown_pairs_packed_or_not(big):
    import numpy as np

    from forumkit.model.refcheck import _unknown_pairs

    shift = 2**45 if big else 0  # beyond 40 bits: the set of pairs instead of packed numbers
    meetings = np.array(["M-1", "M-2", "M-1", "M-3"], dtype=object)
    items = np.array([1, 1, 2, 1], dtype=np.int64) + shift
    known_meetings = np.array(["M-1", "M-2", "M-2"], dtype=object)
    known_items = np.array([1, 2, 1], dtype=np.int64) + shift
    assert _unknown_pairs(meetings, items, known_meetings, known_items).tolist() == [False, False, True, True]
