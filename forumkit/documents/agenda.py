"""The agenda (dagsorden) in the Danish municipal format: per item its number and title, kind, sagsfremstilling,
indstilling ("Administrationen indstiller, at …") and bilag by title. The minutes reuse the items."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..edits.meetings import _meeting, agenda_for
from ..model.danish import da_date, da_time
from ..model.safe import safe_filename, safe_id
from ..model.tables import AgendaItem, Meeting
from ..model.vocab import AgendaKind
from ..model.workspace import Workspace
from ..storage.outputs import write_outputs
from .office import (
    Letter,
    add_heading,
    add_label,
    add_list,
    docx_bytes,
    fixed_properties,
    new_document,
    plain,
    sized_table,
)

__all__ = [
    "ATTACHMENT_FOLDER",
    "agenda_docx",
    "attachment_names",
    "attachment_title",
    "item_section",
    "meeting_facts",
    "meeting_place",
    "meeting_when",
    "recommendation_lines",
    "write_agenda",
]

ATTACHMENT_FOLDER = "bilag"
_KIND = {AgendaKind.BRIEFING: "Orientering", AgendaKind.DISCUSSION: "Drøftelse", AgendaKind.DECISION: "Beslutning"}


def meeting_when(m: Meeting) -> str:
    return f"{da_date(m.date)} {da_time(m.start)}–{m.end:%H.%M}"


def meeting_place(ws: Workspace, m: Meeting) -> str:
    address = ws.charter.meetings.address if m.venue == ws.charter.meetings.venue else ""
    return ", ".join(part for part in (m.venue, m.room, address) if part)


def attachment_names(item: AgendaItem) -> list[str]:
    """The item's attachment file names in order (the `bilag` cell, split on '|' or new lines)."""
    return [name.strip() for name in re.split(r"[|\n]", item.attachments or "") if name.strip()]


def attachment_title(name: str) -> str:
    """What a reader sees for an attachment: the file name without folder and extension."""
    stem = Path(name.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return stem.replace("_", " ").strip() or name


def recommendation_lines(item: AgendaItem) -> list[str]:
    """The indstilling as 'at …' clauses; a standard one for an orientering or drøftelse without its own."""
    text = (item.recommendation or "").strip()
    if not text:
        return {
            AgendaKind.BRIEFING: ["at orienteringen tages til efterretning."],
            AgendaKind.DISCUSSION: ["at forummet drøfter sagen."],
        }.get(item.kind, [])
    text = re.sub(r"^administrationen indstiller,?\s*", "", text, flags=re.IGNORECASE)
    parts = [p.strip() for p in re.split(r"\n+|(?:^|\s)\d+\.\s+(?=at\b)", text, flags=re.IGNORECASE) if p.strip()]
    out = []
    for part in parts:
        part = part[0].lower() + part[1:] if part[:3].lower() == "at " else part
        out.append(part if part.endswith((".", "!", "?")) else part + ".")
    return out


def _initiative_line(ws: Workspace, ident: str) -> str:
    ini = ws.initiative_by_id.get(ident)
    if ini is None:
        return ""
    progress = f", {ini.progress} % gennemført" if ini.progress is not None else ""
    return f"{ini.title} (status: {ini.status}{progress})"


def item_section(doc, ws: Workspace, item: AgendaItem, minutes: bool = False) -> None:
    """One item: heading, kind, sagsfremstilling, indstilling, bilag (and, in the minutes, Beslutning)."""
    add_heading(doc, f"{item.number}. {item.title}", 2)
    line = _KIND.get(item.kind, item.kind) + (f" · Oplæg ved {item.presenter}" if item.presenter else "")
    p = doc.add_paragraph()
    p.add_run(plain(line)).italic = True
    if item.case:
        add_heading(doc, "Sagsfremstilling", 3)
        for paragraph in re.split(r"\n\s*\n|\n", item.case):
            if paragraph.strip():
                doc.add_paragraph(plain(paragraph.strip()))
    linked = [line for line in (_initiative_line(ws, i) for i in item.initiatives) if line]
    if linked:
        add_label(doc, "Initiativer i idékataloget:" if len(linked) > 1 else "Initiativ i idékataloget:", keep=True)
        add_list(doc, linked)
    clauses = recommendation_lines(item)
    if clauses:
        add_heading(doc, "Indstilling", 3)
        if len(clauses) == 1:
            doc.add_paragraph(plain(f"Administrationen indstiller, {clauses[0]}"))
        else:
            doc.add_paragraph("Administrationen indstiller,").paragraph_format.keep_with_next = True
            add_list(doc, clauses, numbered=True)
    names = attachment_names(item)
    if names:
        add_heading(doc, "Bilag", 3)
        add_list(doc, [attachment_title(n) for n in names], numbered=True)
    if minutes:
        add_heading(doc, "Beslutning" if item.kind == AgendaKind.DECISION else "Referat", 3)
        doc.add_paragraph(plain(item.decision) if item.decision else "–")


def meeting_facts(ws: Workspace, m: Meeting, day: date | None = None) -> list[tuple[str, str]]:
    rows = [("Tid", meeting_when(m)), ("Sted", meeting_place(ws, m))]
    if m.theme:
        rows.append(("Tema", m.theme))
    if day is not None:
        rows.append(("Udsendt", da_date(day, False)))
    return rows


def meeting_letter(ws: Workspace, m: Meeting, kind: str, about: str, day: date, page_numbers: bool = True) -> Letter:
    """A meeting document's letter: ``kind`` 'Dagsorden', ``about`` 'til' give the title 'Dagsorden – møde
    7. maj 2026' and the subject 'Dagsorden til møde i <forum>', sent by the forum for its municipality."""
    forum = ws.charter.forum
    return Letter(
        title=f"{kind} – møde {da_date(m.date, False)}",
        subject=f"{kind} {about} møde i {forum.name}",
        municipality=forum.municipality,
        day=day,
        unit=forum.name,
        page_numbers=page_numbers,
    )


def agenda_docx(ws: Workspace, meeting_id: str, day: date, template: bytes | None = None, page_numbers: bool = True):
    """The agenda as a Word document (A4, da-DK, the municipality's template if it has one)."""
    m = _meeting(ws, meeting_id)
    forum = ws.charter.forum
    letter = meeting_letter(ws, m, "Dagsorden", "til", day, page_numbers)
    doc = new_document(letter, template)
    add_heading(doc, f"Dagsorden til møde i {forum.name}", 1)
    sized_table(doc, meeting_facts(ws, m, day), bold_first=True)
    items = agenda_for(ws, meeting_id)
    if not items:
        doc.add_paragraph("Dagsordenen har endnu ingen punkter.")
    else:
        add_heading(doc, "Punkter", 2)
        add_list(doc, [f"{i.title} ({_KIND.get(i.kind, i.kind).lower()})" for i in items], numbered=True)
        for item in items:
            item_section(doc, ws, item)
    fixed_properties(doc, letter)
    return doc


def write_agenda(
    ws: Workspace,
    meeting_id: str,
    out_dir: Path,
    day: date,
    workspace: Path | None = None,
    template: bytes | None = None,
) -> Path:
    """Save the agenda as Word into ``out_dir`` by the output rules (the PDF is made by the caller)."""
    name = safe_filename(f"Dagsorden {safe_id(meeting_id)}.docx")
    return write_outputs(out_dir, {name: docx_bytes(agenda_docx(ws, meeting_id, day, template))}, workspace)[0]
