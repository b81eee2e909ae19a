"""The idea catalogue: status workflow and rules, the green list, working groups and networks."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.edits.catalogue import (
    add_group_member,
    add_network_event,
    create_initiative,
    create_working_group,
    filter_initiatives,
    update_initiative,
)
from forumkit.model.errors import InputError
from forumkit.rules.catalogue_rules import check_catalogue, green_list
from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import EXAMPLE, TODAY

D = date.fromisoformat


@pytest.fixture
def ws():
    return load_workspace(EXAMPLE)


def test_status_workflow(ws):
    moved = update_initiative(ws, "I-009", TODAY, status="afklaring")
    assert moved.initiative_by_id["I-009"].updated == TODAY
    with pytest.raises(InputError) as info:
        update_initiative(ws, "I-009", TODAY, status="gennemført")
    assert info.value.message == "I-009 kan ikke gå fra 'idé' til 'gennemført' – mulige: afklaring, parkeret, opgivet"
    with pytest.raises(InputError) as info:
        update_initiative(ws, "I-008", TODAY, status="igangsat")
    assert info.value.message == "et igangsat initiativ skal have ejer og start"
    started = update_initiative(ws, "I-008", TODAY, status="igangsat", owner="Lars Holmgaard", start=TODAY)
    assert started.initiative_by_id["I-008"].status == "igangsat"
    done = update_initiative(ws, "I-007", TODAY, status="gennemført")
    assert done.initiative_by_id["I-007"].progress == 100
    with pytest.raises(InputError, match="gennemført initiativ har fremdrift 100"):
        update_initiative(ws, "I-007", TODAY, status="gennemført", progress=80)
    parked = update_initiative(ws, "I-021", TODAY, status="parkeret")
    assert update_initiative(parked, "I-021", TODAY, status="afklaring").initiative_by_id["I-021"].status == "afklaring"


@pytest.mark.parametrize(
    "changes, message",
    [
        (dict(pillar="XX"), "ukendt søjle 'XX'"),
        (dict(progress=140), "fremdrift '140' skal være mellem 0 og 100"),
        (dict(progress="halvdelen"), "ugyldig fremdrift 'halvdelen' – skriv et helt tal"),
        (dict(due=D("2020-01-01")), "fristen 2020-01-01 ligger før start 2026-02-01"),
        (dict(working_group="WG-9"), "arbejdsgruppen 'WG-9' findes ikke"),
        (dict(colour="lilla"), "ukendt farve 'lilla' – brug en af: grøn, gul, rød"),
    ],
)
def test_bad_edits_are_refused(ws, changes, message):
    with pytest.raises(InputError) as info:
        update_initiative(ws, "I-007", TODAY, **changes)
    assert info.value.message.startswith(message)


def test_rule_findings(ws):
    from forumkit.model.tables import edit

    broken = ws.with_table(
        "initiatives",
        [
            edit(i, owner=None)
            if i.id == "I-007"
            else edit(i, progress=90)
            if i.id == "I-002"
            else edit(i, budget_secured=999_999)
            if i.id == "I-003"
            else i
            for i in ws.initiatives
        ],
    )
    found = {(f.code, f.ref): f.message for f in check_catalogue(broken, TODAY)}
    assert (
        found[("initiative-started-incomplete", "I-007")]
        == "I-007 'Iværksættercafé på biblioteket fire gange om året' er igangsat, men mangler ejer"
    )
    assert found[("initiative-done-not-100", "I-002")].endswith("er gennemført, men fremdriften er 90 %")
    assert found[("budget-suspicious", "I-003")].endswith("sikret 999.999 kr. er mere end søgt 350.000 kr.")
    assert found[("initiative-overdue", "I-028")].endswith("havde frist 31. oktober 2026 og står som igangsat")
    assert ("initiative-stale", "I-016") in found


def test_private_initiative_tracked_the_same_way(ws):
    made = create_initiative(
        ws,
        title="Fælles gavekort for byens butikker",
        pillar="TL",
        today=TODAY,
        kind="privat",
        owner="Vestergaard Mode",
        colour="grøn",
        horizon="0–1 år",
    )
    new = made.initiatives[-1]
    assert (new.id, new.kind, new.status, new.updated) == ("I-029", "privat", "idé", TODAY)
    assert check_catalogue(made, TODAY) == check_catalogue(ws, TODAY)


def test_green_list_says_what_is_missing(ws):
    items = {g.initiative.id: g.missing for g in green_list(ws)}
    assert set(items) == {"I-003", "I-008", "I-010", "I-012", "I-016", "I-020", "I-021", "I-026"}
    assert items["I-008"] == ("ejer", "ressourcer", "arbejdsgruppe", "næste skridt")
    assert items["I-003"] == ()
    assert items["I-012"] == ("ejer",)


def test_working_group_with_forum_and_outside_members(ws):
    made = create_working_group(
        ws,
        name="Praktikpladser",
        mandate="Forbereder en praktikpladsbørs.",
        meeting="M-2026-2",
        report_back=D("2027-04-22"),
    )
    made = add_group_member(made, "WG-3", name="", member="A-004", role="tovholder")
    made = add_group_member(made, "WG-3", name="Eva Lind", organisation="Erhvervsskolen (fiktiv)")
    made = update_initiative(made, "I-008", TODAY, working_group="WG-3")
    assert [(g.name, g.organisation, g.member) for g in made.group_members if g.group == "WG-3"] == [
        ("Lars Holmgaard", "Holmgaard El-Service ApS", "A-004"),
        ("Eva Lind", "Erhvervsskolen (fiktiv)", None),
    ]
    assert made.initiative_by_id["I-008"].working_group == "WG-3"
    with pytest.raises(InputError, match="mødet 'M-2030-1' findes ikke"):
        create_working_group(ws, name="X", mandate="Y", meeting="M-2030-1", report_back=None)


def test_network_membership_over_time(ws):
    made = add_network_event(ws, "N-KLIMA", day=D("2026-11-20"), title="Julemøde", members=21, today=TODAY)
    counts = [(e.date, e.members) for e in made.network_events if e.network == "N-KLIMA"]
    assert counts[-1] == (D("2026-11-20"), 21) and counts[0] == (D("2025-09-18"), 8)


def test_filter(ws):
    assert [i.id for i in filter_initiatives(ws.initiatives, pillar="LH", status="igangsat")] == ["I-001", "I-020"]
    assert [i.id for i in filter_initiatives(ws.initiatives, text="HAVNEFEST")] == ["I-019"]
    assert len(filter_initiatives(ws.initiatives, network="N-GASTRO", colour="grøn")) == 5


def test_edits_through_the_store_are_logged(store):
    store.update(lambda ws: update_initiative(ws, "I-007", TODAY, progress=65), what="fremdrift")
    last = read_changes(store.root)[-2:]
    assert {(e["field"], e["old"], e["new"]) for e in last} == {
        ("fremdrift", "50", "65"),
        ("opdateret", "2026-10-06", "2026-11-26"),
    }
