"""The fictional example forum is complete enough to show every screen at its best."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from forumkit.model.membership import chair
from forumkit.rules.checks import run_checks
from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import EXAMPLE, TODAY


def test_example_is_complete():
    ws = load_workspace(EXAMPLE)
    years = {m.date.year for m in ws.meetings}
    assert {2025, 2026} <= years
    constituent = [m for m in ws.meetings if m.kind == "konstituerende"]
    assert len(constituent) == 1 and constituent[0].state == "referat godkendt"
    assert chair(ws, TODAY).name == "Karin Søborg"
    assert any(m.state == "planlagt" for m in ws.meetings)
    assert len(ws.initiatives) >= 25
    pillars = Counter(i.pillar for i in ws.initiatives)
    assert {"IU", "FGK", "TL", "LH"} <= set(pillars)
    titles = " ".join(i.title for i in ws.initiatives).lower()
    for public_example in (
        "bod med lokale råvarer",
        "inspirationsdag om gastronomi",
        "skiltning for turister",
        "klima og bæredygtighed",
        "gastronomi og lokale fødevarer",
        "nyhedsbrev",
    ):
        assert public_example in titles
    assert len(ws.working_groups) == 2 and ws.actions and ws.attendance and ws.agenda
    progress_changes = [e for e in read_changes(EXAMPLE) if e["field"] == "fremdrift"]
    assert len(progress_changes) >= 40


def test_example_people_are_fictional():
    ws = load_workspace(EXAMPLE)
    for person in (*ws.members, *ws.secretariat):
        assert person.email.endswith("@example.dk")
        assert re.fullmatch(r"0000 \d{4}", person.phone)


def test_example_shows_real_findings():
    codes = {f.code for f in run_checks(load_workspace(EXAMPLE), TODAY)}
    assert {"term-expiring", "invitation-late", "initiative-stale", "budget-suspicious"} <= codes
    assert not [f for f in run_checks(load_workspace(EXAMPLE), TODAY) if f.severity == "fejl"]


def test_example_before_the_constituent_meeting_has_no_chair_yet():
    codes = {f.code for f in run_checks(load_workspace(EXAMPLE), date(2025, 4, 15))}
    assert "chair-not-yet" in codes and "chair-missing" not in codes
