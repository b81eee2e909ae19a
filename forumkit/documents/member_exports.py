"""The member lists: public (name, organisation, seat – never contact details) and the internal contact list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model.danish import da_date
from ..model.membership import active_members, is_active
from ..model.workspace import Workspace
from ..storage.excel import xlsx_bytes
from ..storage.outputs import write_outputs

__all__ = [
    "PUBLIC_HEADERS",
    "contact_rows",
    "public_rows",
    "write_contacts_xlsx",
    "write_public_docx",
    "write_public_xlsx",
]

PUBLIC_HEADERS = ("Sæde", "Navn", "Organisation", "Udpeget af", "Rolle")
CONTACT_HEADERS = ("Sæde", "Navn", "Organisation", "Rolle", "E-mail", "Telefon", "Udpeget til")


def _seat_name(ws: Workspace, seat: str) -> str:
    found = ws.charter.seat_by_id.get(seat)
    return found.name if found else seat


def public_rows(ws: Workspace, day: date) -> list[tuple]:
    return [
        (_seat_name(ws, a.seat), a.name, a.organisation or "", a.appointed_by, a.role_on(day))
        for a in active_members(ws, day)
    ]


def contact_rows(ws: Workspace, day: date) -> list[tuple]:
    rows = [
        (_seat_name(ws, a.seat), a.name, a.organisation or "", a.role_on(day), a.email or "", a.phone or "", a.end)
        for a in active_members(ws, day)
    ]
    rows += [
        (
            "Sekretariatet: " + ws.charter.role_by_id[s.role].name if s.role in ws.charter.role_by_id else s.role,
            s.name,
            "",
            s.title or "",
            s.email or "",
            s.phone or "",
            s.end,
        )
        for s in ws.secretariat
        if is_active(s, day)
    ]
    return rows


def _write(path: Path, data: bytes, workspace: Path | None) -> Path:
    """Never into the workspace, never over a file forumkit did not make (see storage.outputs)."""
    return write_outputs(Path(path).parent, {Path(path).name: data}, workspace)[0]


def write_public_xlsx(ws: Workspace, day: date, path: Path, workspace: Path | None = None) -> Path:
    return _write(path, xlsx_bytes({"Medlemmer": (PUBLIC_HEADERS, public_rows(ws, day))}), workspace)


def write_contacts_xlsx(ws: Workspace, day: date, path: Path, workspace: Path | None = None) -> Path:
    return _write(path, xlsx_bytes({"Kontaktliste (intern)": (CONTACT_HEADERS, contact_rows(ws, day))}), workspace)


def write_public_docx(
    ws: Workspace, day: date, path: Path, workspace: Path | None = None, template: bytes | None = None
) -> Path:
    """A Word member list in a plain municipal style, as of ``day``."""
    from .office import Letter, add_heading, docx_bytes, fixed_properties, new_document, sized_table

    forum = ws.charter.forum
    letter = Letter(
        title=f"Medlemmer af {forum.short_name}",
        subject=f"Medlemmer af {forum.name}",
        municipality=forum.municipality,
        day=day,
        unit=forum.name,
        data_as_of=day,
    )
    doc = new_document(letter, template)
    add_heading(doc, f"Medlemmer af {forum.name}", 1)
    doc.add_paragraph(f"Pr. {da_date(day)}")
    sized_table(doc, public_rows(ws, day), header=PUBLIC_HEADERS)
    doc.add_paragraph("")
    doc.add_paragraph(f"Sekretariat: {forum.municipality}. Listen indeholder ingen kontaktoplysninger.")
    fixed_properties(doc, letter)
    return _write(path, docx_bytes(doc), workspace)
