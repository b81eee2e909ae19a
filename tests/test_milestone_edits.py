"""Milestones and network events changed and removed: pure edits with Danish refusals, the catalogue screen's
controls (removal only after a ticked confirmation), and every change in the change log."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.edits.catalogue import add_network_event
from forumkit.edits.milestones import mark_milestone, remove_milestone, update_milestone
from forumkit.edits.networks import update_network, update_network_event
from forumkit.model.errors import InputError
from forumkit.model.tables import edit
from forumkit.rules.checks import run_checks
from forumkit.storage.store import load_workspace, read_changes
from forumkit.ui.catalogue import CatalogueScreen
from forumkit.ui.common import output_text
from tests.conftest import EXAMPLE, TODAY


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
    new = update_network_event(
        ws, event.id, today=TODAY, title="Generalforsamling", date=date(2026, 3, 3), members="1.500"
    )
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
        update_network_event(ws, ws.network_events[0].id, today=TODAY, **changes)
    assert message in str(caught.value)
    with pytest.raises(InputError, match="netværksbegivenheden 'NE-999' findes ikke"):
        update_network_event(ws, "NE-999", today=TODAY, title="x")


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


def _found(ws, *codes):
    return [(f.severity, f.message) for f in run_checks(ws, TODAY) if f.code in codes]


def test_a_milestone_done_in_the_future_is_refused_and_a_hand_edit_is_a_finding(ws):
    with pytest.raises(InputError) as caught:
        mark_milestone(ws, "MP-002", date(2030, 1, 1), TODAY)
    assert caught.value.message == (
        "MP-002: milepælen kan ikke stå som udført 1. januar 2030 – den dag er ikke kommet endnu "
        "(i dag er 26. november 2026); markér den, når den er udført"
    )
    done = mark_milestone(ws, "MP-002", TODAY, TODAY)  # today itself is fine
    assert next(m for m in done.milestones if m.id == "MP-002").done == TODAY
    assert _found(done, "milestone-done-future") == []
    by_hand = ws.with_table(
        "milestones", [edit(m, done=date(2030, 1, 1)) if m.id == "MP-002" else m for m in ws.milestones]
    )
    assert _found(by_hand, "milestone-done-future") == [
        (
            "fejl",
            "MP-002 'Boden opstillet': milepælen kan ikke stå som udført 1. januar 2030 – den dag er ikke "
            "kommet endnu (i dag er 26. november 2026); markér den, når den er udført",
        )
    ]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            date(2026, 11, 27),
            "27. november 2026 er ikke kommet endnu (i dag er 26. november 2026) – registrér milepælen, "
            "når den har fundet sted",
        ),
        (
            date(2025, 9, 17),
            "Erhvervsnetværk for klima og bæredygtighed blev først stiftet 18. september 2025 – en milepæl "
            "dateret 17. september 2025 ligger før",
        ),
    ],
)
def test_a_network_event_outside_the_network_s_life_or_ahead_is_refused(ws, day, message):
    with pytest.raises(InputError) as added:
        add_network_event(ws, "N-KLIMA", day=day, title="Møde", members=None, today=TODAY)
    assert (added.value.field, added.value.message) == ("dato", message)
    with pytest.raises(InputError) as changed:
        update_network_event(ws, "NE-002", today=TODAY, date=day)
    assert changed.value.message == message
    # the founding day and today are fine
    for ok in (date(2025, 9, 18), TODAY):
        assert add_network_event(ws, "N-KLIMA", day=ok, title="Møde", members=None, today=TODAY)


def test_a_network_event_after_the_network_closed_is_refused(ws):
    closed = update_network(ws, "N-KLIMA", closed=date(2026, 10, 1))
    with pytest.raises(InputError) as caught:
        add_network_event(closed, "N-KLIMA", day=date(2026, 10, 2), title="Møde", members=None, today=TODAY)
    assert caught.value.message == (
        "Erhvervsnetværk for klima og bæredygtighed blev lukket 1. oktober 2026 – en milepæl dateret "
        "2. oktober 2026 ligger efter"
    )
    assert update_network_event(closed, "NE-005", today=TODAY, title="Ny titel")  # its date is not touched


def test_network_events_written_by_hand_outside_the_network_s_life_are_findings(ws):
    assert _found(ws, "network-event-future", "network-event-outside") == []
    by_hand = ws.with_table(
        "network_events",
        [
            edit(e, date={"NE-001": date(2025, 9, 1), "NE-002": date(2027, 1, 1)}.get(e.id, e.date))
            for e in ws.network_events
        ],
    )
    assert _found(by_hand, "network-event-future", "network-event-outside") == [
        (
            "fejl",
            "NE-002 'Temamøde om energitjek': 1. januar 2027 er ikke kommet endnu (i dag er 26. november 2026) – "
            "registrér milepælen, når den har fundet sted",
        ),
        (
            "fejl",
            "NE-001 'Stiftende netværksmøde': Erhvervsnetværk for klima og bæredygtighed blev først stiftet "
            "18. september 2025 – en milepæl dateret 1. september 2025 ligger før",
        ),
    ]
