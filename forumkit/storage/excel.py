"""Writing Excel workbooks where every cell a user typed stays text, never a formula; saved atomically."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from .atomic import write_atomic

__all__ = ["write_xlsx", "xlsx_bytes"]

Sheet = tuple[Sequence[str], Sequence[Sequence[object]]]


def xlsx_bytes(sheets: Mapping[str, Sheet]) -> bytes:
    """An .xlsx file: one sheet per entry, bold header, text cells typed as text, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if value is None:
                    continue
                if isinstance(value, (int, float, date)) and not isinstance(value, bool):
                    cell.value = value
                    if isinstance(value, date):
                        cell.number_format = "dd-mm-yyyy"
                else:
                    cell.value = str(value)
                    cell.data_type = "s"  # never a formula, whatever it starts with
                    cell.number_format = "@"
        for c, header in enumerate(headers, start=1):
            width = max([len(str(header))] + [len(str(row[c - 1] or "")) for row in rows]) + 2
            sheet.column_dimensions[get_column_letter(c)].width = min(width, 60)
        sheet.freeze_panes = "A2"
    # Fixed document properties, so the same data gives the same file.
    from datetime import datetime

    book.properties.creator = "forumkit"
    book.properties.created = book.properties.modified = datetime(2000, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(path: Path, sheets: Mapping[str, Sheet]) -> Path:
    write_atomic(Path(path), xlsx_bytes(sheets))
    return Path(path)
