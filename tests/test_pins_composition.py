"""The composition check pinned on its boundaries: the day before, the day itself and the day after, with every
finding's severity, code, message and reference asserted in full (found by mutation testing, docs/mutation.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forumkit.model.findings import Finding
from forumkit.model.tables import edit
from forumkit.rules.composition import CODES, check_composition, seat_history
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY

D = date.fromisoformat


@pytest.fixture(scope="module")
def ws():
    return load_workspace(EXAMPLE)


def found(ws, day, code):
    return [(f.severity, f.message, f.ref) for f in check_composition(ws, day) if f.code == code]


def members(ws, changes: dict[str, dict], extra=()):
    """The example roster with some appointments edited (None drops one) and extra ones added."""
    rows = []
    for a in ws.members:
        if a.id in changes:
            if changes[a.id] is None:
                continue
            a = edit(a, **changes[a.id])
        rows.append(a)
    return ws.with_table("members", [*rows, *extra])


def test_the_code_catalogue_is_stable():
    # Codes are what screens and tests filter on; the labels are what a user reads in the list of checks.
    assert CODES == {
        "seat-vacant": "Et sæde er ledigt",
        "seat-overfilled": "Et sæde har flere personer end kommissoriet tillader",
        "seat-wrong-organisation": "Udpeget af en anden organisation end sædet angiver",
        "seat-overlap": "Udpegningsperioder overlapper i samme sæde",
        "person-two-seats": "Samme person har to sæder på én gang",
        "chair-not-yet": "Formanden er endnu ikke valgt (før det konstituerende møde)",
        "chair-missing": "Forummet har ingen formand efter det konstituerende møde",
        "chair-several": "Forummet har mere end én formand",
        "vice-several": "Forummet har mere end én næstformand",
        "secretariat-missing": "En sekretariatsrolle fra kommissoriet er ikke besat",
        "staff-as-member": "En medarbejder i sekretariatet står også som medlem",
        "term-expiring": "En udpegning udløber inden for advarselsperioden",
    }


def test_every_finding_code_is_in_the_catalogue(ws):
    broken = members(ws, {"A-001": None, "A-007": dict(role="medlem"), "A-009": dict(appointed_by="Gadelauget")})
    for day in (D("2025-04-15"), TODAY, D("2027-06-01")):
        for f in check_composition(broken, day):
            assert f.code in CODES and f.severity in ("fejl", "advarsel", "info")


# --- vacancies: a seat with one place, and a seat with three -------------------------------------------------


def test_one_place_vacant_in_a_three_place_seat(ws):
    ended = members(ws, {"A-001": dict(end=D("2026-11-25"))})
    assert found(ended, TODAY, "seat-vacant") == [
        (
            "advarsel",
            "Repræsentant fra visionsgruppen (VG): 1 af 3 pladser er ledige den 26. november 2026 – Visionsgruppen "
            "skal udpege",
            "VG",
        )
    ]


def test_two_places_vacant_in_a_three_place_seat(ws):
    ended = members(ws, {"A-001": dict(end=D("2026-11-25")), "A-003": dict(end=D("2026-11-25"))})
    assert found(ended, TODAY, "seat-vacant") == [
        (
            "advarsel",
            "Repræsentant fra visionsgruppen (VG): 2 af 3 pladser er ledige den 26. november 2026 – Visionsgruppen "
            "skal udpege",
            "VG",
        )
    ]


def test_a_seat_is_held_on_the_last_day_and_vacant_the_day_after(ws):
    ended = members(ws, {"A-006": dict(end=TODAY)})
    assert found(ended, TODAY, "seat-vacant") == []
    assert [m for _, m, _ in found(ended, TODAY + timedelta(days=1), "seat-vacant")] == [
        "Repræsentant udpeget af Dragør Erhverv (DE): sædet er ledigt den 27. november 2026 – Dragør Erhverv skal "
        "udpege"
    ]


def test_a_full_seat_is_neither_vacant_nor_overfilled(ws):
    codes = {f.code for f in check_composition(ws, D("2026-04-01"))}
    assert not codes & {"seat-vacant", "seat-overfilled"}


# --- overfilled, wrong organisation, two seats --------------------------------------------------------------


def test_overfilled_names_everyone_and_the_count(ws):
    extra = edit(ws.member_by_id["A-006"], id="A-099", name="Ida Holm", start=D("2026-06-01"))
    assert found(members(ws, {}, [extra]), TODAY, "seat-overfilled") == [
        (
            "fejl",
            "Repræsentant udpeget af Dragør Erhverv (DE): 2 personer (Henrik Strandberg, Ida Holm), men "
            "kommissoriet giver 1",
            "DE",
        )
    ]


def test_wrong_organisation_is_an_error_on_the_appointment(ws):
    wrong = members(ws, {"A-010": dict(appointed_by="Horesta")})
    assert found(wrong, TODAY, "seat-wrong-organisation") == [
        (
            "fejl",
            "Camilla Brink sidder i Repræsentant udpeget af Gadelauget (GADE), men er udpeget af 'Horesta' – "
            "sædet udpeges af Gadelauget",
            "A-010",
        )
    ]


def test_the_organisation_is_compared_without_case_or_extra_spaces(ws):
    spaced = members(ws, {"A-010": dict(appointed_by="gadelauget"), "A-009": dict(appointed_by="HORESTA")})
    assert found(spaced, TODAY, "seat-wrong-organisation") == []


def test_one_person_in_two_seats_names_both_seats(ws):
    extra = edit(ws.member_by_id["A-006"], id="A-099", name="karin  SØBORG", start=D("2026-06-01"))
    smaller = members(ws, {"A-006": None}, [extra])
    assert found(smaller, TODAY, "person-two-seats") == [
        (
            "fejl",
            "karin  SØBORG har to sæder på én gang: Repræsentant udpeget af Dragør Erhverv (DE) og "
            "Repræsentant udpeget af Erhvervsforeningen Dragør Havn (HAVN)",
            "A-099",
        )
    ]
    assert found(smaller, D("2026-05-31"), "person-two-seats") == []  # the day before the second seat


def test_a_seat_not_in_the_charter_is_shown_by_its_id(ws):
    extra = edit(ws.member_by_id["A-006"], id="A-099", seat="XX", name="Karin Søborg", start=D("2026-06-01"))
    assert [m for _, m, _ in found(members(ws, {}, [extra]), TODAY, "person-two-seats")] == [
        "Karin Søborg har to sæder på én gang: Repræsentant udpeget af Erhvervsforeningen Dragør Havn (HAVN) og XX"
    ]


# --- overlaps within a seat, over all time ---------------------------------------------------------------


def test_a_successor_starting_on_the_predecessors_last_day_overlaps(ws):
    successor = edit(ws.member_by_id["A-009"], id="A-099", name="Hanne Jensen", start=D("2026-12-31"), end=None)
    assert found(members(ws, {}, [successor]), TODAY, "seat-overlap") == [
        (
            "fejl",
            "Repræsentant fra restaurationsbranchen (HORESTA): Hanne Jensen tiltræder 2026-12-31, mens "
            "Peter Mølgaard stadig er udpeget (til 2026-12-31)",
            "A-099",
        )
    ]


def test_a_successor_starting_the_day_after_does_not_overlap(ws):
    successor = edit(ws.member_by_id["A-009"], id="A-099", name="Hanne Jensen", start=D("2027-01-01"), end=None)
    assert found(members(ws, {}, [successor]), TODAY, "seat-overlap") == []


def test_an_open_ended_predecessor_is_named_without_an_end(ws):
    successor = edit(ws.member_by_id["A-009"], id="A-099", name="Hanne Jensen", start=D("2030-01-01"), end=None)
    open_ended = members(ws, {"A-009": dict(end=None)}, [successor])
    assert [m for _, m, _ in found(open_ended, TODAY, "seat-overlap")] == [
        "Repræsentant fra restaurationsbranchen (HORESTA): Hanne Jensen tiltræder 2030-01-01, mens Peter Mølgaard "
        "stadig er udpeget (til ingen slutdato)"
    ]


def test_a_three_place_seat_overlaps_only_at_the_fourth_concurrent_appointment(ws):
    assert found(ws, TODAY, "seat-overlap") == []  # VG: three from 2025, a fourth only after one ends
    fourth = edit(ws.member_by_id["A-012"], id="A-099", name="Ida Holm", start=D("2026-06-01"), end=D("2026-12-31"))
    assert [m for _, m, _ in found(members(ws, {}, [fourth]), TODAY, "seat-overlap")] == [
        "Repræsentant fra visionsgruppen (VG): Ida Holm tiltræder 2026-06-01, mens Sofie Kragh Winther stadig er "
        "udpeget (til 2027-12-31)"
    ]


# --- chair and vice-chair ----------------------------------------------------------------------------------


CONSTITUENT_DAY = D("2025-05-06")


def constituent(ws, state="referat godkendt", day=CONSTITUENT_DAY):
    return ws.with_table("meetings", [edit(m, state=state, date=day) if m.id == "M-2025-1" else m for m in ws.meetings])


def no_chair(ws):
    return members(ws, {"A-007": dict(role="medlem", role_from=None)})


def test_chair_not_yet_before_the_constituent_meeting_and_missing_on_its_day(ws):
    before = D("2025-05-05")
    assert found(no_chair(ws), before, "chair-not-yet") == [
        ("info", "Forummet har ingen formand endnu – formanden vælges på det konstituerende møde", "")
    ]
    assert found(no_chair(ws), before, "chair-missing") == []
    on_the_day = D("2025-05-06")
    assert found(no_chair(ws), on_the_day, "chair-not-yet") == []
    assert found(no_chair(ws), on_the_day, "chair-missing") == [
        (
            "fejl",
            "Det konstituerende møde blev holdt 6. maj 2025, men ingen siddende medlem er formand den 6. maj 2025",
            "M-2025-1",
        )
    ]


def test_a_constituent_meeting_that_was_only_planned_has_not_been_held(ws):
    planned = no_chair(constituent(ws, state="planlagt"))
    assert [f.code for f in check_composition(planned, TODAY) if f.code.startswith("chair")] == ["chair-not-yet"]
    held = no_chair(constituent(ws, state="afholdt"))
    assert [f.code for f in check_composition(held, TODAY) if f.code.startswith("chair")] == ["chair-missing"]


def test_chair_missing_names_the_first_constituent_meeting(ws):
    second = edit(ws.meeting_by_id["M-2025-1"], id="M-2026-9", date=D("2026-05-06"))
    twice = no_chair(ws.with_table("meetings", [second, *ws.meetings]))
    assert [r for _, _, r in found(twice, TODAY, "chair-missing")] == ["M-2025-1"]


def test_a_chair_elected_before_the_constituent_meeting_is_no_finding(ws):
    assert [f.code for f in check_composition(ws, D("2025-05-06")) if f.code.startswith("chair")] == []
    early = members(ws, {"A-007": dict(role_from=None)})
    assert [f.code for f in check_composition(early, D("2025-04-15")) if f.code.startswith("chair")] == []


def test_two_chairs(ws):
    two = members(ws, {"A-001": dict(role="formand", role_from=D("2025-05-06"))})
    assert found(two, TODAY, "chair-several") == [
        ("fejl", "2 medlemmer står som formand: Mette Skovgaard Lund, Karin Søborg", "A-001")
    ]
    assert found(ws, TODAY, "chair-several") == []


def test_two_vice_chairs_is_a_warning_one_is_none(ws):
    assert found(ws, TODAY, "vice-several") == []
    two = members(ws, {"A-010": dict(role="næstformand", role_from=D("2026-11-27"))})
    assert found(two, TODAY, "vice-several") == []  # the day before the second vice-chair's role begins
    assert found(two, D("2026-11-27"), "vice-several") == [
        ("advarsel", "2 medlemmer står som næstformand: Jens Peter Havmand, Camilla Brink", "A-002")
    ]


# --- the secretariat ---------------------------------------------------------------------------------------


def test_a_required_role_is_missing_the_day_after_its_holder_leaves(ws):
    left = ws.with_table("secretariat", [edit(s, end=TODAY) if s.role == "direktoer" else s for s in ws.secretariat])
    assert found(left, TODAY, "secretariat-missing") == []
    assert found(left, TODAY + timedelta(days=1), "secretariat-missing") == [
        ("advarsel", "Sekretariatsrollen 'Direktør' er ikke besat den 27. november 2026", "direktoer")
    ]


def test_an_optional_role_may_be_empty(ws):
    assert not any(s.role == "fagperson" for s in ws.secretariat)
    assert found(ws, TODAY, "secretariat-missing") == []


def test_staff_as_member_names_the_seat(ws):
    staff = ws.with_table("secretariat", [*ws.secretariat, edit(ws.secretariat[0], id="S-009", name="camilla brink")])
    assert found(staff, TODAY, "staff-as-member") == [
        (
            "advarsel",
            "Camilla Brink er både i sekretariatet og medlem i Repræsentant udpeget af Gadelauget (GADE) – "
            "medarbejdere tæller ikke med i sæderne",
            "A-010",
        )
    ]
    gone = staff.with_table(
        "secretariat", [edit(s, end=D("2026-11-25")) if s.id == "S-009" else s for s in staff.secretariat]
    )
    assert found(gone, TODAY, "staff-as-member") == []  # staff who have left do not count


# --- terms running out: 42 days' warning in the example charter ----------------------------------------------


def test_a_term_expiring_exactly_42_days_ahead_is_warned(ws):
    assert ws.charter.terms.expiry_warning_days == 42
    end = D("2026-12-31")  # Peter Mølgaard, HORESTA, no successor
    assert found(ws, end - timedelta(days=43), "term-expiring") == []
    expected = [
        (
            "advarsel",
            "Peter Mølgaard (Repræsentant fra restaurationsbranchen (HORESTA)) er udpeget til "
            "31. december 2026 – bed Horesta om at genudpege eller udpege en afløser",
            "A-009",
        )
    ]
    assert found(ws, end - timedelta(days=42), "term-expiring") == expected
    assert found(ws, end, "term-expiring") == expected  # the last day itself


def test_a_term_with_a_successor_is_not_warned(ws):
    # Mette Skovgaard Lund (VG) ends 2026-12-31 too, and Niels Overgaard takes a VG place from 2027-01-01.
    assert [r for _, _, r in found(ws, TODAY, "term-expiring")] == ["A-009"]
    successor = edit(ws.member_by_id["A-009"], id="A-099", name="Hanne Jensen", start=D("2027-01-01"), end=None)
    assert found(members(ws, {}, [successor]), TODAY, "term-expiring") == []
    without = members(ws, {"A-012": None})
    assert sorted(r for _, _, r in found(without, TODAY, "term-expiring")) == ["A-001", "A-009"]


def test_an_appointment_without_an_end_never_expires(ws):
    open_ended = members(ws, {"A-009": dict(end=None)})
    assert found(open_ended, TODAY, "term-expiring") == []


def test_the_whole_finding_for_a_clean_day(ws):
    assert check_composition(ws, TODAY) == [
        Finding(
            "advarsel",
            "term-expiring",
            "Peter Mølgaard (Repræsentant fra restaurationsbranchen (HORESTA)) er udpeget "
            "til 31. december 2026 – bed Horesta om at genudpege eller udpege en afløser",
            "A-009",
        )
    ]


# --- seat history ------------------------------------------------------------------------------------------


def test_seat_history_is_in_charter_order_then_by_start(ws):
    table = seat_history(ws)
    assert list(table["Navn"])[:4] == [
        "Mette Skovgaard Lund",
        "Jens Peter Havmand",
        "Sofie Kragh Winther",
        "Niels Overgaard",
    ]
    assert list(table["Sæde"])[-1] == "Repræsentant udpeget af Gadelauget (GADE)"
    first = table.iloc[0].to_dict()
    assert first == {
        "Sæde": "Repræsentant fra visionsgruppen (VG)",
        "Navn": "Mette Skovgaard Lund",
        "Organisation": "Skovgaard Lund Rådgivning",
        "Udpeget af": "Visionsgruppen",
        "Fra": D("2025-04-01"),
        "Til": D("2026-12-31"),
        "Rolle": "medlem",
    }
    blank = seat_history(members(ws, {"A-010": dict(organisation=None)}))
    assert blank[blank["Navn"] == "Camilla Brink"]["Organisation"].tolist() == [""]
