"""The kommissorium's meeting rules as findings: two meetings a year, deadlines, minutes, council status."""

from __future__ import annotations

from datetime import date

from ..model.danish import da_date
from ..model.findings import Finding
from ..model.membership import is_active
from ..model.tables import HELD_STATES, Action, Meeting
from ..model.vocab import ActionState, AgendaKind, MeetingState, ReportState, Severity
from ..model.workspace import Workspace
from .planning import avoid_reason, deadlines

__all__ = ["CODES", "check_meetings", "forum_years", "is_decision_text", "open_actions"]

CODES = {
    "year-too-few-meetings": "Færre møder i året end kommissoriet kræver",
    "council-status-missing": "Ingen status til kommunalbestyrelsen registreret for året",
    "council-status-planned": "Årets status til kommunalbestyrelsen er planlagt, men ikke forelagt endnu",
    "council-status-future": "En status til kommunalbestyrelsen står som forelagt på en dag, der ikke er kommet",
    "meeting-held-future": "Et møde står som afholdt, men dagen er ikke kommet",
    "minutes-approved-wrong-meeting": "Et referat står som godkendt på et møde, der ikke er holdt efter mødet",
    "meeting-on-avoided-day": "Mødet ligger på en helligdag eller i en ferieperiode",
    "invitation-late": "Indkaldelsen blev sendt senere end fristen",
    "invitation-due": "Indkaldelsen skulle være sendt",
    "agenda-late": "Dagsorden og bilag blev sendt senere end fristen",
    "minutes-late": "Referatet blev sendt senere end fristen",
    "minutes-due": "Referatet skulle være sendt",
    "attendance-missing": "Fremmødet er ikke registreret for et afholdt møde",
    "attendance-no-seat": "Fremmøde for en person uden sæde på mødedagen",
    "decision-missing": "Et beslutningspunkt på et afholdt møde har ingen beslutning",
    "decision-on-orientering": "Et orienteringspunkt har fået en beslutning",
    "action-overdue": "En opfølgningsopgave har overskredet fristen",
}


def is_decision_text(text: str) -> bool:
    """Words that record a decision (not a note such as 'Til efterretning.')."""
    return text.strip().lower().startswith(("godkendt", "vedtaget", "besluttet", "forkastet", "afvist"))


def open_actions(ws: Workspace) -> tuple[Action, ...]:
    """The action items not closed yet (open or in progress), in file order."""
    return tuple(a for a in ws.actions if a.state != ActionState.CLOSED)


def forum_years(ws: Workspace, today: date) -> range:
    """The calendar years the forum has existed, up to today's year."""
    starts = [m.date.year for m in ws.meetings] + [a.start.year for a in ws.members]
    first = min(starts, default=today.year)
    return range(first, today.year + 1)


def _approval_problem(ws: Workspace, meeting: Meeting, today: date) -> str | None:
    """Why the meeting named in ``referat_godkendt_på`` cannot have approved these minutes (None when it can).

    Minutes are approved at a later meeting that has been held; an unknown id is the reference check's."""
    at = ws.meeting_by_id.get(meeting.minutes_approved or "")
    if at is None:
        return None
    head = (
        f"{meeting.id} ({da_date(meeting.date, False)}): referatet står som godkendt på {at.id} "
        f"({da_date(at.date, False)})"
    )
    if at.date <= meeting.date:
        return f"{head}, men det møde ligger ikke efter mødet – et referat godkendes på et senere møde"
    if at.date > today:
        return f"{head}, men det møde er ikke holdt endnu – ret mødet eller tøm feltet, til referatet er godkendt"
    if at.state not in HELD_STATES:
        return f"{head}, men det møde står som {at.state} – et referat godkendes på et møde, der er holdt"
    return None


def check_meetings(ws: Workspace, today: date) -> list[Finding]:
    rules = ws.charter.meetings
    out: list[Finding] = []
    council = ws.charter.council
    for year in forum_years(ws, today):
        in_force = ws.charter_as_of(date(year, 12, 31))  # a year is held to the charter in force at its end
        rules, council = in_force.meetings, in_force.council
        # a meeting counts when it was held, or when its day has not passed yet (today included)
        count = sum(1 for m in ws.meetings if m.date.year == year and (m.state in HELD_STATES or m.date >= today))
        if count < rules.per_year:
            past = year < today.year
            out.append(
                Finding(
                    Severity.ERROR if past else Severity.WARNING,
                    "year-too-few-meetings",
                    f"{year}: {count} møde(r) afholdt eller planlagt – kommissoriet siger {rules.per_year} om året",
                    str(year),
                )
            )
        reports = [r for r in ws.council_reports if r.date.year == year]
        # a status counts once given: one 'forelagt' on a day after today is only planned (and a finding below)
        if sum(r.state == ReportState.PRESENTED and r.date <= today for r in reports) >= council.per_year:
            continue
        coming = [r for r in reports if r.date >= today and (r.state == ReportState.PLANNED or r.date > today)]
        stale = [r for r in reports if r.state == ReportState.PLANNED and r.date < today]
        if coming:
            out.append(
                Finding(
                    Severity.INFO,
                    "council-status-planned",
                    f"{year}: status til {council.committee} er planlagt {da_date(coming[0].date, False)} "
                    "– registrér den som forelagt, når den er givet",
                    coming[0].id,
                )
            )
            continue
        still = (
            (
                f" ({stale[0].id} {da_date(stale[0].date, False)} står stadig som planlagt – registrér den som "
                "forelagt, hvis den er givet)"
            )
            if stale
            else ""
        )
        out.append(
            Finding(
                Severity.ERROR if year < today.year else Severity.WARNING,
                "council-status-missing",
                f"{year}: ingen status til {council.committee} er registreret{still} – "
                "kommunalbestyrelsen skal have en status mindst én gang om året",
                str(year),
            )
        )
    for r in sorted(ws.council_reports, key=lambda r: (r.date, r.id)):
        if r.state == ReportState.PRESENTED and r.date > today:
            out.append(
                Finding(
                    Severity.ERROR,
                    "council-status-future",
                    f"{r.id} står som forelagt {da_date(r.date, False)}, men den dag er ikke kommet – "
                    "sæt den tilbage til planlagt, eller ret datoen til den dag, den blev forelagt",
                    r.id,
                )
            )
    with_attendance = {a.meeting for a in ws.attendance}
    undecided: dict[str, list] = {}
    for item in ws.agenda:
        if item.kind == AgendaKind.DECISION and not item.decision:
            undecided.setdefault(item.meeting, []).append(item)
    for m in sorted(ws.meetings, key=lambda m: m.date):
        rules = ws.charter_as_of(m.date).meetings  # the deadlines of the charter in force on the day
        due = deadlines(m.date, rules)
        reason = avoid_reason(m.date, rules)
        if reason and m.state == MeetingState.PLANNED:
            out.append(
                Finding(
                    Severity.WARNING, "meeting-on-avoided-day", f"{m.id} er lagt {da_date(m.date)} – {reason}", m.id
                )
            )
        if m.invitation_sent and m.invitation_sent > due.invitation:
            late = (m.invitation_sent - due.invitation).days
            out.append(
                Finding(
                    Severity.WARNING,
                    "invitation-late",
                    f"{m.id}: indkaldelsen blev sendt {da_date(m.invitation_sent, False)}, {late} dage "
                    f"efter fristen {da_date(due.invitation, False)}",
                    m.id,
                )
            )
        if not m.invitation_sent and m.state == MeetingState.PLANNED and today > due.invitation:
            out.append(
                Finding(
                    Severity.ERROR,
                    "invitation-due",
                    f"{m.id}: indkaldelsen skulle være sendt senest {da_date(due.invitation, False)}",
                    m.id,
                )
            )
        if m.agenda_sent and m.agenda_sent > due.agenda:
            out.append(
                Finding(
                    Severity.WARNING,
                    "agenda-late",
                    f"{m.id}: dagsordenen blev sendt {da_date(m.agenda_sent, False)} – fristen var "
                    f"{da_date(due.agenda, False)}",
                    m.id,
                )
            )
        if m.state in HELD_STATES and m.date > today:
            out.append(
                Finding(
                    Severity.ERROR,
                    "meeting-held-future",
                    f"{m.id} står som {m.state}, men holdes først {da_date(m.date, False)} – sæt "
                    "tilstanden tilbage til planlagt eller indkaldt",
                    m.id,
                )
            )
        approval = _approval_problem(ws, m, today)
        if approval:
            out.append(Finding(Severity.ERROR, "minutes-approved-wrong-meeting", approval, m.id))
        if m.state in HELD_STATES:
            if m.minutes_sent and m.minutes_sent > due.minutes:
                out.append(
                    Finding(
                        Severity.WARNING,
                        "minutes-late",
                        f"{m.id}: referatet blev sendt {da_date(m.minutes_sent, False)} – fristen var "
                        f"{da_date(due.minutes, False)}",
                        m.id,
                    )
                )
            if not m.minutes_sent and today > due.minutes:
                out.append(
                    Finding(
                        Severity.ERROR,
                        "minutes-due",
                        f"{m.id}: referatet skulle være sendt senest {da_date(due.minutes, False)}",
                        m.id,
                    )
                )
            if m.id not in with_attendance:
                out.append(
                    Finding(
                        Severity.WARNING,
                        "attendance-missing",
                        f"{m.id} ({da_date(m.date, False)}) er afholdt, men fremmødet er ikke registreret",
                        m.id,
                    )
                )
            for item in undecided.get(m.id, ()):
                out.append(
                    Finding(
                        Severity.WARNING,
                        "decision-missing",
                        f"{m.id} punkt {item.number} '{item.title}' mangler en beslutning",
                        f"{m.id}/{item.number}",
                    )
                )
    for item in ws.agenda:
        if item.kind == AgendaKind.BRIEFING and item.decision and is_decision_text(item.decision):
            out.append(
                Finding(
                    Severity.WARNING,
                    "decision-on-orientering",
                    f"{item.meeting} punkt {item.number} '{item.title}' er et orienteringspunkt, men har "
                    f"beslutningen '{item.decision}' – skift punkttypen til beslutning",
                    f"{item.meeting}/{item.number}",
                )
            )
    for a in ws.attendance:
        meeting, member = ws.meeting_by_id.get(a.meeting), ws.member_by_id.get(a.member)
        if meeting and member and not is_active(member, meeting.date):
            out.append(
                Finding(
                    Severity.ERROR,
                    "attendance-no-seat",
                    f"{member.name} står i fremmødet for {meeting.id}, men havde ikke et sæde "
                    f"{da_date(meeting.date, False)}",
                    f"{a.meeting}/{a.member}",
                )
            )
    for action in ws.actions:
        if action.state != ActionState.CLOSED and action.due and action.due < today:
            out.append(
                Finding(
                    Severity.WARNING,
                    "action-overdue",
                    f"Opgave {action.id} '{action.text}' havde frist {da_date(action.due, False)}",
                    action.id,
                )
            )
    return out
