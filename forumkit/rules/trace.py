"""Trace decision → action → initiative: what concerns one initiative, and what one meeting set going.

Pure functions over the workspace and the change log's entries (as read by the store); they return small
frozen dataclasses that a screen or a notebook shows as it likes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..model.errors import InputError
from ..model.tables import Action, AgendaItem, Initiative, Input, Meeting, Milestone, WorkingGroup
from ..model.vocab import ActionState
from ..model.workspace import Workspace
from .rollup import initiatives_as_of, month_ends

__all__ = [
    "Decision",
    "HistoryStep",
    "InitiativeTrace",
    "MeetingTrace",
    "MonthEnd",
    "Touched",
    "initiative_history",
    "trace_initiative",
    "trace_meeting",
]

PROGRESS_FIELDS = ("status", "fremdrift")


@dataclass(frozen=True)
class Decision:
    """An agenda item of a meeting, with what was decided (None while not decided)."""

    meeting: str
    day: date
    number: int
    title: str
    kind: str
    decision: str | None
    initiatives: tuple[str, ...]


@dataclass(frozen=True)
class HistoryStep:
    """One logged change of an initiative's status or progress."""

    time: str
    who: str
    what: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class MonthEnd:
    """An initiative as it stood at a month's end, rebuilt from the change log (None: it did not exist yet)."""

    day: date
    status: str | None
    progress: int | None


@dataclass(frozen=True)
class InitiativeTrace:
    initiative: Initiative
    decisions: tuple[Decision, ...]
    actions: tuple[Action, ...]
    inputs: tuple[Input, ...]
    milestones: tuple[Milestone, ...]
    history: tuple[HistoryStep, ...]
    months: tuple[MonthEnd, ...] = ()  # the month ends where status or progress differed from the month before


@dataclass(frozen=True)
class Touched:
    """An initiative a meeting dealt with: why, and its status then (end of the meeting day) and now."""

    initiative: str
    title: str
    why: tuple[str, ...]
    status_then: str | None  # None: the initiative did not exist yet on the meeting day
    status_now: str
    progress_then: int | None
    progress_now: int | None


@dataclass(frozen=True)
class MeetingTrace:
    meeting: Meeting
    decisions: tuple[Decision, ...]
    actions: tuple[Action, ...]
    open_actions: int
    initiatives: tuple[Touched, ...]
    inputs: tuple[Input, ...]
    groups: tuple[WorkingGroup, ...]


def _decision(ws: Workspace, item: AgendaItem) -> Decision:
    meeting = ws.meeting_by_id.get(item.meeting)
    return Decision(
        item.meeting,
        meeting.date if meeting else date.min,
        item.number,
        item.title,
        item.kind,
        item.decision,
        item.initiatives,
    )


def initiative_history(
    changes: Sequence[dict], initiative_id: str, fields: Sequence[str] = PROGRESS_FIELDS
) -> tuple[HistoryStep, ...]:
    """The logged changes of one initiative's ``fields``, oldest first (its creation included)."""
    out = []
    for entry in changes:
        if entry.get("table") != "initiatives" or entry.get("row") != initiative_id:
            continue
        if entry.get("field") not in fields:
            continue
        out.append(
            HistoryStep(
                str(entry.get("time", "")),
                str(entry.get("who", "")),
                str(entry.get("what", "")),
                entry["field"],
                entry.get("old"),
                entry.get("new"),
            )
        )
    return tuple(out)


def _months(ws: Workspace, initiative_id: str, changes: Sequence[dict], today: date) -> tuple[MonthEnd, ...]:
    stamps = [
        e["time"][:10]
        for e in changes
        if e.get("table") == "initiatives" and e.get("row") == initiative_id and isinstance(e.get("time"), str)
    ]
    try:
        first = date.fromisoformat(min(stamps)) if stamps else None
    except ValueError:
        return ()
    if first is None or first > today:
        return ()
    states = initiatives_as_of(ws, list(changes), month_ends(first, today))
    out: list[MonthEnd] = []
    for day, rows in states.items():
        ini = next((i for i in rows if i.id == initiative_id), None)
        point = MonthEnd(day, ini.status if ini else None, ini.progress if ini else None)
        if not out or (out[-1].status, out[-1].progress) != (point.status, point.progress):
            out.append(point)
    return tuple(out)


def trace_initiative(
    ws: Workspace, initiative_id: str, changes: Sequence[dict] = (), today: date | None = None
) -> InitiativeTrace:
    """Everything that concerns one initiative: the agenda items that dealt with it (with their decisions),
    the actions for it, the inputs about it, its milestones and its logged progress (with ``today``, also its
    status and progress at each month end where they changed, rebuilt by undoing the log)."""
    ini = ws.initiative_by_id.get(initiative_id)
    if ini is None:
        raise InputError("initiativ", initiative_id, f"initiativet '{initiative_id}' findes ikke")
    decisions = sorted(
        (_decision(ws, a) for a in ws.agenda if initiative_id in a.initiatives),
        key=lambda d: (d.day, d.meeting, d.number),
    )
    actions = sorted((a for a in ws.actions if a.initiative == initiative_id), key=lambda a: (a.due or date.max, a.id))
    inputs = sorted((i for i in ws.inputs if initiative_id in i.initiatives), key=lambda i: (i.date, i.id))
    milestones = sorted((m for m in ws.milestones if m.initiative == initiative_id), key=lambda m: (m.date, m.id))
    return InitiativeTrace(
        ini,
        tuple(decisions),
        tuple(actions),
        tuple(inputs),
        tuple(milestones),
        initiative_history(changes, initiative_id),
        _months(ws, initiative_id, changes, today) if today else (),
    )


def trace_meeting(ws: Workspace, meeting_id: str, changes: Sequence[dict] = ()) -> MeetingTrace:
    """What a meeting decided and what followed: its agenda with decisions, the actions it set and their
    state, the working groups it set up, the inputs raised there, and every initiative it dealt with – its
    status at the end of the meeting day (rebuilt from the change log) and now."""
    meeting = ws.meeting_by_id.get(meeting_id)
    if meeting is None:
        raise InputError("møde", meeting_id, f"mødet '{meeting_id}' findes ikke")
    items = sorted((a for a in ws.agenda if a.meeting == meeting_id), key=lambda a: a.number)
    actions = tuple(sorted((a for a in ws.actions if a.meeting == meeting_id), key=lambda a: (a.number or 0, a.id)))
    inputs = tuple(sorted((i for i in ws.inputs if i.meeting == meeting_id), key=lambda i: (i.date, i.id)))
    groups = tuple(g for g in ws.working_groups if g.meeting == meeting_id)
    why: dict[str, list[str]] = {}
    for item in items:
        for iid in item.initiatives:
            why.setdefault(iid, []).append(f"punkt {item.number}")
    for action in actions:
        if action.initiative:
            why.setdefault(action.initiative, []).append(f"opgave {action.id}")
    for row in inputs:
        for iid in row.initiatives:
            why.setdefault(iid, []).append(f"input {row.id}")
    for group in groups:
        for ini in ws.initiatives:
            if ini.working_group == group.id:
                why.setdefault(ini.id, []).append(f"arbejdsgruppe {group.id}")
    then = {i.id: i for i in initiatives_as_of(ws, list(changes), [meeting.date])[meeting.date]} if why else {}
    touched = []
    for iid, reasons in why.items():
        now = ws.initiative_by_id.get(iid)
        if now is None:
            continue
        old = then.get(iid)
        touched.append(
            Touched(
                iid,
                now.title,
                tuple(dict.fromkeys(reasons)),
                old.status if old else None,
                now.status,
                old.progress if old else None,
                now.progress,
            )
        )
    touched.sort(key=lambda t: t.initiative)
    open_actions = sum(a.state != ActionState.CLOSED for a in actions)
    return MeetingTrace(
        meeting, tuple(_decision(ws, a) for a in items), actions, open_actions, tuple(touched), inputs, groups
    )
