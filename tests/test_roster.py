"""Appointments through the package API, and the composition check with each of its codes."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.documents.seat_chart import seat_timeline_data
from forumkit.edits.roster import (
    add_staff,
    appoint,
    elect_chair,
    end_appointment,
    replace_member,
    seat_slots,
    set_role,
)
from forumkit.model.errors import InputError
from forumkit.model.membership import chair
from forumkit.model.tables import edit
from forumkit.rules.composition import check_composition, seat_history
from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import EXAMPLE, TODAY, snapshot

D = date.fromisoformat


@pytest.fixture
def ws():
    return load_workspace(EXAMPLE)


def codes(ws, day=TODAY):
    return sorted(f.code for f in check_composition(ws, day))


def test_appoint_replace_end_through_the_store(store):
    store.update(
        lambda ws: replace_member(
            ws,
            "A-009",
            name="Hanne Jensen",
            start=D("2027-01-01"),
            organisation="Café Fyrtårnet",
            email="hanne@example.dk",
        ),
        what="ny repræsentant",
    )
    ws = store.load()
    assert ws.member_by_id["A-009"].end == D("2026-12-31")
    new = ws.member_by_id["A-013"]
    assert (new.seat, new.name, new.appointed_by, new.start, new.role) == (
        "HORESTA",
        "Hanne Jensen",
        "Horesta",
        D("2027-01-01"),
        "medlem",
    )
    log = [e for e in read_changes(store.root) if e["row"] == "A-013"]
    assert {e["field"]: e["new"] for e in log}["navn"] == "Hanne Jensen"
    store.update(lambda ws: end_appointment(ws, "A-013", D("2027-06-30")))
    assert store.load().member_by_id["A-013"].end == D("2027-06-30")
    assert "seat-vacant" in codes(store.load(), D("2027-07-01"))


@pytest.mark.parametrize(
    "kwargs, field, message",
    [
        (
            dict(seat="XX"),
            "sæde",
            "ukendt sæde 'XX' – kommissoriet kender: VG, SMV, DI, DE, HAVN, DETAIL, HORESTA, GADE",
        ),
        (
            dict(appointed_by="Dansk Erhverv"),
            "udpeget_af",
            "sædet 'Repræsentant fra restaurationsbranchen' udpeges af Horesta, ikke af 'Dansk Erhverv'",
        ),
        (dict(end=D("2026-01-01")), "til", "slutdato 2026-01-01 ligger før startdato 2027-01-01"),
        (dict(email="hanne(at)firma"), "email", "'hanne(at)firma' er ikke en gyldig e-mailadresse"),
        (
            dict(email="hanne@example.d\nk"),
            "email",
            "'hanne@example.d\\nk' er ikke en gyldig e-mailadresse (den indeholder et linjeskift)",
        ),
        (
            dict(email="hanne@example.dk\n"),
            "email",
            "'hanne@example.dk\\n' er ikke en gyldig e-mailadresse (den indeholder et linjeskift)",
        ),
        (dict(phone="3232\n3232"), "telefon", "'3232\n3232' er ikke et gyldigt telefonnummer (8 cifre, evt. +45)"),
        (dict(role="kasserer"), "rolle", "ukendt rolle 'kasserer' – brug en af: medlem, formand, næstformand"),
        (
            dict(start=D("2026-06-01")),
            "sæde",
            "sædet 'Repræsentant fra restaurationsbranchen' er allerede besat af Peter Mølgaard i perioden "
            "fra 2026-06-01 "
            "– brug 'erstat' eller afslut en udpegning først",
        ),
    ],
)
def test_bad_appointments_are_refused_and_nothing_is_written(store, kwargs, field, message):
    args = dict(seat="HORESTA", name="Hanne Jensen", appointed_by="Horesta", start=D("2027-01-01")) | kwargs
    before = snapshot(store.root)
    with pytest.raises(InputError) as info:
        store.update(lambda ws: appoint(ws, **args))
    assert (info.value.field, info.value.message) == (field, message)
    assert snapshot(store.root) == before


def test_nobody_holds_two_seats_through_the_api(ws):
    free_seat = end_appointment(ws, "A-009", D("2026-11-30"))
    with pytest.raises(InputError, match="Karin Søborg har allerede sædet 'HAVN' i perioden"):
        appoint(free_seat, seat="HORESTA", name="karin  søborg", appointed_by="Horesta", start=D("2026-12-01"))


def test_chair_election_needs_a_sitting_member(ws):
    with pytest.raises(InputError) as info:
        elect_chair(ws, "A-011", "M-2025-1")
    assert info.value.message == (
        "Anne-Marie Vestergaard har ikke et sæde på mødedagen 2025-05-06 og kan ikke vælges som formand"
    )
    moved = elect_chair(ws, "A-005", "M-2026-2")
    assert chair(moved, TODAY).name == "Birthe Nørrelund"
    assert moved.member_by_id["A-007"].role == "medlem"
    assert chair(moved, D("2026-09-01")) is None  # the new chair's role begins at the election


def test_set_role_refuses_unknown_role(ws):
    with pytest.raises(InputError, match="ukendt rolle 'boss'"):
        set_role(ws, "A-001", "boss", TODAY)


def test_staff_in_an_unknown_role_is_refused(ws):
    with pytest.raises(InputError) as info:
        add_staff(ws, role="kok", name="Eva")
    assert info.value.message.startswith("ukendt sekretariatsrolle 'kok'")
    added = add_staff(ws, role="fagperson", name="Jonas Ravn", title="Turismekoordinator")
    assert added.secretariat[-1].id == "S-004"


def test_the_example_composition_as_of_today_and_in_the_past(ws):
    assert codes(ws) == ["term-expiring"]
    assert codes(ws, D("2025-04-15")) == ["chair-not-yet"]
    assert codes(ws, D("2026-04-01")) == []


def test_vacancy_and_wrong_organisation(ws):
    changed = ws.with_table(
        "members", [edit(a, appointed_by="Dansk Erhverv") if a.id == "A-009" else a for a in ws.members]
    )
    found = check_composition(changed, TODAY)
    wrong = [f for f in found if f.code == "seat-wrong-organisation"]
    assert [f.message for f in wrong] == [
        "Peter Mølgaard sidder i Repræsentant fra restaurationsbranchen (HORESTA), men er udpeget af 'Dansk Erhverv' "
        "– sædet udpeges af Horesta"
    ]
    vacant = end_appointment(ws, "A-006", D("2026-10-31"))
    assert [f.message for f in check_composition(vacant, TODAY) if f.code == "seat-vacant"] == [
        "Repræsentant udpeget af Dragør Erhverv (DE): sædet er ledigt den 26. november 2026 – Dragør Erhverv skal "
        "udpege"
    ]


def test_overfilled_overlap_and_two_seats(ws):
    extra = edit(ws.member_by_id["A-004"], id="A-099", name="Karin Søborg", start=D("2026-01-01"))
    changed = ws.with_table("members", (*ws.members, extra))
    found = {f.code: f.message for f in check_composition(changed, TODAY)}
    assert found["seat-overfilled"].startswith(
        "Repræsentant fra SMV-segmentet (SMV): 2 personer (Lars Holmgaard, Karin Søborg)"
    )
    assert found["seat-overlap"].startswith("Repræsentant fra SMV-segmentet (SMV): Karin Søborg tiltræder 2026-01-01")
    assert found["person-two-seats"].startswith("Karin Søborg har to sæder på én gang")


def test_chair_missing_and_several(ws):
    no_chair = ws.with_table("members", [edit(a, role="medlem") for a in ws.members])
    assert "chair-missing" in codes(no_chair)
    two = ws.with_table("members", [edit(a, role="formand") if a.id in ("A-007", "A-001") else a for a in ws.members])
    assert "chair-several" in codes(two)


def test_secretariat_missing_and_staff_as_member(ws):
    no_director = ws.with_table("secretariat", [s for s in ws.secretariat if s.role != "direktoer"])
    messages = [f.message for f in check_composition(no_director, TODAY) if f.code == "secretariat-missing"]
    assert messages == ["Sekretariatsrollen 'Direktør' er ikke besat den 26. november 2026"]
    staff_member = add_staff(ws, role="fagperson", name="Lars Holmgaard")
    assert "staff-as-member" in codes(staff_member)


def test_seat_grid_has_ten_seats(ws):
    slots = seat_slots(ws, TODAY)
    assert len(slots) == 10
    assert [s.state for s in slots].count("udløber snart") == 1
    assert slots[8].appointment.name == "Peter Mølgaard" and slots[8].state == "udløber snart"
    assert [s.state for s in seat_slots(ws, D("2025-01-01"))] == ["ledig"] * 10


def test_seat_history_and_timeline(ws):
    table = seat_history(ws)
    assert list(table.columns) == ["Sæde", "Navn", "Organisation", "Udpeget af", "Fra", "Til", "Rolle"]
    detail = table[table["Sæde"].str.endswith("(DETAIL)")]
    assert list(detail["Navn"]) == ["Thomas Krogh", "Anne-Marie Vestergaard"]
    rows = seat_timeline_data(ws, TODAY)
    assert ("VG 1", "Niels Overgaard", D("2027-01-01"), D("2028-12-31"), "medlem") in rows
    assert len({r[0] for r in rows}) == 10
