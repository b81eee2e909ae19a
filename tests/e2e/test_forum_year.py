"""The secretary's whole year through the app's screens, on each bundled forum (Dragør's and the second
charter's): appoint to a vacant seat, plan next year's meetings, make an invitation, record a meeting's follow-up
and mark it held, change an initiative's status and export the annual status. After each step the workspace on
disk is read again. Seats, meetings and initiatives come from the loaded workspace and charter, never from code."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from forumkit.edits.catalogue import TRANSITIONS
from forumkit.model.danish import da_date
from forumkit.model.membership import active_members, chair
from forumkit.rules.upcoming import next_meeting
from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import ROOT
from tests.e2e import conftest as e2e
from tests.e2e.conftest import shoot
from tests.e2e.test_lab import choose, widget

pytestmark = pytest.mark.e2e

TODAY = date(2026, 11, 26)  # FORUMKIT_TODAY of the app servers (tests/e2e/conftest.py)
LAST_DAY = date(2026, 11, 20)


def _vacate(workspace) -> str:
    """End one sitting member's appointment (not the chair's), so the forum has a vacant seat; its seat id."""
    from forumkit.edits.roster import end_appointment
    from forumkit.storage.store import Store

    ws = load_workspace(workspace)
    leader = chair(ws, TODAY)
    member = [a for a in active_members(ws, TODAY) if leader is None or a.id != leader.id][-1]
    Store(workspace, who="e2e").update(lambda w: end_appointment(w, member.id, LAST_DAY))
    return member.seat


@pytest.fixture(params=["example", "example-erhvervsforum"])
def forum(request, tmp_path, monkeypatch):
    """A Voilà server on a copy of one bundled example with one seat left vacant."""
    seats = []

    def prepare(tmp):
        workspace, notebooks = tmp / "workspace", tmp / "notebooks"
        shutil.copytree(ROOT / "data" / request.param, workspace)
        shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("workspace", ".ipynb_checkpoints"))
        seats.append(_vacate(workspace))
        return workspace, notebooks

    monkeypatch.setattr(e2e, "prepare", prepare)
    server_gen = e2e._serve("app", tmp_path)
    server = next(server_gen)
    server.forum, server.vacant = request.param, seats[0]
    yield server
    next(server_gen, None)


def _open(page, app, notebook: str):
    page.goto(f"{app.url}/voila/render/{notebook}.ipynb")
    page.wait_for_selector("#rendered_cells .jupyter-widgets")
    page.wait_for_load_state("networkidle")
    assert "Traceback" not in page.content()
    return page.locator("#rendered_cells")


def _tab(page, name: str) -> None:
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.click()
    page.wait_for_function("t => t.getAttribute('aria-selected') === 'true'", arg=tab.element_handle())


def test_a_year_through_the_screens(page, forum):
    ws = load_workspace(forum.workspace)
    seated = [a.seat for a in active_members(ws, TODAY)]
    assert seated.count(forum.vacant) < ws.charter.seat_by_id[forum.vacant].count  # a place is free

    # 1. Appoint a new member to the vacant seat.
    screen = _open(page, forum, "01_opsaetning")
    seat = ws.charter.seat_by_id[forum.vacant]
    screen.get_by_text(re.compile(r"ledig", re.I)).first.wait_for()
    choose(page, "Sæde:", f"{seat.name} – udpeges af {seat.appointed_by}")
    widget(page, "Navn:").fill("Ida Bech")
    widget(page, "Navn:").press("Tab")
    widget(page, "Virksomhed:").fill("Bechs Bageri")
    widget(page, "Virksomhed:").press("Tab")
    screen.get_by_text("Klar til at gemme").wait_for()
    page.get_by_role("button", name="Gem udpegning").click()
    screen.get_by_text("Gemt: Ida Bech er udpeget fra").wait_for()
    ws = load_workspace(forum.workspace)
    assert [(a.seat, a.appointed_by) for a in ws.members if a.name == "Ida Bech"] == [(forum.vacant, seat.appointed_by)]

    # 2. Plan next year's meetings, and make the invitation to the next meeting.
    coming = next_meeting(ws, TODAY)
    year = TODAY.year + 1
    screen = _open(page, forum, "02_moedeplanlaegning")
    page.get_by_role("button", name="Foreslå datoer").click()
    screen.get_by_text("forslag").first.wait_for()
    page.get_by_role("button", name="Opret møderne").click()
    screen.get_by_text(f"Årsplanen for {year} er gemt").wait_for()
    ws = load_workspace(forum.workspace)
    planned = [m for m in ws.meetings if m.date.year == year]
    assert len(planned) == ws.charter.meetings.per_year
    _tab(page, "Indkaldelse")
    page.get_by_label("Gem også indkaldelse og referat som PDF (kræver LibreOffice)").uncheck()
    page.get_by_role("button", name=re.compile("Gem indkaldelse")).click()
    screen.get_by_text(
        re.compile(rf"Indkaldelsen til mødet den {da_date(coming.date, False)} er klar: \d filer")
    ).wait_for()
    assert (forum.workspace / "eksport" / f"Indkaldelse {coming.id}.docx").stat().st_size > 5_000

    # 3. The last meeting held: a follow-up task, marked held, its minutes.
    held = max((m for m in ws.meetings if m.date <= TODAY), key=lambda m: m.date)
    choose(page, "Møde:", f"{held.id} ")
    _tab(page, "Beslutninger")
    widget(page, "Opgave:").fill("Følg op på årets arbejde")
    owner = ws.members[0]
    widget(page, "Ansvarlige:", "select").select_option(label=f"{owner.name} (medlem)")
    page.get_by_role("button", name="Tilføj opgave").click()
    screen.get_by_text("Opgaven er tilføjet.").wait_for()
    actions = [a for a in load_workspace(forum.workspace).actions if a.text == "Følg op på årets arbejde"]
    assert [(a.meeting, a.owners) for a in actions] == [(held.id, (owner.id,))]
    _tab(page, "Fremmøde")
    page.get_by_role("button", name="Markér som afholdt").click()
    screen.get_by_text(f"Mødet den {da_date(held.date, False)} er markeret som afholdt.").wait_for()
    assert load_workspace(forum.workspace).meeting_by_id[held.id].state in ("afholdt", "referat godkendt")
    _tab(page, "Referat")
    page.get_by_role("button", name=re.compile("Gem referat")).click()
    screen.get_by_text(re.compile(rf"Referatet af mødet den {da_date(held.date, False)} er klar: \d filer")).wait_for()
    minutes = [f for f in (forum.workspace / "eksport").glob(f"*{held.id}*.md")]
    assert minutes and ws.charter.forum.name in minutes[0].read_text(encoding="utf-8")
    assert "Følg op på årets arbejde" in minutes[0].read_text(encoding="utf-8")  # under its item or 'Øvrig opfølgning'

    # 4. An initiative moves on in its workflow.
    ws = load_workspace(forum.workspace)
    ini = next(i for i in ws.initiatives if "gennemført" in TRANSITIONS[i.status])
    screen = _open(page, forum, "03_idekatalog")
    _tab(page, "Redigér")
    choose(page, "Initiativ:", f"{ini.id} ")
    choose(page, "Status:", "gennemført")
    screen.get_by_text("fremdrift sættes til 100 %").wait_for()
    page.get_by_role("button", name="Gem ændringer").click()
    screen.get_by_text(f"{ini.id} er gemt.").wait_for()
    after = load_workspace(forum.workspace).initiative_by_id[ini.id]
    assert (after.status, after.progress) == ("gennemført", 100)

    # 5. The annual status, with this year's changes in it.
    screen = _open(page, forum, "04_aarsstatus")
    page.get_by_role("button", name=re.compile("Gem årsstatus")).click()
    screen.get_by_text(re.compile(rf"Årsstatus {TODAY.year} er klar: \d+ filer")).wait_for()
    shoot(page, f"app_aar_{forum.forum}")
    bundle = forum.workspace / "eksport" / f"Årsstatus {TODAY.year}"
    assert (bundle / f"Status {TODAY.year} – sagsfremstilling.docx").exists()
    logged = {e.get("what") for e in read_changes(forum.workspace)}
    assert {"udpegning: Ida Bech", f"årsplan {year}", f"opgave {held.id}", f"initiativ {ini.id}"} <= logged
