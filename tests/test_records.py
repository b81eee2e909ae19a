"""Every kind of record created, changed and closed through the Python API (pure edits, saved with Store.update
so every change is logged): council status, inputs, networks, working groups, milestones, private initiatives."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.edits.catalogue import filter_initiatives, update_initiative
from forumkit.edits.council import plan_council_report, present_council_report, update_council_report
from forumkit.edits.groups import close_working_group
from forumkit.edits.inputs import add_input, remove_input, update_input
from forumkit.edits.milestones import add_milestone, mark_milestone
from forumkit.edits.networks import close_network, create_network, update_network
from forumkit.model.errors import InputError
from forumkit.model.vocab import GroupState, InitiativeKind, ReportState
from forumkit.rules.checks import run_checks
from forumkit.storage.outside import STATE_DIR
from forumkit.storage.store import CHANGES_FILE, Store, load_workspace, read_changes

from .conftest import TODAY


def _logged(store, what):
    return [e for e in read_changes(store.root) if e["what"] == what]


def test_council_status_planned_then_presented_satisfies_the_yearly_rule(store):
    codes = lambda ws, day=date(2027, 1, 5): {f.code for f in run_checks(ws, day) if str(2027) in f.message}
    store.update(lambda ws: plan_council_report(ws, day=date(2027, 11, 2)), what="plan")
    ws = store.load()
    report = next(r for r in ws.council_reports if r.date.year == 2027)
    assert (report.id, report.state, report.committee) == ("KB-2027", ReportState.PLANNED, ws.charter.council.committee)
    assert "council-status-planned" in codes(ws)
    with pytest.raises(InputError, match="ny status"):
        present_council_report(ws, "KB-2027", day=date(2028, 1, 3), today=date(2028, 1, 3))
    store.update(
        lambda ws: present_council_report(
            ws, "KB-2027", day=date(2027, 11, 3), today=date(2027, 11, 3), decision="Taget til efterretning"
        ),
        what="forelagt",
    )
    ws = store.load()
    report = next(r for r in ws.council_reports if r.id == "KB-2027")
    assert (report.state, report.date, report.decision) == ("forelagt", date(2027, 11, 3), "Taget til efterretning")
    assert not codes(ws, date(2027, 11, 3)) & {"council-status-planned", "council-status-missing"}
    assert "council-status-future" in codes(ws)  # seen from January, the day it was given has not come
    assert {e["field"] for e in _logged(store, "forelagt")} == {"tilstand", "dato", "beslutning"}
    with pytest.raises(InputError, match="planlagt status har ingen beslutning"):
        update_council_report(ws, "KB-2027", today=date(2027, 11, 3), state=ReportState.PLANNED)
    # a second status the same year gets its own id
    assert plan_council_report(ws, day=date(2027, 12, 1)).council_reports[-1].id == "KB-2027-2"


def test_an_old_council_file_without_the_decision_column_loads_and_gets_it_on_save(store):
    path = store.root / "council_reports.csv"
    assert path.read_text(encoding="utf-8-sig").splitlines()[0].endswith(";beslutning") is False
    ws = store.load()
    assert all(r.decision is None for r in ws.council_reports)
    store.update(
        lambda ws: present_council_report(
            ws, "KB-2026", day=date(2026, 12, 8), today=date(2026, 12, 8), decision="Godkendt"
        )
    )
    assert path.read_text(encoding="utf-8-sig").splitlines()[0].endswith(";beslutning")
    assert load_workspace(store.root).council_reports[-1].decision == "Godkendt"


def test_a_required_column_is_still_required(store):
    path = store.root / "council_reports.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace(";udvalg", ";udvalgX"), encoding="utf-8-sig")
    with pytest.raises(Exception) as err:
        load_workspace(store.root)
    assert "kolonnen 'udvalg' mangler" in str(err.value.problems)


def test_inputs_written_changed_linked_and_removed(store):
    store.update(
        lambda ws: add_input(
            ws,
            day=TODAY,
            source="Havnens Café",
            text="Flere cykelstativer ved havnen.",
            meeting="M-2026-2",
            initiatives=["I-001"],
        ),
        what="input",
    )
    ws = store.load()
    row = ws.inputs[-1]
    assert (row.id, row.source, row.initiatives) == ("IN-009", "Havnens Café", ("I-001",))
    store.update(lambda ws: update_input(ws, "IN-009", initiatives=["I-001", "I-003"]), what="knyt")
    assert store.load().inputs[-1].initiatives == ("I-001", "I-003")
    assert [e["new"] for e in _logged(store, "knyt")] == ["I-001, I-003"]
    with pytest.raises(InputError, match="initiativet 'I-999' findes ikke"):
        update_input(store.load(), "IN-009", initiatives=["I-999"])
    store.update(lambda ws: remove_input(ws, "IN-009"), what="fjern")
    assert "IN-009" not in {i.id for i in store.load().inputs}
    assert _logged(store, "fjern")[0]["op"] == "remove"


def test_networks_come_from_the_charter_and_can_be_closed(store):
    ws = store.load()
    without = (
        ws.with_table("networks", [n for n in ws.networks if n.id != "N-KLIMA"])
        .with_table("network_events", [e for e in ws.network_events if e.network != "N-KLIMA"])
        .with_table(
            "initiatives",
            [i.model_copy(update={"network": None}) if i.network == "N-KLIMA" else i for i in ws.initiatives],
        )
    )
    made = create_network(without, "N-KLIMA", founded=date(2025, 9, 18), coordinator="Birthe Nørrelund")
    net = next(n for n in made.networks if n.id == "N-KLIMA")
    assert (net.name, net.pillar) == ("Erhvervsnetværk for klima og bæredygtighed", "FGK")
    with pytest.raises(InputError, match="allerede oprettet"):
        create_network(ws, "N-KLIMA")
    with pytest.raises(InputError, match="kommissoriet nævner ikke"):
        create_network(ws, "N-NY")
    store.update(lambda ws: close_network(ws, "N-KLIMA", day=TODAY), what="luk")
    assert next(n for n in store.load().networks if n.id == "N-KLIMA").closed == TODAY
    with pytest.raises(InputError, match="allerede lukket"):
        close_network(store.load(), "N-KLIMA", day=TODAY)
    with pytest.raises(InputError, match="før stiftelsen"):
        update_network(store.load(), "N-KLIMA", closed=date(2020, 1, 1))


def test_a_working_group_is_closed_with_its_report(store):
    with pytest.raises(InputError, match="skriv kort"):
        close_working_group(store.load(), "WG-1", day=TODAY, report=" ")
    with pytest.raises(InputError, match="før mødet"):
        close_working_group(store.load(), "WG-1", day=date(2025, 1, 1), report="x")
    store.update(
        lambda ws: close_working_group(ws, "WG-1", day=TODAY, report="Boden kører; faciliteter forbedret."),
        what="afslut",
    )
    group = store.load().working_groups[0]
    assert (group.state, group.reported, group.report) == (
        GroupState.CLOSED,
        TODAY,
        "Boden kører; faciliteter forbedret.",
    )
    assert {e["field"] for e in _logged(store, "afslut")} == {"tilstand", "rapporteret", "rapport"}


def test_milestones_added_and_marked_done(store):
    store.update(
        lambda ws: add_milestone(ws, "I-020", day=date(2027, 3, 1), title="Toiletbygning udbudt"), what="milepæl"
    )
    ms = store.load().milestones[-1]
    assert (ms.initiative, ms.done) == ("I-020", None)
    store.update(lambda ws: mark_milestone(ws, ms.id, TODAY, TODAY), what="udført")
    assert store.load().milestones[-1].done == TODAY
    with pytest.raises(InputError, match="initiativet 'I-999' findes ikke"):
        add_milestone(store.load(), "I-999", day=TODAY, title="x")


def test_a_workspace_without_milestones_csv_loads_and_gets_it_on_the_next_save(store):
    (store.root / "milestones.csv").unlink()
    ws = store.load()
    assert ws.milestones == ()
    assert not (store.root / "milestones.csv").exists()  # opening alone does not create it
    first = ws.initiatives[0].id
    store.update(lambda ws: update_initiative(ws, first, TODAY, next_step="videre"))
    assert (store.root / "milestones.csv").read_text(encoding="utf-8-sig") == "id;initiativ;dato;titel;udført\n"
    assert load_workspace(store.root).milestones == ()


def test_a_milestone_pointing_nowhere_is_a_load_error(store):
    with open(store.root / "milestones.csv", "a", encoding="utf-8") as f:
        f.write("MP-009;I-999;2026-01-01;x;\n")
    with pytest.raises(Exception) as err:
        load_workspace(store.root)
    assert "initiativet 'I-999' findes ikke" in str(err.value.problems)


def test_every_initiative_field_through_the_api(store):
    changes = dict(supporters="Dragør Erhverv", hours="1.500", description="Ny beskrivelse", kind="privat")
    store.update(lambda ws: update_initiative(ws, "I-003", TODAY, **changes), what="felter")
    ini = store.load().initiative_by_id["I-003"]
    assert (ini.supporters, ini.hours, ini.description, ini.kind) == (
        "Dragør Erhverv",
        1500,
        "Ny beskrivelse",
        "privat",
    )


def test_private_initiatives_can_be_filtered(store):
    ws = store.load()
    private = filter_initiatives(ws.initiatives, kind=InitiativeKind.PRIVATE)
    assert [i.id for i in private] == ["I-011", "I-018", "I-026", "I-028"]
    assert all(i.kind == "privat" for i in private)


def test_the_gdpr_purge_leaves_no_purged_value_in_the_last_logged_copies(store):
    from forumkit.edits.privacy import forget

    store.update(
        lambda ws: ws.with_table(
            "members", [m.model_copy(update={"phone": "0000 9999"}) if m.id == "A-008" else m for m in ws.members]
        )
    )
    assert b"0000 9999" in (store.root / STATE_DIR / "members.csv").read_bytes()
    forget(store, date(2027, 5, 1))
    for path in (store.root / STATE_DIR).iterdir():
        data = path.read_bytes()
        assert b"0000 9999" not in data and b"thomas.krogh@example.dk" not in data, path.name
    assert b"0000 9999" not in (store.root / CHANGES_FILE).read_bytes()


def test_an_outside_edit_of_a_purged_value_is_logged_then_scrubbed(store):
    from forumkit.edits.privacy import forget

    store.load()
    path = store.root / "members.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace("thomas.krogh@example.dk", "tk@example.dk"), encoding="utf-8-sig"
    )
    forget(Store(store.root, who="test"), date(2027, 5, 1))
    everything = b"".join(p.read_bytes() for p in (store.root / STATE_DIR).iterdir())
    everything += (store.root / CHANGES_FILE).read_bytes() + path.read_bytes()
    assert b"tk@example.dk" not in everything and b"thomas.krogh@example.dk" not in everything


def test_network_events_changed_and_removed(store):
    from forumkit.edits.networks import remove_network_event, update_network_event

    ws = store.load()
    event = ws.network_events[0]
    store.update(lambda ws: update_network_event(ws, event.id, today=TODAY, members="1.500"), what="medlemmer")
    assert store.load().network_events[0].members == 1500
    with pytest.raises(InputError, match="netværket 'N-X' findes ikke"):
        update_network_event(store.load(), event.id, today=TODAY, network="N-X")
    store.update(lambda ws: remove_network_event(ws, event.id), what="fjern begivenhed")
    assert event.id not in {e.id for e in store.load().network_events}


def test_a_report_before_the_meeting_that_set_up_the_group_is_a_load_error(store):
    path = store.root / "working_groups.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[0] += ";rapporteret;rapport"
    lines[1] += ";2020-01-01;Rapport"
    lines[2] += ";;"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.raises(Exception) as err:
        load_workspace(store.root)
    assert [str(p) for p in err.value.problems] == [
        "working_groups.csv:2:rapporteret: rapporten (2020-01-01) ligger før mødet M-2025-2, der nedsatte gruppen"
    ]
