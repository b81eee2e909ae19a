"""The 'Kommissorium' screen: the secretary changes the charter on a form; Danish refusals; a dated revision."""

from __future__ import annotations

import re
from datetime import date

from forumkit.model.charter_history import HISTORY_FILE
from forumkit.storage.store import load_workspace, read_changes
from forumkit.ui.charter import CharterScreen
from forumkit.ui.common import output_text
from tests.conftest import snapshot


def _screen(workspace):
    return CharterScreen.from_env()


def test_form_shows_the_charter(workspace):
    screen = _screen(workspace)
    ws = load_workspace(workspace)
    assert [r["id"] for r in screen.lists["seats"].values()] == [s.id for s in ws.charter.seats]
    assert screen.venue.value == ws.charter.meetings.venue
    assert screen.charter_from_form() == ws.charter  # the form reads back as the very charter it shows
    assert "Ingen ændringer endnu" in output_text(screen.history_out)


def test_add_a_seat_and_save_from_a_day(workspace):
    screen = _screen(workspace)
    screen.lists["seats"].append(
        {"id": "NY", "name": "Repræsentant for iværksættere", "appointed_by": "Iværksætterforeningen", "count": 2}
    )
    screen.per_year.value = 4
    screen.seasons.value = "2,3 / 5,6 / 9 / 11"
    screen.effective.value = date(2027, 1, 1)
    screen.note.value = "Kommunalbestyrelsens beslutning"
    screen.save.click()
    assert output_text(screen.message) == "Gemt: kommissoriet gælder i den nye udgave fra fredag den 1. januar 2027."
    ws = load_workspace(workspace)
    assert ws.charter.seat_by_id["NY"].count == 2 and ws.charter.meetings.per_year == 4
    assert ws.charter.meetings.seasons == ((2, 3), (5, 6), (9,), (11,))
    assert (workspace / HISTORY_FILE).exists() and read_changes(workspace)[-1]["table"] == "kommissorium"
    assert "Kommunalbestyrelsens beslutning" in output_text(screen.history_out)
    saved = read_changes(workspace)[-1]["time"]  # shown the Danish way, not as the log's ISO stamp
    assert saved not in output_text(screen.history_out) and saved[:10] not in output_text(screen.history_out)
    assert re.search(r"\d{1,2}\. \w+ \d{4} kl\. \d{2}\.\d{2}", output_text(screen.history_out))
    assert "NY" not in ws.charter_as_of(date(2026, 12, 31)).seat_by_id


def test_bad_values_are_refused_in_danish(workspace):
    screen = _screen(workspace)
    before = (workspace / "forum.toml").read_bytes()
    screen.lists["seats"].append({"id": "ny seat", "name": "", "appointed_by": "X", "count": 1})
    screen.start.value = "kl. 25"
    screen.seasons.value = "13"
    screen.save.click()
    text = output_text(screen.message)
    assert text.startswith("Ikke gemt")
    assert "sæde, række 9, kode: har et ugyldigt format" in text and "navn: må ikke være tom" in text
    assert "– der står 'ny seat'" in text  # the value typed is named
    assert "møder, starttid: skal være et klokkeslæt (TT.MM eller TT:MM) – der står 'kl. 25'" in text
    assert "en måned skal være et tal fra 1 til 12" in text
    assert (workspace / "forum.toml").read_bytes() == before
    screen.check_button.click()  # 'Tjek' saves nothing: it says it checked
    text = output_text(screen.message)
    assert text.startswith("Tjekket – 4 problem(er) i kommissoriet") and "Ikke gemt" not in text
    assert "møder, starttid: skal være et klokkeslæt (TT.MM eller TT:MM) – der står 'kl. 25'" in text
    screen.start.value = "kl. 16"  # a whole hour, the Danish way
    screen.seasons.value = "3,4 / 9"
    screen.lists["seats"].rows[-1][1]["id"].value = "NY"
    screen.lists["seats"].rows[-1][1]["name"].value = "Nyt sæde"
    screen.check_button.click()
    assert output_text(screen.message).startswith("Kommissoriet er gyldigt:")


def test_removing_a_held_seat_is_refused(workspace):
    screen = _screen(workspace)
    held = load_workspace(workspace).members[0].seat
    rows = screen.lists["seats"]
    rows.remove(next(r for r in rows.rows if r[1]["id"].value == held))
    screen.save.click()
    assert output_text(screen.message).startswith("Ikke gemt:")
    assert held in load_workspace(workspace).charter.seat_by_id


def test_duplicate_pillar_and_unknown_network_pillar(workspace):
    screen = _screen(workspace)
    first = screen.lists["pillars"].values()[0]
    screen.lists["pillars"].append(first)
    screen.check_button.click()
    assert "står mere end én gang" in output_text(screen.message)


def test_broken_workspace_shows_problems_and_saves_nothing(workspace):
    (workspace / "members.csv").write_text("ikke;en;tabel\n", encoding="utf-8")
    screen = _screen(workspace)
    assert "kan ikke indlæses" in output_text(screen.current_out)
    before = snapshot(workspace)
    for button in (screen.save, screen.check_button):  # every action says it, and does nothing
        button.click()
        assert output_text(screen.message) == (
            "Arbejdsområdet kan ikke indlæses – ret problemerne, der er vist ovenfor, og prøv igen."
        )
    assert snapshot(workspace) == before


def test_the_start_time_is_shown_and_read_the_danish_way(workspace):
    from datetime import time

    screen = _screen(workspace)
    assert screen.start.value == "16.00"
    screen.start.value = "16.30"
    assert screen.charter_from_form().meetings.start == time(16, 30)
    screen.start.value = "16:45"
    assert screen.charter_from_form().meetings.start == time(16, 45)
