"""Meetings: year plan, agenda builder, carry-over, attendance, decisions, actions – and bad input refused."""

from __future__ import annotations

from datetime import date, time

import pytest

from forumkit.edits.meetings import (
    add_action,
    add_item,
    adopt_year_plan,
    agenda_for,
    agenda_time,
    approve_minutes,
    carry_over,
    carry_over_candidates,
    close_action,
    mark_held,
    plan_meeting,
    record_sent,
    remove_item,
    set_attendance,
    set_decision,
    standard_agenda,
)
from forumkit.model.errors import InputError
from forumkit.rules.meeting_rules import check_meetings
from forumkit.rules.planning import avoid_reason, deadlines, propose_year
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY, snapshot

D = date.fromisoformat


@pytest.fixture
def ws():
    return load_workspace(EXAMPLE)


def test_year_plan_spring_and_autumn_on_good_days(ws):
    days = propose_year(ws.charter, 2028)
    assert days == [D("2028-04-27"), D("2028-10-12")]
    for day in days:
        assert day.isoweekday() in (2, 3, 4) and avoid_reason(day, ws.charter.meetings) is None
    assert deadlines(D("2028-04-27"), ws.charter.meetings) == type(deadlines(D("2028-04-27"), ws.charter.meetings))(
        invitation=D("2028-03-30"), agenda=D("2028-04-20"), minutes=D("2028-05-04")
    )


def test_year_plan_avoids_easter_ascension_week_42_and_july(ws):
    rules = ws.charter.meetings
    assert avoid_reason(D("2027-03-24"), rules) == "påskeugen"  # Easter Sunday 2027-03-28
    assert avoid_reason(D("2027-05-07"), rules) == "fredag efter Kristi himmelfart"
    assert avoid_reason(D("2027-10-20"), rules) == "skoleferie (uge 42)"
    assert avoid_reason(D("2027-07-07"), rules) == "sommerferie (juli)"
    assert avoid_reason(D("2027-12-24"), rules) == "en dag, kommissoriet undgår"
    assert avoid_reason(D("2027-05-06"), rules) == "helligdag (Kristi himmelfartsdag)"
    four = ws.charter.model_copy(update={"meetings": rules.model_copy(update={"per_year": 4})})
    assert len(propose_year(four, 2028)) == 4


def test_agenda_deadline_is_at_least_four_working_days(ws):
    # Wednesday 2026-04-08: a week before is 1 April, but Maundy Thursday, Good Friday and Easter Monday
    # leave only 7, 1, 31 and 30 as working days – so the agenda goes out on Monday 30 March.
    assert deadlines(D("2026-04-08"), ws.charter.meetings).agenda == D("2026-03-30")
    assert deadlines(D("2026-10-01"), ws.charter.meetings).agenda == D("2026-09-24")


def test_adopting_the_plan_creates_the_missing_meeting(ws):
    planned = adopt_year_plan(ws, 2027)
    assert [(m.id, m.date, m.state, m.venue, m.start) for m in planned.meetings if m.date.year == 2027] == [
        ("M-2027-1", D("2027-04-22"), "planlagt", "Dragør Rådhus", time(16)),
        ("M-2027-2", D("2027-10-14"), "planlagt", "Dragør Rådhus", time(16)),
    ]


def test_a_meeting_on_a_public_holiday_is_refused(ws):
    with pytest.raises(InputError) as info:
        plan_meeting(ws, D("2027-05-06"))
    assert info.value.message == "2027-05-06 er en helligdag (Kristi himmelfartsdag) – vælg en hverdag"


def test_a_meeting_in_a_holiday_week_is_flagged(ws):
    planned = plan_meeting(ws, D("2027-10-20"))
    found = [f.message for f in check_meetings(planned, TODAY) if f.code == "meeting-on-avoided-day"]
    assert found == ["M-2027-2 er lagt onsdag den 20. oktober 2027 – skoleferie (uge 42)"]


def test_standard_agenda_with_eventuelt_last(ws):
    planned = standard_agenda(plan_meeting(ws, D("2027-10-14")), "M-2027-2")
    planned = add_item(
        planned,
        "M-2027-2",
        title="Boden på havnen 2028",
        kind="beslutning",
        minutes=30,
        initiatives=("I-001",),
        recommendation="At boden fortsætter.",
    )
    assert [(i.number, i.title, i.kind) for i in agenda_for(planned, "M-2027-2")] == [
        (1, "Godkendelse af dagsorden", "beslutning"),
        (2, "Godkendelse af referat fra sidste møde", "beslutning"),
        (3, "Orientering fra formanden", "orientering"),
        (4, "Orientering fra administrationen", "orientering"),
        (5, "Boden på havnen 2028", "beslutning"),
        (6, "Eventuelt", "orientering"),
    ]
    assert agenda_time(planned, "M-2027-2") == type(agenda_time(planned, "M-2027-2"))(used=75, available=120, missing=0)
    removed = remove_item(planned, "M-2027-2", 3)
    assert [i.number for i in agenda_for(removed, "M-2027-2")] == [1, 2, 3, 4, 5]


def test_agenda_item_for_a_meeting_that_does_not_exist(ws):
    with pytest.raises(InputError) as info:
        add_item(ws, "M-2030-9", title="X", kind="drøftelse")
    assert info.value.message == "mødet 'M-2030-9' findes ikke"


def test_carry_over_undecided_items_and_open_actions(ws):
    offered = carry_over_candidates(ws, "M-2027-1")
    assert [(i.meeting, i.title) for i in offered.items] == [("M-2026-2", "Praktikpladsbørs og lærlinge")]
    assert [a.id for a in offered.actions] == ["H-006", "H-008", "H-009", "H-010", "H-011"]
    moved = carry_over(ws, "M-2027-1", list(offered.items), with_actions=True)
    titles = [(i.title, i.carried_from) for i in agenda_for(moved, "M-2027-1")]
    assert titles[-3:] == [
        ("Praktikpladsbørs og lærlinge", "M-2026-2"),
        ("Opfølgning på åbne opgaver", None),
        ("Eventuelt", None),
    ]
    assert carry_over_candidates(moved, "M-2027-1").items == ()
    # A council member does not know action ids: each open action by its text, names, deadline and meeting date
    follow_up = agenda_for(moved, "M-2027-1")[-2]
    lines = follow_up.case.splitlines()
    assert lines[0] == "Åbne opgaver fra tidligere møder:" and len(lines) == 6
    assert lines[2] == (
        "Aftale bodens drift for 2027 – ansvarlig: "
        f"{moved.member_by_id['A-007'].name}, frist 10. december 2026 (fra mødet 1. oktober 2026)."
    )
    assert not any(f"H-0{n}" in follow_up.title + follow_up.case for n in range(10, 100))
    assert "H-00" not in follow_up.title + follow_up.case and "S-00" not in follow_up.case
    assert follow_up.initiatives == ("I-001", "I-003", "I-008", "I-013")
    from forumkit.edits.meetings import action_line
    from forumkit.model.tables import edit

    odd = action_line(ws, edit(ws.actions[0], text="To linjer\nher.", owners=("X-999",), due=None))
    assert odd == "To linjer her – ansvarlig: X-999 (fra mødet " + odd.split("(fra mødet ")[1]
    again = carry_over(moved, "M-2027-1", [], with_actions=True)  # a second click adds no second item
    assert len(agenda_for(again, "M-2027-1")) == len(agenda_for(moved, "M-2027-1"))


def test_attendance_for_a_person_without_a_seat_is_refused(ws):
    with pytest.raises(InputError) as info:
        set_attendance(ws, "M-2026-2", "A-008", "deltog")
    assert info.value.message == "Thomas Krogh har ikke et sæde den 2026-10-01"
    changed = set_attendance(ws, "M-2026-2", "A-006", "deltog")
    assert {a.status for a in changed.attendance if a.meeting == "M-2026-2" and a.member == "A-006"} == {"deltog"}


def test_a_decision_on_an_orientering_item_is_refused(ws):
    with pytest.raises(InputError) as info:
        set_decision(ws, "M-2026-2", 3, "Godkendt.")
    assert "er et orienteringspunkt og kan ikke få en beslutning" in info.value.message
    noted = set_decision(ws, "M-2026-2", 3, "Til efterretning.")
    assert agenda_for(noted, "M-2026-2")[2].decision == "Til efterretning."


def test_actions_with_several_owners(ws):
    changed = add_action(
        ws,
        "M-2026-2",
        text="Indhente tilbud",
        owners=("A-007", "S-001"),
        due=D("2027-01-15"),
        number=5,
        initiative="I-001",
    )
    new = changed.actions[-1]
    assert (new.id, new.owners, new.state, new.initiative) == ("H-012", ("A-007", "S-001"), "åben", "I-001")
    closed = close_action(changed, "H-012", D("2027-01-10"))
    assert (closed.actions[-1].state, closed.actions[-1].closed) == ("lukket", D("2027-01-10"))
    with pytest.raises(InputError, match="mindst én ansvarlig"):
        add_action(ws, "M-2026-2", text="x", owners=(), due=None)


def test_sent_dates_and_late_findings(ws):
    sent = record_sent(ws, "M-2027-1", "indkaldelse", D("2027-04-01"))
    assert sent.meeting_by_id["M-2027-1"].state == "indkaldt"
    late = [f.message for f in check_meetings(sent, TODAY) if f.code == "invitation-late"]
    assert "M-2027-1: indkaldelsen blev sendt 1. april 2027, 7 dage efter fristen 25. marts 2027" in late
    with pytest.raises(InputError, match="er ikke afholdt endnu"):
        record_sent(ws, "M-2027-1", "referat", D("2027-04-25"))


def test_minutes_not_sent_is_a_finding(ws):
    from forumkit.model.tables import edit

    unsent = ws.with_table("meetings", [edit(m, minutes_sent=None) if m.id == "M-2026-2" else m for m in ws.meetings])
    assert [f.message for f in check_meetings(unsent, TODAY) if f.code == "minutes-due"] == [
        "M-2026-2: referatet skulle være sendt senest 8. oktober 2026"
    ]


def test_approval_at_a_later_meeting(ws):
    later = ws.meeting_by_id["M-2027-1"].date
    approved = approve_minutes(mark_held(ws, "M-2027-1", later), "M-2026-2", "M-2027-1", later)
    assert approved.meeting_by_id["M-2026-2"].state == "referat godkendt"
    with pytest.raises(InputError, match="senere møde"):
        approve_minutes(ws, "M-2026-2", "M-2026-1", later)


def test_year_without_enough_meetings_or_council_status(ws):
    fewer = (
        ws.with_table("meetings", [m for m in ws.meetings if m.id != "M-2026-1"])
        .with_table("agenda", [a for a in ws.agenda if a.meeting != "M-2026-1"])
        .with_table("attendance", [a for a in ws.attendance if a.meeting != "M-2026-1"])
        .with_table("actions", [a for a in ws.actions if a.meeting != "M-2026-1"])
        .with_table("inputs", [i for i in ws.inputs if i.meeting != "M-2026-1"])
        .with_table("council_reports", [r for r in ws.council_reports if r.id != "KB-2026"])
    )
    found = {f.code: f.message for f in check_meetings(fewer, TODAY)}
    assert found["year-too-few-meetings"] == "2026: 1 møde(r) afholdt eller planlagt – kommissoriet siger 2 om året"
    assert found["council-status-missing"].startswith(
        "2026: ingen status til Erhvervs-, Turisme-, Kultur- og Fritidsudvalget er registreret"
    )


def test_a_refused_edit_through_the_store_writes_nothing(store):
    before = snapshot(store.root)
    with pytest.raises(InputError):
        store.update(lambda ws: set_attendance(ws, "M-2026-2", "A-008", "deltog"))
    assert snapshot(store.root) == before


def test_open_actions_are_those_not_closed_in_file_order(ws):
    from forumkit.model.tables import edit
    from forumkit.rules.meeting_rules import open_actions

    first, second, third = ws.actions[:3]
    actions = (
        edit(first, state="åben"),
        edit(second, state="lukket", closed=date(2026, 1, 5)),
        edit(third, state="i gang"),
    )
    assert [a.id for a in open_actions(ws.with_table("actions", actions))] == [first.id, third.id]
    assert open_actions(ws.with_table("actions", ())) == ()
