"""The 'Mødeplanlægning' screen, button by button."""

from __future__ import annotations

from datetime import date

import docx
import icalendar

from forumkit.model.danish import da_date
from forumkit.storage.store import load_workspace
from forumkit.ui.common import output_text
from forumkit.ui.meetings import MeetingScreen
from tests.conftest import EXAMPLE, snapshot


def test_opens_on_the_next_meeting(workspace):
    screen = MeetingScreen.from_env()
    assert screen.meeting.value == "M-2027-1"
    info = output_text(screen.info_out)
    assert "M-2027-1 – ordinært møde (planlagt) torsdag den 22. april 2027 kl. 16.00–18.00" in info
    assert "Indkaldelse senest 25. marts 2027: ikke sendt" in info
    assert "Tid i alt: 75 af 120 minutter." in output_text(screen.agenda_out)


def test_plan_the_year_and_build_an_agenda(workspace):
    screen = MeetingScreen.from_env()
    screen.year.value = 2027
    screen.propose.click()
    plan = output_text(screen.plan_out)
    assert "M-2027-1 torsdag den 22. april 2027 findes allerede" in plan
    assert "forslag torsdag den 14. oktober 2027 kl. 16.00 16. september 2027 7. oktober 2027 21. oktober 2027" in plan
    screen.adopt.click()
    assert output_text(screen.message) == "Årsplanen for 2027 er gemt: M-2027-2."
    assert screen.meeting.value == "M-2027-1"  # the user's meeting stays chosen: no jump to the new one
    assert not screen.adopt.disabled and screen.adopt.description == "Opret møderne"
    screen.meeting.value = "M-2027-2"
    screen.standard.click()
    screen.item_title.value = "Dragør-mærket"
    screen.item_kind.value = "beslutning"
    screen.item_minutes.value = "30"
    screen.item_initiatives.value = ("I-012",)
    screen.item_recommendation.value = "At forummet anbefaler mærket."
    screen.add_item_button.click()
    assert output_text(screen.message) == "Punktet 'Dragør-mærket' er tilføjet."
    ws = load_workspace(workspace)
    items = [(a.number, a.title) for a in sorted(ws.agenda, key=lambda a: a.number) if a.meeting == "M-2027-2"]
    assert items[-2:] == [(5, "Dragør-mærket"), (6, "Eventuelt")]
    assert "Tid i alt: 75 af 120 minutter." in output_text(screen.agenda_out)


def test_carry_over_from_the_last_meeting(workspace):
    screen = MeetingScreen.from_env()
    assert screen.carry_items.value == (("M-2026-2", 7),)
    screen.carry_button.click()
    assert output_text(screen.message) == "1 punkt(er) overført og åbne opgaver tilføjet."
    titles = [a.title for a in load_workspace(workspace).agenda if a.meeting == "M-2027-1"]
    assert "Praktikpladsbørs og lærlinge" in titles and titles[-1] == "Eventuelt"
    screen.carry_button.click()  # again: nothing new, and the screen does not say otherwise
    assert output_text(screen.message) == (
        "0 punkt(er) overført – punktet om åbne opgaver står allerede på dagsordenen."
    )
    assert [a.title for a in load_workspace(workspace).agenda if a.meeting == "M-2027-1"] == titles


def test_export_invitation_and_record_it_sent(workspace, tmp_path):
    screen = MeetingScreen.from_env()
    screen.export_dir = tmp_path / "ud"
    screen.with_pdf.value = False  # the PDFs are tested in test_pdf_documents (LibreOffice is slow)
    screen.export_invitation.click()
    assert [p.name for p in screen.last_files] == [
        "Indkaldelse M-2027-1.docx",
        "Indkaldelse M-2027-1.ics",
        "Indkaldelse M-2027-1 (e-mail).txt",
    ]
    assert "Tid: torsdag den 22. april 2027 kl. 16.00–18.00" in output_text(screen.invitation_out)
    cal = icalendar.Calendar.from_ical(screen.last_files[1].read_bytes())
    assert str(cal.walk("VEVENT")[0]["summary"]) == "Samarbejdsforum: Netværkene ét år efter"
    assert output_text(screen.message).startswith("Indkaldelsen til mødet den 22. april 2027 er klar: 3 filer.")
    assert str(tmp_path) not in output_text(screen.message) + screen.invitation_files.value
    offered = dict(screen.invitation_files.files)
    assert offered == {p.name: p.read_bytes() for p in screen.last_files}
    assert "download='Indkaldelse M-2027-1.ics'" in screen.invitation_files.value
    screen.sent_what.value = "indkaldelse"
    screen.sent_day.value = date(2027, 3, 20)
    screen.sent_button.click()
    m = load_workspace(workspace).meeting_by_id["M-2027-1"]
    assert (m.invitation_sent, m.state) == (date(2027, 3, 20), "indkaldt")
    assert screen.meeting.value == "M-2027-1" and screen.invitation_files.files  # kept across the redraw
    screen.meeting.value = "M-2026-2"
    assert not screen.invitation_files.files and screen.invitation_files.value == ""  # not another meeting's


def test_making_the_year_plan_keeps_the_chosen_meeting(workspace):
    """The trap: after 'Opret møderne' the invitation must still be for the meeting the user chose."""
    screen = MeetingScreen.from_env()
    screen.meeting.value = "M-2026-2"
    screen.year.value = 2028
    screen.adopt.click()
    assert output_text(screen.message).startswith("Årsplanen for 2028 er gemt: M-2028-1")
    assert screen.meeting.value == "M-2026-2"
    assert "M-2026-2" in output_text(screen.info_out)


def test_the_invitation_is_busy_while_it_is_made(workspace, tmp_path, monkeypatch):
    import forumkit.ui.meetings as meetings

    screen = MeetingScreen.from_env()
    screen.export_dir = tmp_path / "ud"
    seen = []
    real = meetings.write_invitation

    def slow(*args, **kwargs):
        seen.append((screen.export_invitation.disabled, screen.export_invitation.icon, output_text(screen.message)))
        return real(*args, **kwargs)

    monkeypatch.setattr(meetings, "write_invitation", slow)
    screen.export_invitation.click()
    assert seen == [(True, "spinner spin", "Laver indkaldelsen …")]
    assert not screen.export_invitation.disabled and screen.export_invitation.icon != "spinner spin"


def test_attendance_decisions_actions_minutes(workspace, tmp_path):
    screen = MeetingScreen.from_env()
    screen.export_dir = tmp_path / "ud"
    screen.meeting.value = "M-2026-2"
    toggles = screen.attendance_widgets
    assert toggles["A-006"].value == "afbud"
    toggles["A-003"].value = "fraværende"
    screen.attendance_save.click()
    assert output_text(screen.message) == "Fremmødet er gemt: 8 deltog, 1 afbud, 1 fraværende."
    screen.decision_item.value = 7
    screen.decision_text.value = "Udskydes til mødet i april."
    screen.decision_button.click()
    screen.decision_item.value = 3
    screen.decision_text.value = "Godkendt."
    screen.decision_button.click()
    assert "er et orienteringspunkt og kan ikke få en beslutning" in output_text(screen.message)
    screen.decision_item.value = 7
    screen.action_text.value = "Samle virksomheder til praktikpladsbørsen"
    screen.action_owners.value = ("A-004", "S-001")
    screen.action_due.value = date(2027, 3, 1)
    screen.action_initiative.value = "I-008"
    screen.action_button.click()
    ws = load_workspace(workspace)
    assert [a.status for a in ws.attendance if a.meeting == "M-2026-2" and a.member == "A-003"] == ["fraværende"]
    action = ws.actions[-1]
    assert (action.number, action.owners, action.initiative) == (7, ("A-004", "S-001"), "I-008")
    minutes = output_text(screen.minutes_out)
    assert "Udskydes til mødet i april." in minutes and "Samle virksomheder til praktikpladsbørsen" in minutes
    screen.with_pdf.value = False
    screen.export_minutes.click()
    document = docx.Document(screen.last_files[0])
    assert (
        output_text(screen.message)
        == "Referatet af mødet den 1. oktober 2026 er klar: 2 filer. Hent dem under knappen."
    )
    assert [n for n, _ in screen.minutes_files.files] == ["Referat M-2026-2.docx", "Referat M-2026-2.md"]
    assert "Sofie Kragh Winther (Amagerlys Design)" in document.tables[0].rows[4].cells[1].text
    screen.approve_at.value = "M-2027-1"
    screen.approve_button.click()  # M-2027-1's day has not come: minutes cannot be approved at it
    held_on = load_workspace(workspace).meeting_by_id["M-2027-1"].date
    assert output_text(screen.message) == (
        f"Ikke gemt: referatet godkendt på mødet: mødet M-2027-1 holdes først "
        f"{da_date(held_on, False)} – referatet kan først godkendes på det, når "
        "dagen er kommet"
    )
    screen.today = held_on  # the day of the next meeting: still not marked as held
    screen.approve_button.click()
    assert "mødet M-2027-1 er ikke afholdt endnu" in output_text(screen.message)
    assert load_workspace(workspace).meeting_by_id["M-2026-2"].state == "afholdt"
    from forumkit.edits.meetings import mark_held

    screen.store.update(lambda ws: mark_held(ws, "M-2027-1", held_on))
    screen.approve_button.click()
    assert load_workspace(workspace).meeting_by_id["M-2026-2"].state == "referat godkendt"
    assert output_text(screen.message) == (
        "Referatet af mødet den 1. oktober 2026 er registreret som godkendt på mødet den 22. april 2027."
    )


def test_a_meeting_whose_day_has_not_come_cannot_be_marked_held(workspace):
    screen = MeetingScreen.from_env()
    future = next(m for m in screen.ws.meetings if m.date > screen.today)
    screen.meeting.value = future.id
    screen.held_button.click()
    assert output_text(screen.message) == (
        f"Ikke gemt: møde: mødet {future.id} holdes først "
        f"{da_date(future.date, False)} – det kan først markeres som afholdt, "
        "når dagen er kommet"
    )
    assert load_workspace(workspace).meeting_by_id[future.id].state == future.state
    screen.today = future.date  # the day itself
    screen.held_button.click()
    assert output_text(screen.message) == f"Mødet den {da_date(future.date, False)} er markeret som afholdt."
    assert load_workspace(workspace).meeting_by_id[future.id].state == "afholdt"


def test_close_an_action(workspace):
    screen = MeetingScreen.from_env()
    screen.close_which.value = "H-006"
    screen.close_button.click()
    action = next(a for a in load_workspace(workspace).actions if a.id == "H-006")
    assert (action.state, action.closed) == ("lukket", date(2026, 11, 26))


def test_a_save_keeps_the_choices_made_for_the_meeting(workspace):
    """After saving a decision the item stays chosen, so the next action is attached to it, not to item 1."""
    screen = MeetingScreen.from_env()
    screen.meeting.value = "M-2026-2"
    screen.decision_item.value = 7
    screen.decision_text.value = "Udskydes til mødet i april."
    screen.action_initiative.value = "I-008"
    screen.action_owners.value = ("A-004",)
    screen.decision_button.click()
    assert output_text(screen.message) == "Beslutningen til punkt 7 er gemt."
    assert (screen.decision_item.value, screen.decision_text.value) == (7, "Udskydes til mødet i april.")
    assert (screen.action_initiative.value, screen.action_owners.value) == ("I-008", ("A-004",))
    screen.action_text.value = "Samle virksomheder til praktikpladsbørsen"
    screen.action_due.value = date(2027, 3, 1)
    screen.action_button.click()
    action = load_workspace(workspace).actions[-1]
    assert (action.meeting, action.number, action.initiative) == ("M-2026-2", 7, "I-008")
    screen.meeting.value = "M-2027-1"  # another meeting: its own first item
    assert screen.decision_item.value == 1


def test_a_second_meeting_on_the_same_day_is_told_apart_by_its_time(workspace):
    from datetime import time

    from forumkit.edits.meetings import plan_meeting
    from forumkit.storage.store import Store

    Store(workspace).update(lambda ws: plan_meeting(ws, date(2027, 4, 22), start=time(9, 0), end=time(10, 0)))
    screen = MeetingScreen.from_env()
    second = next(m for m in screen.ws.meetings if m.date == date(2027, 4, 22) and m.id != "M-2027-1")
    screen.with_pdf.value = False
    for mid, when in (("M-2027-1", "kl. 16.00"), (second.id, "kl. 09.00")):
        screen.meeting.value = mid
        screen.export_invitation.click()
        assert output_text(screen.message).startswith(f"Indkaldelsen til mødet den 22. april 2027 {when} er klar:")


def test_buttons_without_a_meeting_say_so_in_danish(tmp_path, monkeypatch):
    import shutil

    from tests.conftest import ROOT

    root = tmp_path / "forum"
    shutil.copytree(ROOT / "data" / "example-erhvervsforum", root)
    for name in ("meetings.csv", "attendance.csv", "council_reports.csv", "network_events.csv", "agenda.csv"):
        path = root / name
        path.write_text(path.read_text(encoding="utf-8-sig").split("\n", 1)[0] + "\n", encoding="utf-8")
    monkeypatch.setenv("FORUMKIT_WORKSPACE", str(root))
    screen = MeetingScreen.from_env()
    assert screen.meeting.value is None
    for button in (screen.held_button, screen.export_invitation, screen.export_minutes, screen.approve_button):
        button.click()
        assert output_text(screen.message) == "Der er ingen møder endnu – planlæg et."


def test_buttons_on_a_workspace_that_does_not_load_say_so_and_do_nothing(workspace):
    (workspace / "networks.csv").write_bytes(b"")
    screen = MeetingScreen.from_env()
    before = snapshot(workspace)
    for button in (screen.held_button, screen.export_invitation, screen.approve_button):
        button.click()
        assert output_text(screen.message) == (
            "Arbejdsområdet kan ikke indlæses – ret problemerne, der er vist ovenfor, og prøv igen."
        )
    assert snapshot(workspace) == before
    (workspace / "networks.csv").write_bytes((EXAMPLE / "networks.csv").read_bytes())  # mended meanwhile
    screen.held_button.click()  # the screen opens the workspace again and does the action
    assert "Arbejdsområdet kan ikke indlæses" not in output_text(screen.message)
