"""Trace views: an initiative's decisions, actions, inputs, milestones and logged progress; a meeting's
decisions and what followed (actions, initiatives then and now) – rules and screens."""

from __future__ import annotations

import pytest

from forumkit.model.errors import InputError
from forumkit.rules.trace import initiative_history, trace_initiative, trace_meeting
from forumkit.storage.store import load_workspace, read_changes
from forumkit.ui.catalogue import CatalogueScreen
from forumkit.ui.common import output_text
from forumkit.ui.meetings import MeetingScreen


def test_an_initiatives_trace(workspace):
    ws = load_workspace(workspace)
    t = trace_initiative(ws, "I-001", read_changes(workspace))
    assert [(d.meeting, d.number) for d in t.decisions] == [("M-2025-2", 5), ("M-2026-2", 5)]
    assert [a.id for a in t.actions] == ["H-003", "H-008"]
    assert [i.id for i in t.inputs] == ["IN-001"]
    assert [m.id for m in t.milestones] == ["MP-001", "MP-002"]
    assert [(h.field, h.old, h.new) for h in t.history] == [
        ("status", None, "idé"),
        ("status", "idé", "afklaring"),
        ("status", "afklaring", "igangsat"),
        ("fremdrift", None, "10"),
        ("fremdrift", "10", "30"),
        ("fremdrift", "30", "50"),
        ("fremdrift", "50", "70"),
    ]
    with pytest.raises(InputError, match="I-999"):
        trace_initiative(ws, "I-999")


def test_history_ignores_other_rows_and_fields():
    log = [
        {"table": "initiatives", "row": "I-1", "field": "titel", "old": "a", "new": "b"},
        {"table": "actions", "row": "I-1", "field": "status", "new": "x"},
        {"table": "initiatives", "row": "I-2", "field": "status", "new": "idé"},
        {
            "table": "initiatives",
            "row": "I-1",
            "field": "fremdrift",
            "old": "5",
            "new": "9",
            "who": "a",
            "time": "t",
            "what": "w",
        },
    ]
    assert [(h.old, h.new, h.who) for h in initiative_history(log, "I-1")] == [("5", "9", "a")]


def test_a_meetings_trace_shows_what_followed(workspace):
    ws = load_workspace(workspace)
    t = trace_meeting(ws, "M-2025-2", read_changes(workspace))
    assert t.meeting.id == "M-2025-2" and t.decisions
    assert "H-003" in [a.id for a in t.actions]
    assert t.open_actions == sum(a.state != "lukket" for a in t.actions)
    bod = next(x for x in t.initiatives if x.initiative == "I-001")
    assert "punkt 5" in bod.why and "opgave H-003" in bod.why
    assert (bod.status_then, bod.progress_then) == ("afklaring", None)  # igangsat only on 15 October 2025
    assert (bod.status_now, bod.progress_now) == ("igangsat", 70)
    assert [g.id for g in t.groups] == ["WG-1", "WG-2"]
    with pytest.raises(InputError, match="M-1999"):
        trace_meeting(ws, "M-1999")


def test_the_trace_tab_shows_an_initiatives_page(workspace):
    screen = CatalogueScreen.from_env()
    screen.trace.pick.value = "I-001"
    text = output_text(screen.trace.out)
    for expected in (
        "I-001 Ubemandet bod",
        "Beslutninger",
        "M-2025-2",
        "Afklare placering af boden",
        "Fiskerne vil gerne sælge direkte fra havnen.",
        "Boden opstillet",
        "afklaring",
        "igangsat",
        "susanne.friis",
    ):
        assert expected in text, expected


def test_the_meeting_follow_up_tab(workspace):
    screen = MeetingScreen.from_env()
    screen.meeting.value = "M-2025-2"
    text = output_text(screen.trace_out)
    assert "Opfølgning på M-2025-2" in text
    assert "Afklare placering af boden med havnefogeden" in text
    assert "afklaring" in text and "igangsat, 70 %" in text
    assert screen.tabs.get_title(len(screen.tabs.children) - 1) == "Opfølgning"


def test_month_ends_rebuild_status_and_progress_from_the_log(workspace):
    from datetime import date

    ws = load_workspace(workspace)
    t = trace_initiative(ws, "I-001", read_changes(workspace), date(2026, 11, 26))
    assert [(m.day, m.status, m.progress) for m in t.months] == [
        (date(2025, 5, 31), "afklaring", None),
        (date(2025, 10, 31), "igangsat", 10),
        (date(2026, 2, 28), "igangsat", 30),
        (date(2026, 5, 31), "igangsat", 50),
        (date(2026, 10, 31), "igangsat", 70),
    ]
    assert trace_initiative(ws, "I-001", read_changes(workspace)).months == ()
