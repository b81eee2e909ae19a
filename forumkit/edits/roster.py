"""Seats and appointments: who holds which seat when, and the edits that change it (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..model.errors import InputError
from ..model.ids import next_id
from ..model.membership import active_members, has_successor, is_active, person_key
from ..model.tables import ROLES, Appointment, Staff, build, edit
from ..model.vocab import Role, SeatState
from ..model.workspace import Workspace

__all__ = [
    "SeatSlot",
    "add_staff",
    "appoint",
    "elect_chair",
    "end_appointment",
    "forget_plan",
    "replace_member",
    "seat_slots",
    "set_role",
]

_EMAIL = re.compile(r"^[^@\s;,<>\"]+@[^@\s;,<>\"]+\.[A-Za-zæøåÆØÅ]{2,}$")
_PHONE = re.compile(r"^\+?[\d\s-]{8,16}$")


@dataclass(frozen=True)
class SeatSlot:
    """One of the charter's seats on a day: filled by an appointment, or vacant."""

    seat_id: str
    seat_name: str
    appointed_by: str
    number: int
    appointment: Appointment | None
    expiring: bool

    @property
    def state(self) -> str:
        if self.appointment is None:
            return SeatState.VACANT
        return SeatState.EXPIRING if self.expiring else SeatState.FILLED


def seat_slots(ws: Workspace, day: date) -> list[SeatSlot]:
    """The charter's seats on ``day``; a seat kind with count 3 gives three slots."""
    warn = timedelta(days=ws.charter.terms.expiry_warning_days)
    active = active_members(ws, day)
    slots: list[SeatSlot] = []
    for seat in ws.charter.seats:
        holders = [a for a in active if a.seat == seat.id]
        for n in range(max(seat.count, len(holders))):
            holder = holders[n] if n < len(holders) else None
            expiring = bool(holder and holder.end and holder.end - day <= warn and not has_successor(ws, holder))
            slots.append(SeatSlot(seat.id, seat.name, seat.appointed_by, n + 1, holder, expiring))
    return slots


def _check_contact(email: str | None, phone: str | None) -> None:
    if email and (not _EMAIL.fullmatch(email.strip()) or any(ord(c) < 32 for c in email)):
        shown = email.replace("\r", "\\r").replace("\n", "\\n")
        broken = " (den indeholder et linjeskift)" if shown != email else ""
        raise InputError("email", email, f"'{shown}' er ikke en gyldig e-mailadresse{broken}")
    if phone and (not _PHONE.fullmatch(phone.strip()) or any(ord(c) < 32 for c in phone.strip())):
        raise InputError("telefon", phone, f"'{phone}' er ikke et gyldigt telefonnummer (8 cifre, evt. +45)")


def appoint(
    ws: Workspace,
    *,
    seat: str,
    name: str,
    appointed_by: str,
    start: date,
    end: date | None = None,
    organisation: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    role: str = Role.MEMBER,
    note: str | None = None,
) -> Workspace:
    """Appoint a person to a seat; refuses an unknown seat, a wrong organisation, a full seat, bad contact data."""
    charter_seat = ws.charter.seat_by_id.get(seat)
    if charter_seat is None:
        raise InputError(
            "sæde", seat, f"ukendt sæde '{seat}' – kommissoriet kender: {', '.join(ws.charter.seat_by_id)}"
        )
    if not name or not name.strip():
        raise InputError("navn", name, "navnet skal udfyldes")
    if person_key(appointed_by or "") != person_key(charter_seat.appointed_by):
        raise InputError(
            "udpeget_af",
            appointed_by,
            f"sædet '{charter_seat.name}' udpeges af {charter_seat.appointed_by}, ikke af '{appointed_by}'",
        )
    if end and end < start:
        raise InputError("til", end.isoformat(), f"slutdato {end} ligger før startdato {start}")
    if role not in ROLES:
        raise InputError("rolle", role, f"ukendt rolle '{role}' – brug en af: {', '.join(ROLES)}")
    _check_contact(email, phone)
    holders = [a for a in ws.members if a.seat == seat and _overlaps(a, start, end)]
    if len(holders) >= charter_seat.count:
        names = ", ".join(a.name for a in holders)
        raise InputError(
            "sæde",
            seat,
            f"sædet '{charter_seat.name}' er allerede besat af {names} i perioden fra "
            f"{start} – brug 'erstat' eller afslut en udpegning først",
        )
    twice = [a for a in ws.members if person_key(a.name) == person_key(name) and _overlaps(a, start, end)]
    if twice:
        raise InputError("navn", name, f"{twice[0].name} har allerede sædet '{twice[0].seat}' i perioden")
    new = build(
        Appointment,
        {
            "id": next_id([a.id for a in ws.members], "A"),
            "seat": seat,
            "name": name.strip(),
            "organisation": organisation,
            "appointed_by": charter_seat.appointed_by,
            "start": start,
            "end": end,
            "role": role,
            "email": email,
            "phone": phone,
            "note": note,
        },
    )
    return ws.with_table("members", (*ws.members, new))


def _overlaps(a: Appointment, start: date, end: date | None) -> bool:
    a_end = a.end or date.max
    return a.start <= (end or date.max) and start <= a_end


def _find(ws: Workspace, appointment_id: str) -> Appointment:
    found = ws.member_by_id.get(appointment_id)
    if found is None:
        raise InputError("id", appointment_id, f"udpegningen '{appointment_id}' findes ikke")
    return found


def end_appointment(ws: Workspace, appointment_id: str, end: date) -> Workspace:
    """End an appointment on ``end`` (the last day in the seat)."""
    current = _find(ws, appointment_id)
    if end < current.start:
        raise InputError("til", end.isoformat(), f"slutdato {end} ligger før startdato {current.start}")
    return ws.with_table("members", [edit(a, end=end) if a.id == appointment_id else a for a in ws.members])


def replace_member(ws: Workspace, appointment_id: str, *, name: str, start: date, **details) -> Workspace:
    """End an appointment the day before ``start`` and appoint a successor to the same seat."""
    current = _find(ws, appointment_id)
    if start <= current.start:
        raise InputError("fra", start.isoformat(), f"efterfølgeren skal tiltræde efter {current.start}")
    ended = end_appointment(ws, appointment_id, start - timedelta(days=1))
    details.setdefault(
        "appointed_by",
        ws.charter.seat_by_id[current.seat].appointed_by
        if current.seat in ws.charter.seat_by_id
        else current.appointed_by,
    )
    return appoint(ended, seat=current.seat, name=name, start=start, **details)


def set_role(ws: Workspace, appointment_id: str, role: str, day: date) -> Workspace:
    """Give an active member a role; a new formand or næstformand takes the role from whoever held it."""
    current = _find(ws, appointment_id)
    if role not in ROLES:
        raise InputError("rolle", role, f"ukendt rolle '{role}' – brug en af: {', '.join(ROLES)}")
    if not is_active(current, day):
        raise InputError("rolle", current.name, f"{current.name} har ikke et sæde den {day} og kan ikke være {role}")
    rows = []
    for a in ws.members:
        if a.id == appointment_id:
            rows.append(edit(a, role=role, role_from=day if role != Role.MEMBER else None))
        elif role != Role.MEMBER and a.role_on(day) == role and is_active(a, day):
            rows.append(edit(a, role=Role.MEMBER, role_from=None))
        else:
            rows.append(a)
    return ws.with_table("members", rows)


def elect_chair(ws: Workspace, appointment_id: str, meeting_id: str) -> Workspace:
    """Record the chair elected at a meeting (the constituent meeting, or a later re-election)."""
    meeting = ws.meeting_by_id.get(meeting_id)
    if meeting is None:
        raise InputError("møde", meeting_id, f"mødet '{meeting_id}' findes ikke")
    member = _find(ws, appointment_id)
    if not is_active(member, meeting.date):
        raise InputError(
            "formand",
            member.name,
            f"{member.name} har ikke et sæde på mødedagen {meeting.date} og kan ikke vælges som formand",
        )
    return set_role(ws, appointment_id, Role.CHAIR, meeting.date)


def add_staff(
    ws: Workspace,
    *,
    role: str,
    name: str,
    title: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Workspace:
    """Register a secretariat staff member in one of the charter's roles (staff never hold seats)."""
    if role not in ws.charter.role_by_id:
        raise InputError(
            "rolle",
            role,
            f"ukendt sekretariatsrolle '{role}' – kommissoriet kender: {', '.join(ws.charter.role_by_id)}",
        )
    if start and end and end < start:
        raise InputError("til", end.isoformat(), f"slutdato {end} ligger før startdato {start}")
    _check_contact(email, phone)
    new = build(
        Staff,
        {
            "id": next_id([s.id for s in ws.secretariat], "S"),
            "role": role,
            "name": name,
            "title": title,
            "email": email,
            "phone": phone,
            "start": start,
            "end": end,
        },
    )
    return ws.with_table("secretariat", (*ws.secretariat, new))


def forget_plan(ws: Workspace, day: date) -> list[tuple[str, str, str, date]]:
    """Contact details past their retention date: (table, id, name, purge date), for ``forumkit forget``."""
    keep = timedelta(days=ws.charter.terms.contact_retention_days)
    out = []
    for table, rows in (("members", ws.members), ("secretariat", ws.secretariat)):
        for row in rows:
            if row.end and row.end + keep < day and (row.email or row.phone):
                out.append((table, row.id, row.name, row.end + keep))
    return out
