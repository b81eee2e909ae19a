"""The minutes (referat) of a meeting in Danish referat form, as Markdown and Word."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..edits.meetings import _meeting, agenda_for
from ..model.danish import da_date
from ..model.safe import safe_filename, safe_id
from ..model.vocab import AgendaKind, Presence
from ..model.workspace import Workspace
from ..storage.outputs import output_folder, write_outputs
from .agenda import item_section, meeting_letter, meeting_when
from .office import (
    add_heading,
    add_label,
    add_list,
    docx_bytes,
    fixed_properties,
    new_document,
    plain,
    sized_table,
)

__all__ = ["attendance_lists", "minutes_docx", "minutes_markdown", "write_minutes"]


def attendance_lists(ws: Workspace, meeting_id: str) -> dict[str, list[str]]:
    """Names per attendance status ('deltog', 'afbud', 'fraværende'), with organisation."""
    out: dict[str, list[str]] = {p: [] for p in Presence}
    for a in sorted(ws.attendance, key=lambda a: a.member):
        if a.meeting == meeting_id and a.member in ws.member_by_id:
            member = ws.member_by_id[a.member]
            out[a.status].append(f"{member.name} ({member.organisation})" if member.organisation else member.name)
    return out


OTHER_ACTIONS = "Øvrig opfølgning"  # tasks of the meeting under no item of its agenda


def _actions(ws: Workspace, meeting_id: str, number: int | None) -> list[str]:
    """The meeting's follow-up tasks under agenda item ``number``; ``None``: those under no item of its agenda
    (recorded without an item, or under one the agenda no longer has) – they are never left out."""
    placed = {item.number for item in agenda_for(ws, meeting_id)}
    people = {**{m.id: m.name for m in ws.members}, **{s.id: s.name for s in ws.secretariat}}
    titles = {i.id: i.title for i in ws.initiatives}
    return [
        "\n".join(_lines(a.text))
        + f" – ansvarlig: {', '.join(people.get(o, o) for o in a.owners)}"
        + (f", frist {da_date(a.due, False)}" if a.due else "")
        + (f" ({titles.get(a.initiative, a.initiative)})" if a.initiative else "")
        for a in ws.actions
        if a.meeting == meeting_id and (a.number == number if number is not None else a.number not in placed)
    ]


def _lines(text: str) -> list[str]:
    """A typed text's lines without the empty ones (a blank line would end a list item)."""
    return [line.strip() for line in text.splitlines() if line.strip()] or [""]


# A line start Markdown reads as a heading, quote, bullet, heading underline ('==='), rule ('___') or code fence
_MD_MARK = re.compile(r"^([#>+*=_`~-])")
_MD_NUMBER = re.compile(r"^([0-9]+)([.)])")  # … or as a numbered list ('3.' is escaped as '3\.')
_MD_INLINE = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?\w+;)")  # raw HTML and character entities, shown as typed
_MD_CLOSING = re.compile(r"#+$")  # a heading's trailing '#'s, which Markdown drops


def _md_inline(text: str) -> str:
    return _MD_INLINE.sub(lambda m: "\\" + m.group(), text)


def _md_escape(line: str) -> str:
    """A line of user text that Markdown does not read as the start of a block, nor as HTML or an entity."""
    return _MD_NUMBER.sub(r"\1\\\2", _MD_MARK.sub(r"\\\1", _md_inline(line)))


def _md_item(text: str) -> str:
    """One Markdown list item ('- …'); a task's further lines stay inside it (hard break and indentation) and a
    line that starts like a heading or a list is escaped, so it does not start one."""
    lines = [_md_escape(plain(line)) for line in text.split("\n")]
    return "- " + "  \n  ".join(lines)


def _md_text(text: str) -> str:
    """User text as one Markdown paragraph: its lines kept with hard breaks, blank lines dropped (they would end
    the paragraph) and a line that starts like a heading or a list escaped."""
    return "  \n".join(_md_escape(plain(line)) for line in _lines(text))


def _md_line(text: str) -> str:
    """User text on one line (a heading's): its lines joined by spaces, a trailing '#' kept."""
    joined = " ".join(plain(line) for line in _lines(text))
    return _MD_CLOSING.sub(lambda m: "\\#" * len(m.group()), _md_inline(joined))


def _header(ws: Workspace, meeting_id: str) -> list[tuple[str, str]]:
    m = _meeting(ws, meeting_id)
    lists = attendance_lists(ws, meeting_id)
    staff = [s.name for s in ws.secretariat if (s.start or m.date) <= m.date and (s.end is None or s.end >= m.date)]
    return [
        ("Dato", meeting_when(m)),
        ("Sted", ", ".join(p for p in (m.venue, m.room) if p)),
        ("Deltagere", ", ".join(lists[Presence.PRESENT]) or "–"),
        ("Afbud", ", ".join(lists[Presence.APOLOGIES]) or "–"),
        ("Fraværende", ", ".join(lists[Presence.ABSENT]) or "–"),
        ("Fra sekretariatet", ", ".join(staff) or "–"),
    ]


def _approved(ws: Workspace, m) -> str:
    """'Referatet er godkendt på mødet den 23. april 2026.' – the meeting by its date, not its id."""
    at = ws.meeting_by_id.get(m.minutes_approved or "")
    return (
        f"Referatet er godkendt på mødet den {da_date(at.date, False)}."
        if at
        else f"Referatet er godkendt ({m.minutes_approved})."
    )


def minutes_markdown(ws: Workspace, meeting_id: str) -> str:
    m = _meeting(ws, meeting_id)
    lines = [f"# Referat: {ws.charter.forum.name}", ""]
    lines += [f"**{label}:** {_md_text(value)}  " for label, value in _header(ws, meeting_id)]
    if m.theme:
        lines.append(f"**Tema:** {_md_text(m.theme)}  ")
    for item in agenda_for(ws, meeting_id):
        lines += [
            "",
            f"## {item.number}. {_md_line(item.title)}",
            "",
            f"*{item.kind.capitalize()}*" + (f" · {_md_line(item.presenter)}" if item.presenter else ""),
        ]
        if item.recommendation:
            lines += ["", f"**Indstilling:** {_md_text(item.recommendation)}"]
        label = "Beslutning" if item.kind == AgendaKind.DECISION else "Referat"
        lines += ["", f"**{label}:** {_md_text(item.decision) if item.decision else '–'}"]
        actions = _actions(ws, meeting_id, item.number)
        if actions:
            lines += ["", "**Opfølgning:**"] + [_md_item(a) for a in actions]
    others = _actions(ws, meeting_id, None)
    if others:
        lines += ["", f"## {OTHER_ACTIONS}", ""] + [_md_item(a) for a in others]
    if m.minutes_approved:
        lines += ["", _approved(ws, m)]
    return "\n".join(lines) + "\n"


def minutes_docx(ws: Workspace, meeting_id: str, day: date, template: bytes | None = None, page_numbers: bool = True):
    """The minutes: the head with attendance, then each agenda item as in the agenda, with its Beslutning."""
    m = _meeting(ws, meeting_id)
    forum = ws.charter.forum
    letter = meeting_letter(ws, m, "Referat", "af", day, page_numbers)
    doc = new_document(letter, template)
    add_heading(doc, f"Referat af møde i {forum.name}", 1)
    sized_table(doc, _header(ws, meeting_id) + ([("Tema", m.theme)] if m.theme else []), bold_first=True)
    for item in agenda_for(ws, meeting_id):
        item_section(doc, ws, item, minutes=True)
        actions = _actions(ws, meeting_id, item.number)
        if actions:
            add_label(doc, "Opfølgning:", keep=True)
            add_list(doc, actions)
    others = _actions(ws, meeting_id, None)
    if others:
        add_heading(doc, OTHER_ACTIONS, 2)
        add_list(doc, others)
    if m.minutes_approved:
        doc.add_paragraph(_approved(ws, m))
    fixed_properties(doc, letter)
    return doc


def write_minutes(
    ws: Workspace,
    meeting_id: str,
    out_dir: Path,
    day: date,
    workspace: Path | None = None,
    template: bytes | None = None,
) -> list[Path]:
    """Write the minutes (Word and Markdown) into ``out_dir``, by the same rules as the invitation."""
    output_folder(out_dir, workspace, create=False)
    base = f"Referat {safe_id(meeting_id)}"
    return write_outputs(
        out_dir,
        {
            safe_filename(base + ".docx"): docx_bytes(minutes_docx(ws, meeting_id, day, template)),
            safe_filename(base + ".md"): minutes_markdown(ws, meeting_id).encode("utf-8"),
        },
        workspace,
    )
