"""The 'Opsætning af forum' screen, button by button: set values, click, assert on output and on disk."""

from __future__ import annotations

from datetime import date

import docx
import openpyxl

from forumkit.storage.store import load_workspace
from forumkit.ui.common import output_text
from forumkit.ui.setup import SetupScreen
from tests.conftest import snapshot


def screen_for(workspace) -> SetupScreen:
    return SetupScreen.from_env()


def test_seat_grid_and_check(workspace):
    screen = screen_for(workspace)
    grid = output_text(screen.grid_out)
    assert grid.count("Repræsentant fra visionsgruppen (VG") == 3
    assert "Repræsentant fra restaurationsbranchen (HORESTA) Horesta udløber snart Peter Mølgaard" in grid
    assert "[term-expiring]" not in grid
    assert (
        "Peter Mølgaard (Repræsentant fra restaurationsbranchen (HORESTA)) er udpeget til 31. december 2026"
        in output_text(screen.check_out)
    )


def test_as_of_date_redraws_the_past(workspace):
    screen = screen_for(workspace)
    screen.as_of.value = date(2025, 4, 15)
    assert "Forummet har ingen formand endnu" in output_text(screen.check_out)
    screen.as_of.value = date(2025, 3, 1)
    assert output_text(screen.grid_out).count(" ledig ") == 10


def test_appoint_to_a_vacant_seat(workspace):
    screen = screen_for(workspace)
    screen.end_who.value = "A-006"
    screen.end_day.value = date(2026, 11, 30)
    screen.end_button.click()
    assert output_text(screen.message) == "Gemt: Henrik Strandbergs udpegning slutter mandag den 30. november 2026."
    screen.seat.value = "DE"
    screen.name.value = "Ida Bech"
    screen.organisation.value = "Bechs Bageri"
    screen.start.value = date(2026, 12, 1)
    screen.email.value = "ida@example.dk"
    assert "Klar til at gemme" in screen.hint.value and not screen.save.disabled
    screen.save.click()
    assert output_text(screen.message) == "Gemt: Ida Bech er udpeget fra tirsdag den 1. december 2026."
    ws = load_workspace(workspace)
    ida = next(a for a in ws.members if a.name == "Ida Bech")
    assert (ida.seat, ida.appointed_by, ida.organisation, ida.email) == (
        "DE",
        "Dragør Erhverv",
        "Bechs Bageri",
        "ida@example.dk",
    )
    assert screen.name.value == ""


def test_inline_validation_blocks_a_bad_appointment(workspace):
    screen = screen_for(workspace)
    before = snapshot(workspace)
    screen.seat.value = "SMV"
    screen.name.value = "Ole Olsen"
    assert "allerede besat af Lars Holmgaard" in screen.hint.value and screen.save.disabled
    screen.mode.value = "erstat"
    assert "Klar til at gemme" in screen.hint.value
    screen.email.value = "ikke-en-adresse"
    assert "'ikke-en-adresse' er ikke en gyldig e-mailadresse" in screen.hint.value.replace("&#x27;", "'")
    screen.save.click()
    assert output_text(screen.message).startswith("Ikke gemt: email: 'ikke-en-adresse' er ikke en gyldig")
    assert snapshot(workspace) == before


def test_replace_a_member(workspace):
    screen = screen_for(workspace)
    screen.mode.value = "erstat"
    screen.seat.value = "HORESTA"
    screen.start.value = date(2026, 12, 15)
    assert screen.replaces.value == "A-009"
    screen.name.value = "Hanne Jensen"
    screen.save.click()
    ws = load_workspace(workspace)
    assert ws.member_by_id["A-009"].end == date(2026, 12, 14)
    assert [a.name for a in ws.members if a.seat == "HORESTA"] == ["Peter Mølgaard", "Hanne Jensen"]
    assert "[term-expiring]" not in output_text(screen.check_out)


def test_chair_election(workspace):
    screen = screen_for(workspace)
    screen.chair_meeting.value = "M-2026-2"
    screen.chair_who.value = "A-002"
    screen.chair_button.click()
    assert output_text(screen.message) == "Gemt: Jens Peter Havmand er valgt som formand på mødet M-2026-2."
    ws = load_workspace(workspace)
    assert (ws.member_by_id["A-002"].role, ws.member_by_id["A-007"].role) == ("formand", "medlem")


def test_chair_candidates_are_those_seated_on_the_meeting_day(workspace):
    screen = screen_for(workspace)
    screen.chair_meeting.value = "M-2025-1"
    names = [label for label, _ in screen.chair_who.options]
    assert "Thomas Krogh (DETAIL)" in names and "Anne-Marie Vestergaard (DETAIL)" not in names


def test_add_secretariat_staff(workspace):
    screen = screen_for(workspace)
    screen.staff_role.value = "fagperson"
    screen.staff_name.value = "Jonas Ravn"
    screen.staff_title.value = "Turismekoordinator"
    screen.staff_button.click()
    assert "Jonas Ravn Turismekoordinator" in output_text(screen.staff_out)
    assert load_workspace(workspace).secretariat[-1].name == "Jonas Ravn"


def test_exports(workspace, tmp_path):
    import io

    screen = SetupScreen.from_env()
    screen.export_dir = tmp_path / "ud"
    screen.export_public_xlsx.click()
    assert output_text(screen.export_out) == "Medlemsliste 2026-11-26.xlsx er klar. Hent den herunder."
    assert openpyxl.load_workbook(screen.last_export).active["B2"].value == "Jens Peter Havmand"
    [(name, data)] = screen.export_files.files  # what the page offers is the file made
    assert name == "Medlemsliste 2026-11-26.xlsx" and data == screen.last_export.read_bytes()
    assert openpyxl.load_workbook(io.BytesIO(data)).active["B2"].value == "Jens Peter Havmand"
    assert "download='Medlemsliste 2026-11-26.xlsx'" in screen.export_files.value
    screen.export_public_docx.click()
    assert docx.Document(screen.last_export).tables[0].rows[1].cells[1].text == "Jens Peter Havmand"
    assert [n for n, _ in screen.export_files.files] == ["Medlemsliste 2026-11-26.docx"]  # only the latest
    screen.export_contacts.click()
    assert screen.last_export.name == "Kontaktliste INTERN 2026-11-26.xlsx"
    assert str(tmp_path) not in output_text(screen.export_out) + screen.export_files.value  # no server path


def test_an_export_is_busy_while_it_works(workspace, tmp_path, monkeypatch):
    import forumkit.ui.setup as setup

    screen = SetupScreen.from_env()
    screen.export_dir = tmp_path / "ud"
    seen = []
    real = setup.write_public_xlsx

    def slow(*args, **kwargs):
        b = screen.export_public_xlsx
        seen.append((b.disabled, b.icon, b.description, output_text(screen.export_out)))
        return real(*args, **kwargs)

    monkeypatch.setattr(setup, "write_public_xlsx", slow)
    screen.export_public_xlsx.click()
    assert seen == [(True, "spinner spin", "Laver listen …", "Laver listen …")]
    b = screen.export_public_xlsx
    assert (b.disabled, b.icon, b.description) == (False, "file-excel-o", "Medlemsliste (Excel)")


def test_the_seat_starts_on_the_vacant_one_and_the_form_resets_clean(workspace):
    from forumkit.edits.roster import end_appointment
    from forumkit.storage.store import Store

    Store(workspace, who="test").update(lambda ws: end_appointment(ws, "A-006", date(2026, 11, 20)))
    screen = screen_for(workspace)
    assert screen.seat.value == "DE" and "(ledigt)" in dict((v, k) for k, v in screen.seat.options)["DE"]
    assert screen.hint.value == ""  # nothing to warn about before the user has begun
    screen.name.value = "Ida Bech"
    screen.name.value = ""
    assert "Udfyld navn og startdato." in screen.hint.value  # begun and emptied: a reminder
    screen.name.value = "Ida Bech"
    screen.save.click()
    assert output_text(screen.message) == "Gemt: Ida Bech er udpeget fra torsdag den 26. november 2026."
    assert screen.hint.value == "" and screen.name.value == "" and screen.save.disabled
    assert screen.seat.value != "DE"  # DE is taken now: the form moved on


def test_a_chosen_seat_is_kept_across_reloads(workspace):
    screen = screen_for(workspace)
    screen.seat.value = "SMV"
    screen.end_who.value = "A-009"
    screen.as_of.value = date(2026, 6, 1)  # redraws everything
    assert (screen.seat.value, screen.end_who.value) == ("SMV", "A-009")


def test_hiding_the_replace_field_hides_nothing_else(workspace):
    """Every widget has its own layout: hiding 'Erstatter' must not hide the seat or the name field."""
    screen = SetupScreen.from_env()
    screen.mode.value = "ny"
    assert screen.replaces.layout.display == "none"
    assert screen.seat.layout.display is None and screen.name.layout.display is None
    assert len({id(child.layout) for child in (screen.seat, screen.replaces, screen.name, screen.email)}) == 4
