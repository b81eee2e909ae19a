"""Meetings and their paperwork as pure edits: plan, agenda, sent dates, attendance, decisions, actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from ..model.danish import da_date
from ..model.errors import InputError
from ..model.membership import is_active
from ..model.tables import (
    AGENDA_KINDS,
    ATTENDANCE,
    HELD_STATES,
    Action,
    AgendaItem,
    Attendance,
    Meeting,
    build,
    edit,
)
from ..model.vocab import ActionState, AgendaKind, MeetingKind, MeetingState
from ..model.workspace import Workspace
from ..rules.meeting_rules import is_decision_text
from ..rules.planning import danish_holidays, propose_year

__all__ = [
    "ACTIONS_ITEM",
    "AgendaTime",
    "CarryOver",
    "STANDARD_ITEMS",
    "action_line",
    "add_action",
    "add_item",
    "adopt_year_plan",
    "agenda_for",
    "agenda_time",
    "approve_minutes",
    "carry_over",
    "carry_over_candidates",
    "close_action",
    "mark_held",
    "plan_meeting",
    "previous_meeting",
    "record_sent",
    "remove_item",
    "set_attendance",
    "set_decision",
    "standard_agenda",
]

# (title, kind, minutes); "Eventuelt" is always last.
STANDARD_ITEMS = (
    ("Godkendelse af dagsorden", AgendaKind.DECISION, 5),
    ("Godkendelse af referat fra sidste møde", AgendaKind.DECISION, 5),
    ("Orientering fra formanden", AgendaKind.BRIEFING, 10),
    ("Orientering fra administrationen", AgendaKind.BRIEFING, 15),
)
LAST_ITEM = ("Eventuelt", AgendaKind.BRIEFING, 10)


def _meeting(ws: Workspace, meeting_id: str) -> Meeting:
    meeting = ws.meeting_by_id.get(meeting_id)
    if meeting is None:
        raise InputError("møde", meeting_id, f"mødet '{meeting_id}' findes ikke")
    return meeting


def agenda_for(ws: Workspace, meeting_id: str) -> list[AgendaItem]:
    return sorted((a for a in ws.agenda if a.meeting == meeting_id), key=lambda a: a.number)


def plan_meeting(
    ws: Workspace,
    day: date,
    *,
    start: time | None = None,
    end: time | None = None,
    kind: str = MeetingKind.ORDINARY,
    theme: str | None = None,
    venue: str | None = None,
    room: str | None = None,
) -> Workspace:
    """Add a planned meeting; a public holiday or weekend is refused, a holiday period is a finding later."""
    rules = ws.charter.meetings
    holiday = danish_holidays(day.year).get(day)
    if holiday or day.weekday() >= 5:
        raise InputError(
            "dato",
            day.isoformat(),
            f"{day} er {'en helligdag (' + holiday + ')' if holiday else 'en weekenddag'} – vælg en hverdag",
        )
    start = start or rules.start
    end = end or _add_minutes(start, rules.length_minutes)
    if end <= start:
        raise InputError("slut", end.strftime("%H:%M"), f"sluttid {end:%H:%M} skal være efter starttid {start:%H:%M}")
    if kind == MeetingKind.CONSTITUENT and any(m.kind == MeetingKind.CONSTITUENT for m in ws.meetings):
        raise InputError("type", kind, "forummet har allerede et konstituerende møde")
    same_year = [m.id for m in ws.meetings if m.id.startswith(f"M-{day.year}-")]
    number = max([int(i.rsplit("-", 1)[1]) for i in same_year if i.rsplit("-", 1)[1].isdigit()], default=0) + 1
    meeting = build(
        Meeting,
        {
            "id": f"M-{day.year}-{number}",
            "date": day,
            "start": start,
            "end": end,
            "venue": venue or rules.venue,
            "room": room or rules.default_room or None,
            "kind": kind,
            "state": MeetingState.PLANNED,
            "theme": theme,
        },
    )
    return ws.with_table("meetings", (*ws.meetings, meeting))


def _add_minutes(at: time, minutes: int) -> time:
    total = at.hour * 60 + at.minute + minutes
    return time(min(total // 60, 23), total % 60 if total // 60 < 24 else 59)


def adopt_year_plan(ws: Workspace, year: int) -> Workspace:
    """Add the proposed meetings for ``year`` (seasons that already have a meeting are left alone)."""
    taken = frozenset(m.date for m in ws.meetings)
    for day in propose_year(ws.charter, year, taken):
        ws = plan_meeting(ws, day)
    return ws


def _renumber(ws: Workspace, meeting_id: str, items: list[AgendaItem]) -> Workspace:
    """Put Eventuelt last and number the items 1..n, keeping every other item's order."""
    last = [i for i in items if i.title.strip().lower() == "eventuelt"]
    rest = [i for i in items if i not in last]
    renumbered = [edit(item, number=n) for n, item in enumerate(rest + last, start=1)]
    others = [a for a in ws.agenda if a.meeting != meeting_id]
    return ws.with_table("agenda", others + renumbered)


def standard_agenda(ws: Workspace, meeting_id: str, presenter: str | None = None) -> Workspace:
    """Give a meeting the standard items it does not have yet (and Eventuelt last)."""
    meeting = _meeting(ws, meeting_id)
    items = agenda_for(ws, meeting_id)
    titles = {i.title.strip().lower() for i in items}
    standard = list(STANDARD_ITEMS)
    if meeting.kind == MeetingKind.CONSTITUENT:
        standard = [s for s in standard if "referat" not in s[0]] + [("Valg af formand", AgendaKind.DECISION, 15)]
    new = [
        build(
            AgendaItem,
            {
                "meeting": meeting_id,
                "number": 0,
                "title": title,
                "kind": kind,
                "minutes": minutes,
                "presenter": presenter,
            },
        )
        for title, kind, minutes in (*standard, LAST_ITEM)
        if title.lower() not in titles
    ]
    head = [n for n in new if n.title != LAST_ITEM[0]]
    tail = [n for n in new if n.title == LAST_ITEM[0]]
    return _renumber(ws, meeting_id, head + items + tail)


def add_item(
    ws: Workspace,
    meeting_id: str,
    *,
    title: str,
    kind: str,
    presenter: str | None = None,
    minutes: int | None = None,
    initiatives: tuple[str, ...] = (),
    recommendation: str | None = None,
    carried_from: str | None = None,
    case: str | None = None,
    attachments: str | None = None,
) -> Workspace:
    """Add an item before Eventuelt; a beslutning item should carry an indstilling. ``case`` is the
    sagsfremstilling, ``attachments`` the file names in the workspace's bilag/ folder ('|' between them)."""
    _meeting(ws, meeting_id)
    if not title or not title.strip():
        raise InputError("titel", title, "punktet skal have en titel")
    if kind not in AGENDA_KINDS:
        raise InputError("type", kind, f"ukendt punkttype '{kind}' – brug en af: {', '.join(AGENDA_KINDS)}")
    unknown = [i for i in initiatives if i not in ws.initiative_by_id]
    if unknown:
        raise InputError("initiativer", ", ".join(unknown), f"initiativet '{unknown[0]}' findes ikke")
    item = build(
        AgendaItem,
        {
            "meeting": meeting_id,
            "number": 0,
            "title": title.strip(),
            "kind": kind,
            "presenter": presenter,
            "minutes": minutes,
            "initiatives": tuple(initiatives),
            "recommendation": recommendation,
            "carried_from": carried_from,
            "case": case,
            "attachments": attachments,
        },
    )
    return _renumber(ws, meeting_id, [*agenda_for(ws, meeting_id), item])


def remove_item(ws: Workspace, meeting_id: str, number: int) -> Workspace:
    items = agenda_for(ws, meeting_id)
    if not any(i.number == number for i in items):
        raise InputError("punkt", str(number), f"mødet {meeting_id} har intet punkt {number}")
    if any(a.meeting == meeting_id and a.number == number for a in ws.actions):
        raise InputError("punkt", str(number), f"punkt {number} har opfølgningsopgaver og kan ikke fjernes")
    return _renumber(ws, meeting_id, [i for i in items if i.number != number])


@dataclass(frozen=True)
class AgendaTime:
    """The agenda's total minutes against the meeting's length."""

    used: int
    available: int
    missing: int

    @property
    def over(self) -> int:
        return max(0, self.used - self.available)


def agenda_time(ws: Workspace, meeting_id: str) -> AgendaTime:
    meeting = _meeting(ws, meeting_id)
    items = agenda_for(ws, meeting_id)
    available = (meeting.end.hour * 60 + meeting.end.minute) - (meeting.start.hour * 60 + meeting.start.minute)
    return AgendaTime(sum(i.minutes or 0 for i in items), available, sum(1 for i in items if i.minutes is None))


def previous_meeting(ws: Workspace, meeting_id: str) -> Meeting | None:
    meeting = _meeting(ws, meeting_id)
    earlier = [m for m in ws.meetings if m.date < meeting.date]
    return max(earlier, key=lambda m: m.date, default=None)


@dataclass(frozen=True)
class CarryOver:
    """What the previous meeting left open: undecided items and open action items."""

    items: tuple[AgendaItem, ...]
    actions: tuple[Action, ...]


def carry_over_candidates(ws: Workspace, meeting_id: str) -> CarryOver:
    prev = previous_meeting(ws, meeting_id)
    if prev is None:
        return CarryOver((), ())
    present = {(a.carried_from, a.title) for a in agenda_for(ws, meeting_id)}
    unfinished = tuple(
        i
        for i in agenda_for(ws, prev.id)
        if i.title.lower() not in {s[0].lower() for s in (*STANDARD_ITEMS, LAST_ITEM)}
        and (not i.decision or "udskydes" in i.decision.lower() or "udsat" in i.decision.lower())
        and i.kind != AgendaKind.BRIEFING
        and (prev.id, i.title) not in present
    )
    open_actions = tuple(
        a
        for a in ws.actions
        if a.state != ActionState.CLOSED and ws.meeting_by_id[a.meeting].date < _meeting(ws, meeting_id).date
    )
    return CarryOver(unfinished, open_actions)


def carry_over(ws: Workspace, meeting_id: str, items: list[AgendaItem], with_actions: bool = False) -> Workspace:
    """Put undecided items from the previous meeting on this agenda (and optionally an item for open actions)."""
    for item in items:
        ws = add_item(
            ws,
            meeting_id,
            title=item.title,
            kind=item.kind,
            presenter=item.presenter,
            minutes=item.minutes,
            initiatives=item.initiatives,
            recommendation=item.recommendation,
            carried_from=item.meeting,
            case=item.case,
            attachments=item.attachments,
        )
    if with_actions:
        open_actions = carry_over_candidates(ws, meeting_id).actions
        already = any(i.title.startswith(ACTIONS_ITEM) for i in agenda_for(ws, meeting_id))
        if open_actions and not already:
            ws = add_item(
                ws,
                meeting_id,
                title=ACTIONS_ITEM,
                kind=AgendaKind.BRIEFING,
                minutes=10,
                case="\n".join(["Åbne opgaver fra tidligere møder:"] + [action_line(ws, a) for a in open_actions]),
                initiatives=tuple(sorted({a.initiative for a in open_actions if a.initiative})),
            )
    return ws


ACTIONS_ITEM = "Opfølgning på åbne opgaver"


def action_line(ws: Workspace, action: Action) -> str:
    """An action as a council member reads it: its text, who is responsible (by name), the deadline and the
    meeting that set it (by date) – never the ids."""
    people = {**{m.id: m.name for m in ws.members}, **{s.id: s.name for s in ws.secretariat}}
    owners = ", ".join(people.get(o, o) for o in action.owners) or "ingen"
    meeting = ws.meeting_by_id.get(action.meeting)
    text = " ".join(action.text.split()).rstrip(".")  # one line per action in the case text
    return (
        f"{text} – ansvarlig: {owners}"
        + (f", frist {da_date(action.due, False)}" if action.due else "")
        + (f" (fra mødet {da_date(meeting.date, False)})" if meeting else "")
        + "."
    )


def record_sent(ws: Workspace, meeting_id: str, what: str, day: date) -> Workspace:
    """Record that the invitation, agenda or minutes went out on ``day`` (sending is the mail program's job)."""
    meeting = _meeting(ws, meeting_id)
    field = {"indkaldelse": "invitation_sent", "dagsorden": "agenda_sent", "referat": "minutes_sent"}.get(what)
    if field is None:
        raise InputError("hvad", what, f"ukendt dokument '{what}' – brug indkaldelse, dagsorden eller referat")
    if what == "referat" and meeting.state not in HELD_STATES:
        raise InputError("referat", meeting_id, f"mødet {meeting_id} er ikke afholdt endnu")
    changes = {field: day}
    if what == "indkaldelse" and meeting.state == MeetingState.PLANNED:
        changes["state"] = MeetingState.CALLED
    return ws.with_table("meetings", [edit(m, **changes) if m.id == meeting_id else m for m in ws.meetings])


def _not_yet(meeting: Meeting, today: date, field: str, what: str) -> None:
    """Refuse a meeting whose day has not come: it cannot have been held, nor minutes approved at it."""
    if meeting.date > today:
        raise InputError(
            field,
            meeting.id,
            f"mødet {meeting.id} holdes først {da_date(meeting.date, False)} – {what}, når dagen er kommet",
        )


def mark_held(ws: Workspace, meeting_id: str, today: date) -> Workspace:
    """Mark a meeting as held; a meeting whose day (after ``today``) has not come is refused."""
    meeting = _meeting(ws, meeting_id)
    if meeting.state in HELD_STATES:
        return ws
    _not_yet(meeting, today, "møde", "det kan først markeres som afholdt")
    return ws.with_table(
        "meetings", [edit(m, state=MeetingState.HELD) if m.id == meeting_id else m for m in ws.meetings]
    )


def approve_minutes(ws: Workspace, meeting_id: str, at_meeting: str, today: date) -> Workspace:
    """Record that a meeting's minutes were approved at a later meeting, one that has been held by ``today``."""
    meeting, later = _meeting(ws, meeting_id), _meeting(ws, at_meeting)
    if later.date <= meeting.date:
        raise InputError("referat_godkendt_på", at_meeting, f"referatet godkendes på et senere møde end {meeting_id}")
    _not_yet(later, today, "referat_godkendt_på", "referatet kan først godkendes på det")
    if meeting.state not in HELD_STATES:
        raise InputError(
            "møde", meeting_id, f"mødet {meeting_id} er ikke afholdt endnu – der er intet referat at godkende"
        )
    if later.state not in HELD_STATES:
        raise InputError(
            "referat_godkendt_på",
            at_meeting,
            f"mødet {at_meeting} er ikke afholdt endnu – et referat kan kun godkendes på et møde, der er holdt",
        )
    return ws.with_table(
        "meetings",
        [
            edit(m, state=MeetingState.MINUTES_APPROVED, minutes_approved=at_meeting) if m.id == meeting_id else m
            for m in ws.meetings
        ],
    )


def set_attendance(ws: Workspace, meeting_id: str, member_id: str, status: str, note: str | None = None) -> Workspace:
    """Record one member's attendance; a person without a seat on the day is refused."""
    meeting = _meeting(ws, meeting_id)
    member = ws.member_by_id.get(member_id)
    if member is None:
        raise InputError("medlem", member_id, f"udpegningen '{member_id}' findes ikke")
    if not is_active(member, meeting.date):
        raise InputError("medlem", member.name, f"{member.name} har ikke et sæde den {meeting.date}")
    if status not in ATTENDANCE:
        raise InputError("fremmøde", status, f"ukendt fremmøde '{status}' – brug en af: {', '.join(ATTENDANCE)}")
    row = build(Attendance, {"meeting": meeting_id, "member": member_id, "status": status, "note": note})
    rows = [a for a in ws.attendance if not (a.meeting == meeting_id and a.member == member_id)]
    return ws.with_table("attendance", [*rows, row])


def set_decision(ws: Workspace, meeting_id: str, number: int, decision: str) -> Workspace:
    """Write an item's decision; a decision on an orientering item is refused (write a note instead)."""
    items = {i.number: i for i in agenda_for(ws, meeting_id)}
    item = items.get(number)
    if item is None:
        raise InputError("punkt", str(number), f"mødet {meeting_id} har intet punkt {number}")
    if item.kind == AgendaKind.BRIEFING and is_decision_text(decision):
        raise InputError(
            "beslutning",
            decision,
            f"punkt {number} '{item.title}' er et orienteringspunkt og kan ikke "
            "få en beslutning – skriv fx 'Til efterretning.' eller skift type",
        )
    return ws.with_table(
        "agenda",
        [
            edit(a, decision=decision.strip() or None) if a.meeting == meeting_id and a.number == number else a
            for a in ws.agenda
        ],
    )


def add_action(
    ws: Workspace,
    meeting_id: str,
    *,
    text: str,
    owners: tuple[str, ...],
    due: date | None,
    number: int | None = None,
    initiative: str | None = None,
) -> Workspace:
    """Add an action item with one or more owners, a due date and optionally a linked initiative."""
    meeting = _meeting(ws, meeting_id)
    if not text or not text.strip():
        raise InputError("tekst", text, "opgaven skal have en tekst")
    if not owners:
        raise InputError("ansvarlige", "", "opgaven skal have mindst én ansvarlig")
    people = ws.member_by_id.keys() | {s.id for s in ws.secretariat}
    unknown = [o for o in owners if o not in people]
    if unknown:
        raise InputError(
            "ansvarlige",
            ", ".join(unknown),
            f"den ansvarlige '{unknown[0]}' findes ikke – brug et medlems id (A-…) eller en medarbejders (S-…)",
        )
    if number is not None and not any(i.number == number for i in agenda_for(ws, meeting_id)):
        raise InputError("punkt", str(number), f"mødet {meeting_id} har intet punkt {number}")
    if initiative and initiative not in ws.initiative_by_id:
        raise InputError("initiativ", initiative, f"initiativet '{initiative}' findes ikke")
    if due and due < meeting.date:
        raise InputError("frist", due.isoformat(), f"fristen {due} ligger før mødet {meeting.date}")
    from ..model.ids import next_id

    action = build(
        Action,
        {
            "id": next_id([a.id for a in ws.actions], "H"),
            "meeting": meeting_id,
            "number": number,
            "text": text.strip(),
            "owners": tuple(owners),
            "due": due,
            "state": ActionState.OPEN,
            "initiative": initiative,
        },
    )
    return ws.with_table("actions", (*ws.actions, action))


def close_action(ws: Workspace, action_id: str, day: date) -> Workspace:
    if not any(a.id == action_id for a in ws.actions):
        raise InputError("id", action_id, f"opgaven '{action_id}' findes ikke")
    return ws.with_table(
        "actions", [edit(a, state=ActionState.CLOSED, closed=day) if a.id == action_id else a for a in ws.actions]
    )
