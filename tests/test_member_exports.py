"""Member lists: public without contact details, internal with them; Excel cells are text, never formulas."""

from __future__ import annotations

from datetime import date

import docx
import openpyxl

from forumkit.documents.member_exports import (
    write_contacts_xlsx,
    write_public_docx,
    write_public_xlsx,
)
from forumkit.edits.roster import appoint
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY


def test_public_excel_has_no_contact_details(tmp_path):
    ws = load_workspace(EXAMPLE)
    path = write_public_xlsx(ws, TODAY, tmp_path / "m.xlsx")
    sheet = openpyxl.load_workbook(path).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Sæde", "Navn", "Organisation", "Udpeget af", "Rolle"]
    assert len(rows) == 11
    flat = " ".join(str(v) for row in rows for v in row)
    assert "@" not in flat and "0000" not in flat
    assert [
        "Repræsentant fra restaurationsbranchen",
        "Peter Mølgaard",
        "Restaurant Kompasset",
        "Horesta",
        "medlem",
    ] in rows


def test_public_word_list(tmp_path):
    path = write_public_docx(load_workspace(EXAMPLE), TODAY, tmp_path / "m.docx")
    document = docx.Document(path)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Sæde", "Navn", "Organisation", "Udpeget af", "Rolle"]
    assert len(table.rows) == 11
    assert "Karin Søborg" in [row.cells[1].text for row in table.rows]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Pr. torsdag den 26. november 2026" in text and "@" not in text


def test_contact_list_has_contacts_and_staff(tmp_path):
    path = write_contacts_xlsx(load_workspace(EXAMPLE), TODAY, tmp_path / "k.xlsx")
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    assert [
        "Sekretariatet: Direktør",
        "Ole Bramsen",
        None,
        "Kommunaldirektør",
        "ole@example.dk",
        "0000 1002",
        None,
    ] in rows
    assert any(r[1] == "Karin Søborg" and r[4] == "karin.soeborg@example.dk" for r in rows)


def test_typed_formulas_stay_text(tmp_path):
    ws = load_workspace(EXAMPLE)
    ws = ws.with_table("members", [m for m in ws.members if m.id != "A-009"])
    for i, evil in enumerate(['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)"]):
        ws = appoint(
            ws,
            seat="HORESTA",
            name=f"Navn {i}",
            appointed_by="Horesta",
            start=date(2026, 1, 1 + i),
            end=date(2026, 1, 1 + i),
            organisation=evil,
        )
        path = write_public_xlsx(ws, date(2026, 1, 1 + i), tmp_path / f"m{i}.xlsx")
        book = openpyxl.load_workbook(path)
        cells = [c for row in book.active.iter_rows() for c in row if c.value == evil]
        assert cells and all(c.data_type == "s" for c in cells)
