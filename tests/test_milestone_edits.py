"""Milestones and network events changed and removed: pure edits with Danish refusals, the catalogue screen's
controls (removal only after a ticked confirmation), and every change in the change log."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.edits.milestones import remove_milestone, update_milestone
from forumkit.edits.networks import update_network_event
from forumkit.model.errors import InputError
from forumkit.storage.store import load_workspace, read_changes
from forumkit.ui.catalogue import CatalogueScreen
from forumkit.ui.common import output_text
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def ws():
    return load_workspace(EXAMPLE)


def test_a_milestone_gets_a_new_title_and_date(ws):
    first = ws.milestones[0]
    new = update_milestone(ws, first.id, title="Ny titel", date=date(2027, 2, 1))
    row = next(m for m in new.milestones if m.id == first.id)
    assert (row.title, row.date, row.initiative, row.done) == (
        "Ny titel",
        date(2027, 2, 1),
        first.initiative,
        first.done,
    )
    assert new.milestones[1:] == ws.milestones[1:]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "titel"),
        ({"date": "31.02.2027"}, "dato"),
        ({"id": "MP-999"}, "en milepæls id kan ikke ændres"),
        ({"initiative": "I-999"}, "initiativet 'I-999' findes ikke"),
    ],
)
def test_a_bad_milestone_change_is_refused_in_danish(ws, changes, message):
    with pytest.raises(InputError) as caught:
        update_milestone(ws, ws.milestones[0].id, **changes)
    assert message in str(caught.value)


def test_removing_a_milestone_leaves_the_others(ws):
    gone = ws.milestones[1]
    new = remove_milestone(ws, gone.id)
    assert [m.id for m in new.milestones] == [m.id for m in ws.milestones if m.id != gone.id]
    with pytest.raises(InputError, match="milepælen 'MP-999' findes ikke"):
        remove_milestone(ws, "MP-999")


def test_a_network_event_is_changed(ws):
    event = ws.network_events[0]
    new = update_network_event(ws, event.id, title="Generalforsamling", date=date(2026, 3, 3), members="1.500")
    row = next(e for e in new.network_events if e.id == event.id)
    assert (row.title, row.date, row.members, row.network) == (
        "Generalforsamling",
        date(2026, 3, 3),
        1500,
        event.network,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": " "}, "titel"),
        ({"members": "mange"}, "mange"),
        ({"network": "N-FINDES-IKKE"}, "netværket 'N-FINDES-IKKE' findes ikke"),
        ({"id": "NE-999"}, "en netværksmilepæls id kan ikke ændres"),
    ],
)
def test_a_bad_network_event_change_is_refused_in_danish(ws, changes, message):
    with pytest.raises(InputError) as caught:
        update_network_event(ws, ws.network_events[0].id, **changes)
    assert message in str(caught.value)
    with pytest.raises(InputError, match="netværksbegivenheden 'NE-999' findes ikke"):
        update_network_event(ws, "NE-999", title="x")


def _screen_on_milestone(workspace):
    ws = load_workspace(workspace)
    target = ws.milestones[0]
    screen = CatalogueScreen.from_env()
    screen.editing.pick.value = target.initiative
    screen.editing.ms_pick.value = target.id
    return screen, target


def test_the_screen_changes_a_milestone_and_logs_it(workspace):
    screen, target = _screen_on_milestone(workspace)
    assert screen.editing.ms_new_title.value == target.title and screen.editing.ms_new_day.value == target.date
    screen.editing.ms_new_title.value = "Udbud sendt"
    screen.editing.ms_new_day.value = date(2027, 1, 15)
    screen.editing.ms_save.click()
    assert output_text(screen.message) == f"Milepælen {target.id} er rettet: 'Udbud sendt', 15. januar 2027."
    row = next(m for m in load_workspace(workspace).milestones if m.id == target.id)
    assert (row.title, row.date) == ("Udbud sendt", date(2027, 1, 15))
    assert "Udbud sendt" in output_text(screen.editing.ms_out)
    logged = [e for e in read_changes(workspace) if e.get("table") == "milestones"]
    assert {(e["row"], e["field"], e["new"]) for e in logged} >= {(target.id, "titel", "Udbud sendt")}
    screen.editing.ms_new_title.value = ""
    screen.editing.ms_save.click()
    assert output_text(screen.message) == "Skriv milepælens titel og vælg dens dato."


def test_the_screen_removes_a_milestone_only_when_confirmed(workspace):
    screen, target = _screen_on_milestone(workspace)
    assert screen.editing.ms_remove.disabled
    screen.editing._on_remove_milestone()  # a click that slipped past the disabled button: nothing happens
    assert target.id in {m.id for m in load_workspace(workspace).milestones}
    assert "sæt flueben" in output_text(screen.message)
    screen.editing.ms_confirm.value = True
    assert not screen.editing.ms_remove.disabled
    screen.editing.ms_remove.click()
    assert output_text(screen.message) == (
        f"Milepælen {target.id} ('{target.title}') er fjernet. Ændringsloggen gemmer den."
    )
    assert target.id not in {m.id for m in load_workspace(workspace).milestones}
    assert not screen.editing.ms_confirm.value and screen.editing.ms_remove.disabled
    (entry,) = [e for e in read_changes(workspace) if e.get("table") == "milestones"]
    assert (entry["op"], entry["row"], entry["what"], entry["old"]["titel"]) == (
        "remove",
        target.id,
        f"milepæl {target.id} fjernet",
        target.title,
    )


def test_the_screen_changes_a_network_event_and_logs_it(workspace):
    screen = CatalogueScreen.from_env()
    event_id = screen.groups.nv_event.value
    event = next(e for e in load_workspace(workspace).network_events if e.id == event_id)
    assert screen.groups.nv_title.value == event.title and screen.groups.nv_day.value == event.date
    screen.groups.nv_title.value = "Sommermøde"
    screen.groups.nv_members.value = "1.200"
    screen.groups.nv_save.click()
    assert output_text(screen.message) == (
        f"Netværksmilepælen {event_id} er rettet: 'Sommermøde', "
        f"{event.date.day}. {_month(event.date)} {event.date.year}."
    )
    row = next(e for e in load_workspace(workspace).network_events if e.id == event_id)
    assert (row.title, row.members) == ("Sommermøde", 1200)
    assert {
        (e["row"], e["field"], e["new"]) for e in read_changes(workspace) if e.get("table") == "network_events"
    } >= {(event_id, "titel", "Sommermøde"), (event_id, "medlemmer", "1200")}
    screen.groups.nv_members.value = "mange"
    screen.groups.nv_save.click()
    assert output_text(screen.message).startswith("Ikke gemt:") and "mange" in output_text(screen.message)


def _month(day: date) -> str:
    from forumkit.model.danish import da_date

    return da_date(day, False).split()[1]
