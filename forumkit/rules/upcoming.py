"""What is due soon: paperwork deadlines, meetings, action items, initiatives, report-backs and terms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..model.vocab import ActionState, GroupState, MeetingState, ReportState
from ..model.workspace import Workspace
from .catalogue_rules import CLOSED_STATUSES
from .planning import deadlines

__all__ = ["DueItem", "due_within", "next_meeting"]


@dataclass(frozen=True, order=True)
class DueItem:
    """One dated thing to do or to know, for the overview."""

    day: date
    what: str
    ref: str


def next_meeting(ws: Workspace, today: date):
    """The first meeting on or after ``today`` that is not yet held."""
    ahead = [m for m in ws.meetings if m.date >= today and m.state in (MeetingState.PLANNED, MeetingState.CALLED)]
    return min(ahead, key=lambda m: m.date, default=None)


def due_within(ws: Workspace, today: date, days: int = 30) -> list[DueItem]:
    """Everything dated from ``today`` to ``today + days``, earliest first."""
    last = today + timedelta(days=days)
    items: list[DueItem] = []

    def add(day: date | None, what: str, ref: str) -> None:
        if day and today <= day <= last:
            items.append(DueItem(day, what, ref))

    for m in ws.meetings:
        due = deadlines(m.date, ws.charter.meetings)
        if m.state == MeetingState.PLANNED:
            add(due.invitation, f"Send indkaldelse til {m.id}", m.id)
        if m.state in (MeetingState.PLANNED, MeetingState.CALLED):
            if not m.agenda_sent:
                add(due.agenda, f"Send dagsorden og bilag til {m.id}", m.id)
            add(m.date, f"Møde {m.id}: {m.theme or 'forummøde'}", m.id)
        if m.state == MeetingState.HELD and not m.minutes_sent:
            add(due.minutes, f"Send referat af {m.id}", m.id)
    for a in ws.actions:
        if a.state != ActionState.CLOSED:
            add(a.due, f"Opgave {a.id}: {a.text}", a.id)
    for i in ws.initiatives:
        if i.status not in CLOSED_STATUSES:
            add(i.due, f"Frist for {i.id}: {i.title}", i.id)
    for g in ws.working_groups:
        if g.state == GroupState.ACTIVE:
            add(g.report_back, f"Arbejdsgruppen '{g.name}' melder tilbage", g.id)
    for r in ws.council_reports:
        if r.state == ReportState.PLANNED:
            add(r.date, f"Status til {r.committee}", r.id)
    for a in ws.members:
        add(a.end, f"Udpegning udløber: {a.name} ({a.seat})", a.id)
    return sorted(items)
