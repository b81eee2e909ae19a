"""The composition check: the roster against the charter's seat rule, as of any date."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from ..model.danish import da_date
from ..model.findings import Finding
from ..model.membership import active_members, has_successor, is_active, person_key
from ..model.tables import HELD_STATES
from ..model.vocab import MeetingKind, Role, Severity
from ..model.workspace import Workspace

__all__ = ["CODES", "check_composition", "seat_history"]

CODES = {
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


def _seat_label(ws: Workspace, seat_id: str) -> str:
    seat = ws.charter.seat_by_id.get(seat_id)
    return f"{seat.name} ({seat_id})" if seat else seat_id


def check_composition(ws: Workspace, day: date) -> list[Finding]:
    """Every composition finding for ``day``: seats, organisations, overlaps, chair, secretariat, terms."""
    out: list[Finding] = []
    charter = ws.charter_as_of(day)  # a seat added by a later revision is not vacant before it
    active = active_members(ws, day)
    by_seat: dict[str, list] = defaultdict(list)
    for a in active:
        by_seat[a.seat].append(a)
    for seat in charter.seats:
        holders = by_seat.get(seat.id, [])
        label = _seat_label(ws, seat.id)
        if len(holders) < seat.count:
            missing = seat.count - len(holders)
            what = "sædet er ledigt" if seat.count == 1 else f"{missing} af {seat.count} pladser er ledige"
            out.append(
                Finding(
                    Severity.WARNING,
                    "seat-vacant",
                    f"{label}: {what} den {da_date(day, False)} – {seat.appointed_by} skal udpege",
                    seat.id,
                )
            )
        elif len(holders) > seat.count:
            names = ", ".join(a.name for a in holders)
            out.append(
                Finding(
                    Severity.ERROR,
                    "seat-overfilled",
                    f"{label}: {len(holders)} personer ({names}), men kommissoriet giver {seat.count}",
                    seat.id,
                )
            )
        for a in holders:
            if person_key(a.appointed_by) != person_key(seat.appointed_by):
                out.append(
                    Finding(
                        Severity.ERROR,
                        "seat-wrong-organisation",
                        f"{a.name} sidder i {label}, men er udpeget af '{a.appointed_by}' – "
                        f"sædet udpeges af {seat.appointed_by}",
                        a.id,
                    )
                )
    people: dict[str, list] = defaultdict(list)
    for a in active:
        people[person_key(a.name)].append(a)
    for rows in people.values():
        if len(rows) > 1:
            seats = " og ".join(_seat_label(ws, a.seat) for a in rows)
            out.append(
                Finding(
                    Severity.ERROR, "person-two-seats", f"{rows[0].name} har to sæder på én gang: {seats}", rows[0].id
                )
            )
    out.extend(_overlaps(ws))
    out.extend(_chair(ws, day, active))
    staff_names = set()
    for role in charter.secretariat:
        staff = [s for s in ws.secretariat if s.role == role.id and is_active(s, day)]
        staff_names.update(person_key(s.name) for s in staff)
        if role.required and not staff:
            out.append(
                Finding(
                    Severity.WARNING,
                    "secretariat-missing",
                    f"Sekretariatsrollen '{role.name}' er ikke besat den {da_date(day, False)}",
                    role.id,
                )
            )
    for a in active:
        if person_key(a.name) in staff_names:
            out.append(
                Finding(
                    Severity.WARNING,
                    "staff-as-member",
                    f"{a.name} er både i sekretariatet og medlem i {_seat_label(ws, a.seat)} – "
                    "medarbejdere tæller ikke med i sæderne",
                    a.id,
                )
            )
    warn = timedelta(days=charter.terms.expiry_warning_days)
    for a in active:
        if a.end and a.end - day <= warn and not has_successor(ws, a):
            out.append(
                Finding(
                    Severity.WARNING,
                    "term-expiring",
                    f"{a.name} ({_seat_label(ws, a.seat)}) er udpeget til {da_date(a.end, False)} – "
                    f"bed {a.appointed_by} om at genudpege eller udpege en afløser",
                    a.id,
                )
            )
    return out


def _overlaps(ws: Workspace) -> list[Finding]:
    """Within one seat, more appointments in force at once than the seat has places (over all time)."""
    out = []
    for seat in ws.charter.seats:
        rows = sorted((a for a in ws.members if a.seat == seat.id), key=lambda a: a.start)
        for i, a in enumerate(rows):
            concurrent = [b for b in rows[:i] if (b.end or date.max) >= a.start]
            if len(concurrent) >= seat.count:
                other = concurrent[-1]
                out.append(
                    Finding(
                        Severity.ERROR,
                        "seat-overlap",
                        f"{_seat_label(ws, seat.id)}: {a.name} tiltræder {a.start}, mens {other.name} "
                        f"stadig er udpeget (til {other.end or 'ingen slutdato'})",
                        a.id,
                    )
                )
    return out


def _chair(ws: Workspace, day: date, active: list) -> list[Finding]:
    constituent = sorted(
        (m for m in ws.meetings if m.kind == MeetingKind.CONSTITUENT and m.state in HELD_STATES and m.date <= day),
        key=lambda m: m.date,
    )
    chairs = [a for a in active if a.role_on(day) == Role.CHAIR]
    vices = [a for a in active if a.role_on(day) == Role.VICE_CHAIR]
    out = []
    if not constituent:
        if not chairs:
            out.append(
                Finding(
                    Severity.INFO,
                    "chair-not-yet",
                    "Forummet har ingen formand endnu – formanden vælges på det konstituerende møde",
                    "",
                )
            )
    elif not chairs:
        out.append(
            Finding(
                Severity.ERROR,
                "chair-missing",
                f"Det konstituerende møde blev holdt {da_date(constituent[0].date, False)}, men ingen "
                f"siddende medlem er formand den {da_date(day, False)}",
                constituent[0].id,
            )
        )
    if len(chairs) > 1:
        out.append(
            Finding(
                Severity.ERROR,
                "chair-several",
                f"{len(chairs)} medlemmer står som formand: {', '.join(a.name for a in chairs)}",
                chairs[0].id,
            )
        )
    if len(vices) > 1:
        out.append(
            Finding(
                Severity.WARNING,
                "vice-several",
                f"{len(vices)} medlemmer står som næstformand: {', '.join(a.name for a in vices)}",
                vices[0].id,
            )
        )
    return out


def seat_history(ws: Workspace):
    """Who held which seat when, as a pandas table (Danish headers), oldest first within each seat."""
    import pandas as pd

    order = {seat.id: i for i, seat in enumerate(ws.charter.seats)}
    rows = sorted(ws.members, key=lambda a: (order.get(a.seat, 99), a.start))
    return pd.DataFrame(
        [
            {
                "Sæde": _seat_label(ws, a.seat),
                "Navn": a.name,
                "Organisation": a.organisation or "",
                "Udpeget af": a.appointed_by,
                "Fra": a.start,
                "Til": a.end,
                "Rolle": a.role,
            }
            for a in rows
        ],
        columns=["Sæde", "Navn", "Organisation", "Udpeget af", "Fra", "Til", "Rolle"],
    )
