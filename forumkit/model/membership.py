"""Who sits when: the one rule for "in force on a day", and the questions asked of the roster with it."""

from __future__ import annotations

from datetime import date

from .tables import Appointment, Staff
from .vocab import Role
from .workspace import Workspace

__all__ = ["active_members", "chair", "has_successor", "is_active", "person_key"]


def is_active(appointment: Appointment | Staff, day: date) -> bool:
    start = appointment.start or date.min
    return start <= day and (appointment.end is None or day <= appointment.end)


def active_members(ws: Workspace, day: date) -> list[Appointment]:
    """Appointments in force on ``day``, in charter seat order."""
    order = {seat.id: i for i, seat in enumerate(ws.charter.seats)}
    return sorted((a for a in ws.members if is_active(a, day)), key=lambda a: (order.get(a.seat, 99), a.start, a.name))


def person_key(name: str) -> str:
    """How two appointments are recognised as the same person."""
    return " ".join(name.casefold().split())


def chair(ws: Workspace, day: date) -> Appointment | None:
    chairs = [a for a in active_members(ws, day) if a.role_on(day) == Role.CHAIR]
    return chairs[0] if len(chairs) == 1 else None


def has_successor(ws: Workspace, appointment: Appointment) -> bool:
    """Someone is already appointed to the same seat from after this appointment ends."""
    return appointment.end is not None and any(
        b.seat == appointment.seat and b.start > appointment.end for b in ws.members
    )
