"""The minutes (referat) of a meeting in Danish referat form, as Markdown and Word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..edits.meetings import _meeting, agenda_for
from ..model.danish import da_date, da_time
from ..model.safe import safe_output_path
from ..model.workspace import Workspace
from ..storage.atomic import replace_files
from .office import docx_bytes, fixed_properties, plain

__all__ = ["attendance_lists", "minutes_docx", "minutes_markdown", "write_minutes"]


def attendance_lists(ws: Workspace, meeting_id: str) -> dict[str, list[str]]:
    """Names per attendance status ('deltog', 'afbud', 'fraværende'), with organisation."""
    out: dict[str, list[str]] = {"deltog": [], "afbud": [], "fraværende": []}
    for a in sorted(ws.attendance, key=lambda a: a.member):
        if a.meeting == meeting_id and a.member in ws.member_by_id:
            member = ws.member_by_id[a.member]
            out[a.status].append(f"{member.name} ({member.organisation})" if member.organisation else member.name)
    return out


def _actions(ws: Workspace, meeting_id: str, number: int) -> list[str]:
    people = {**{m.id: m.name for m in ws.members}, **{s.id: s.name for s in ws.secretariat}}
    return [f"{a.text} – ansvarlig: {', '.join(people.get(o, o) for o in a.owners)}"
            + (f", frist {da_date(a.due, False)}" if a.due else "") + (f" ({a.initiative})" if a.initiative else "")
            for a in ws.actions if a.meeting == meeting_id and a.item == number]


def _header(ws: Workspace, meeting_id: str) -> list[tuple[str, str]]:
    m = _meeting(ws, meeting_id)
    lists = attendance_lists(ws, meeting_id)
    staff = [s.name for s in ws.secretariat if (s.start or m.date) <= m.date and (s.end is None or s.end >= m.date)]
    return [
        ("Dato", f"{da_date(m.date)} {da_time(m.start)}–{m.end:%H.%M}"),
        ("Sted", ", ".join(p for p in (m.venue, m.room) if p)),
        ("Deltagere", ", ".join(lists["deltog"]) or "–"),
        ("Afbud", ", ".join(lists["afbud"]) or "–"),
        ("Fraværende", ", ".join(lists["fraværende"]) or "–"),
        ("Fra sekretariatet", ", ".join(staff) or "–"),
    ]


def minutes_markdown(ws: Workspace, meeting_id: str) -> str:
    m = _meeting(ws, meeting_id)
    lines = [f"# Referat: {ws.charter.forum.name}", ""]
    lines += [f"**{label}:** {plain(value)}  " for label, value in _header(ws, meeting_id)]
    if m.theme:
        lines.append(f"**Tema:** {plain(m.theme)}  ")
    for item in agenda_for(ws, meeting_id):
        lines += ["", f"## {item.number}. {plain(item.title)}", "", f"*{item.kind.capitalize()}*"
                  + (f" · {plain(item.presenter)}" if item.presenter else "")]
        if item.recommendation:
            lines += ["", f"**Indstilling:** {plain(item.recommendation)}"]
        label = "Beslutning" if item.kind == "beslutning" else "Referat"
        lines += ["", f"**{label}:** {plain(item.decision) if item.decision else '–'}"]
        actions = _actions(ws, meeting_id, item.number)
        if actions:
            lines += ["", "**Opfølgning:**"] + [f"- {plain(a)}" for a in actions]
    if m.minutes_approved:
        lines += ["", f"Referatet er godkendt på mødet {m.minutes_approved}."]
    return "\n".join(lines) + "\n"


def minutes_docx(ws: Workspace, meeting_id: str, day: date):
    from docx import Document
    from docx.shared import Pt

    m = _meeting(ws, meeting_id)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(ws.charter.forum.municipality).runs[0].bold = True
    doc.add_heading(plain(f"Referat: {ws.charter.forum.name}"), level=1)
    table = doc.add_table(rows=0, cols=2)
    for label, value in _header(ws, meeting_id) + ([("Tema", m.theme)] if m.theme else []):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, plain(value)
        cells[0].paragraphs[0].runs[0].bold = True
    for item in agenda_for(ws, meeting_id):
        doc.add_heading(plain(f"{item.number}. {item.title}"), level=2)
        doc.add_paragraph(item.kind.capitalize() + (f" · {plain(item.presenter)}" if item.presenter else "")) \
            .runs[0].italic = True
        if item.recommendation:
            p = doc.add_paragraph()
            p.add_run("Indstilling: ").bold = True
            p.add_run(plain(item.recommendation))
        p = doc.add_paragraph()
        p.add_run("Beslutning: " if item.kind == "beslutning" else "Referat: ").bold = True
        p.add_run(plain(item.decision) if item.decision else "–")
        for action in _actions(ws, meeting_id, item.number):
            doc.add_paragraph(plain(action), style="List Bullet")
    if m.minutes_approved:
        doc.add_paragraph(f"Referatet er godkendt på mødet {m.minutes_approved}.")
    fixed_properties(doc, f"Referat {m.id}", day)
    return doc


def write_minutes(ws: Workspace, meeting_id: str, out_dir: Path, day: date) -> list[Path]:
    out_dir = Path(out_dir)
    docx_path = safe_output_path(out_dir, f"Referat {meeting_id}.docx")
    md_path = safe_output_path(out_dir, f"Referat {meeting_id}.md")
    files = {docx_path: docx_bytes(minutes_docx(ws, meeting_id, day)),  # both made, then both written, or neither
             md_path: minutes_markdown(ws, meeting_id).encode("utf-8")}
    out_dir.mkdir(parents=True, exist_ok=True)
    replace_files(files)
    return [docx_path, md_path]
