"""The invitation to a meeting: a Word letter, a calendar file (RFC 5545) and a plain-text e-mail body."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..edits.meetings import agenda_for
from ..model.danish import da_date, da_time
from ..model.errors import InputError
from ..model.membership import active_members, chair
from ..model.safe import safe_filename, safe_id
from ..model.tables import Meeting
from ..model.vocab import MeetingKind
from ..model.workspace import Workspace
from ..rules.planning import deadlines
from ..storage.outputs import output_folder, write_outputs
from .agenda import meeting_letter
from .office import (
    add_heading,
    add_list,
    docx_bytes,
    fixed_properties,
    new_document,
    plain,
    sized_table,
)

__all__ = ["invitation_docx", "invitation_ics", "invitation_text", "write_invitation"]

TZ = "Europe/Copenhagen"


def _meeting(ws: Workspace, meeting_id: str) -> Meeting:
    from ..edits.meetings import _meeting as find

    return find(ws, meeting_id)


def _place(ws: Workspace, m: Meeting) -> str:
    address = ws.charter.meetings.address if m.venue == ws.charter.meetings.venue else ""
    return ", ".join(part for part in (m.venue, m.room, address) if part)


def _consultant(ws: Workspace, day: date):
    staff = [s for s in ws.secretariat if s.role == ws.charter.organiser_role and (s.end is None or s.end >= day)]
    return staff[0] if staff else None


def _ascii(text: str) -> str:
    import re

    folded = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "forum"


def invitation_text(ws: Workspace, meeting_id: str) -> str:
    """The e-mail body, ready to paste into the mail program."""
    m = _meeting(ws, meeting_id)
    due = deadlines(m.date, ws.charter.meetings)
    leader = chair(ws, m.date)
    sender = _consultant(ws, m.date)
    lines = [
        f"Emne: Indkaldelse til møde i {ws.charter.forum.name} {da_date(m.date, False)}",
        "",
        f"Kære medlemmer af {ws.charter.forum.short_name.lower()}",
        "",
        f"Hermed indkaldes til {'konstituerende ' if m.kind == MeetingKind.CONSTITUENT else ''}møde i "
        f"{ws.charter.forum.name}",
        "",
        f"Tid: {da_date(m.date)} {da_time(m.start)}–{m.end:%H.%M}",
        f"Sted: {_place(ws, m)}",
    ]
    if m.theme:
        lines.append(f"Tema: {m.theme}")
    items = agenda_for(ws, meeting_id)
    if items:
        lines += ["", "Foreløbig dagsorden:"]
        lines += [f"{i.number}. {i.title} ({i.kind})" for i in items]
    lines += [
        "",
        f"Dagsorden og bilag udsendes senest {da_date(due.agenda)}.",
        "Giv venligst besked, hvis du ikke kan deltage.",
        "",
        "Med venlig hilsen",
        "",
    ]
    if leader:
        lines.append(f"{leader.name}, formand")
    if sender:
        lines.append(f"{sender.name}, {sender.title or 'sekretariatet'}, {ws.charter.forum.municipality}")
    else:
        lines.append(f"Sekretariatet, {ws.charter.forum.municipality}")
    return "\n".join(plain(line) for line in lines) + "\n"


def invitation_ics(ws: Workspace, meeting_id: str, stamp: date | None = None) -> bytes:
    """A calendar invitation: METHOD:REQUEST, the members as attendees, VTIMEZONE Europe/Copenhagen."""
    from zoneinfo import ZoneInfo

    import icalendar

    m = _meeting(ws, meeting_id)
    tz = ZoneInfo(TZ)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//forumkit//Samarbejdsforum//DA")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    cal.add("calscale", "GREGORIAN")
    event = icalendar.Event()
    event.add("uid", f"{m.id}@forumkit.{_ascii(ws.charter.forum.municipality)}")
    event.add("sequence", 0)
    made = stamp or m.invitation_sent or deadlines(m.date, ws.charter.meetings).invitation
    event.add("dtstamp", datetime(made.year, made.month, made.day, 8, 0, tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", datetime.combine(m.date, m.start, tzinfo=tz))
    event.add("dtend", datetime.combine(m.date, m.end, tzinfo=tz))
    event.add("summary", plain(f"{ws.charter.forum.short_name}: {m.theme or 'møde'}"))
    event.add("location", plain(_place(ws, m)))
    agenda = "\n".join(f"{i.number}. {i.title}" for i in agenda_for(ws, meeting_id))
    event.add(
        "description",
        plain(
            f"Møde i {ws.charter.forum.name}.\n\nDagsorden:\n{agenda}" if agenda else f"Møde i {ws.charter.forum.name}."
        ),
    )
    sender = _consultant(ws, m.date)
    if sender and sender.email:
        organizer = icalendar.vCalAddress(_mailto(sender.name, sender.email))
        organizer.params["cn"] = icalendar.vText(plain(sender.name))
        event.add("organizer", organizer)
    for member in active_members(ws, m.date):
        if not member.email:
            continue
        attendee = icalendar.vCalAddress(_mailto(member.name, member.email))
        attendee.params["cn"] = icalendar.vText(plain(member.name))
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
        attendee.params["rsvp"] = icalendar.vText("TRUE")
        event.add("attendee", attendee, encode=0)
    cal.add_component(_copenhagen(icalendar))
    cal.add_component(event)
    return cal.to_ical()


def _mailto(name: str, email: str) -> str:
    """A calendar address; a line break (which no calendar can carry) is refused with a Danish message."""
    if any(c in email for c in "\r\n"):
        raise InputError(
            "email",
            email,
            f"{plain(name)}s e-mailadresse indeholder et linjeskift – ret den under Opsætning, før indkaldelsen laves",
        )
    return f"mailto:{email.strip()}"


def _copenhagen(icalendar):
    """VTIMEZONE for Europe/Copenhagen in the compact yearly-rule form that Outlook and Google read."""
    tz = icalendar.Timezone()
    tz.add("tzid", TZ)
    for kind, name, start, offset_from, offset_to, month in (
        ("DAYLIGHT", "CEST", datetime(1970, 3, 29, 2), "+0100", "+0200", 3),
        ("STANDARD", "CET", datetime(1970, 10, 25, 3), "+0200", "+0100", 10),
    ):
        part = icalendar.TimezoneDaylight() if kind == "DAYLIGHT" else icalendar.TimezoneStandard()
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", icalendar.vUTCOffset.from_ical(offset_from))
        part.add("tzoffsetto", icalendar.vUTCOffset.from_ical(offset_to))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        tz.add_component(part)
    return tz


def invitation_docx(ws: Workspace, meeting_id: str, day: date, template: bytes | None = None):
    """A plain municipal letter: date, heading, time and place, agenda, deadline, signature."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    m = _meeting(ws, meeting_id)
    forum = ws.charter.forum
    letter = meeting_letter(ws, m, "Indkaldelse", "til", day)
    doc = new_document(letter, template)
    doc.add_paragraph(da_date(day, False)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    add_heading(doc, f"Indkaldelse til møde i {forum.name}", 1)
    sized_table(
        doc,
        [
            (label, value)
            for label, value in (
                ("Tid", f"{da_date(m.date)} {da_time(m.start)}–{m.end:%H.%M}"),
                ("Sted", _place(ws, m)),
                ("Tema", m.theme or ""),
            )
            if value
        ],
        bold_first=True,
    )
    items = agenda_for(ws, meeting_id)
    if items:
        add_heading(doc, "Foreløbig dagsorden", 2)
        add_list(
            doc,
            [f"{i.title} ({i.kind}" + (f", {i.minutes} min." if i.minutes else "") + ")" for i in items],
            numbered=True,
        )
    due = deadlines(m.date, ws.charter.meetings)
    doc.add_paragraph(
        f"Dagsorden og bilag udsendes senest {da_date(due.agenda)}. "
        "Giv venligst sekretariatet besked, hvis du ikke kan deltage."
    )
    doc.add_paragraph("Med venlig hilsen").paragraph_format.keep_with_next = True
    leader, sender = chair(ws, m.date), _consultant(ws, m.date)
    if leader:
        doc.add_paragraph(plain(f"{leader.name}\nFormand")).paragraph_format.keep_with_next = bool(sender)
    if sender:
        doc.add_paragraph(plain(f"{sender.name}\n{sender.title or ''}\n{forum.municipality}"))
    fixed_properties(doc, letter)
    return doc


def write_invitation(
    ws: Workspace,
    meeting_id: str,
    out_dir: Path,
    day: date,
    workspace: Path | None = None,
    template: bytes | None = None,
) -> list[Path]:
    """Write the three invitation files into ``out_dir`` (never into ``workspace``, never over a file
    forumkit did not make); names are built safely from the meeting id and always differ by extension."""
    output_folder(out_dir, workspace, create=False)
    base = f"Indkaldelse {safe_id(meeting_id)}"
    return write_outputs(
        out_dir,
        {
            safe_filename(base + ".docx"): docx_bytes(invitation_docx(ws, meeting_id, day, template)),
            safe_filename(base + ".ics"): invitation_ics(ws, meeting_id),
            safe_filename(base + " (e-mail).txt"): invitation_text(ws, meeting_id).encode("utf-8"),
        },
        workspace,
    )
