"""Read a user's own sheet (.xlsx or .csv) for an import, trusting nothing in it.

An .xlsx is a zip of XML files. Before openpyxl unpacks anything, the zip's member sizes are checked (a zip
bomb is refused), and the sheets' XML is streamed once to count rows and cells and to find over-long text,
so every cap fails in Danish within a second or two. openpyxl's read-only mode trusts the sheet's
``<dimension>`` tag, which some programs write too small: the rows are read without it. Hidden sheets are
not read, and named in a warning; a formula without a stored result gets its own message.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import InputError

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "SheetData",
    "read_sheet",
    "read_sheet_data",
]

# Caps that keep a hostile or broken sheet from filling the memory: they fail in Danish before openpyxl unzips.
MAX_UNPACKED_BYTES = 100_000_000  # the sheet's files together, unpacked
MAX_ROWS = 50_000
MAX_CELLS = 500_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


@dataclass(frozen=True)
class SheetData:
    """What was read from a sheet: its name, headings, non-empty rows and warnings (Danish) for the user."""

    name: str
    headings: list[str]
    body: list[tuple[int, list[object]]]
    warnings: tuple[str, ...] = ()


def read_sheet(path: Path) -> tuple[str, list[str], list[tuple[int, list[object]]]]:
    """(sheet name, headings, [(sheet row number, cells)]) from .xlsx or .csv (';' or ',', UTF-8)."""
    data = read_sheet_data(path)
    return data.name, data.headings, data.body


def read_sheet_data(path: Path) -> SheetData:
    """The sheet with its warnings; every way a file can be broken or hostile is an InputError in Danish."""
    path = Path(path)
    if path.exists() and not path.is_file():  # a folder, a device such as /dev/zero, a pipe: never read
        raise InputError("fil", path.name, f"{path} er ikke en almindelig fil")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if path.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise InputError(
            "fil",
            path.name,
            f"{path.name} er i et format, forumkit ikke læser – gem arket som Excel "
            "(.xlsx) eller 'CSV UTF-8' og prøv igen",
        )
    return _read_csv(path)


def _too_long(path: Path, row: int, length: int) -> InputError:
    return InputError(
        "fil",
        path.name,
        f"række {row} har en celle på {_danish(length)} tegn – højst {_danish(MAX_CELL_CHARS)} tegn pr. celle",
    )


def _danish(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _not_excel(path: Path) -> InputError:
    return InputError(
        "fil", path.name, f"{path.name} er ikke en gyldig Excel-fil (.xlsx) – åbn den i Excel og gem den igen"
    )


def _check_zip(path: Path) -> bool:
    """Refuse a file that is not a workbook, would unpack to too much (a zip bomb), or breaks a cap; True when
    some sheet holds a formula (only then is the sheet read a second time for the formulas' text)."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            unpacked = sum(m.file_size for m in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise InputError(
                    "fil",
                    path.name,
                    f"{path.name} fylder {_danish(unpacked)} byte udpakket – højst "
                    f"{_danish(MAX_UNPACKED_BYTES)} byte kan importeres",
                )
            formulas = False
            for member in members:
                name = member.filename
                if name == "xl/sharedStrings.xml" or (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    with archive.open(member) as stream:
                        formulas |= _prescan(path, stream, sheet=name != "xl/sharedStrings.xml")
            return formulas
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        raise _not_excel(path) from None


_ROOT = re.compile(rb"<(?:(\w+):)?(?:worksheet|sst)[\s>]")
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 continuation bytes: deleting them leaves one byte per character


def _count(data: bytes, opening: bytes, kind: bytes) -> int:
    """How many <kind …> elements start in ``data`` (``opening`` is '<' or '<prefix:')."""
    return sum(data.count(opening + kind + end) for end in (b" ", b">", b"/"))


def _longest_text(data: bytes) -> int:
    """The characters of the longest stretch without a tag, if one may be longer than a cell may be, else 0.

    A stretch of 2·half bytes holds a whole aligned window of ``half`` bytes, so looking for a '<' in every such
    window finds every candidate with one short search per window."""
    half = MAX_CELL_CHARS // 2
    longest = 0
    for start in range(0, len(data), half):
        if data.find(b"<", start, start + half) != -1 or len(data) - start < half:
            continue
        begin, end = data.rfind(b"<", 0, start) + 1, data.find(b"<", start)
        text = data[begin : end if end != -1 else len(data)]
        longest = max(longest, len(text.translate(None, _CONTINUATION)))
    return longest


def _prescan(path: Path, stream, sheet: bool) -> bool:
    """Stream one XML member once: rows, cells and text length against the caps; True if it has a formula."""
    rows = cells = 0
    formula = False
    opening = None
    carry = b""  # from the last '<' on: a tag or a text that may go on in the next chunk
    while True:
        chunk = stream.read(1 << 20)
        data = carry + chunk
        if opening is None:
            root = _ROOT.search(data, 0, 4096)
            opening = b"<" + root[1] + b":" if root and root[1] else b"<"
        cut = data.rfind(b"<") if chunk else len(data)
        carry, done = (data[cut:], data[:cut]) if cut > 0 else (data, b"") if chunk else (b"", data)
        if _longest_text(data) > MAX_CELL_CHARS + 200:  # + a tag's own attributes
            raise InputError(
                "fil",
                path.name,
                f"{path.name} har en celle på mere end {_danish(MAX_CELL_CHARS)} "
                f"tegn – højst {_danish(MAX_CELL_CHARS)} tegn pr. celle",
            )
        if sheet and done:
            rows += _count(done, opening, b"row")
            cells += _count(done, opening, b"c")
            formula = formula or _count(done, opening, b"f") > 0
            if rows > MAX_ROWS + 1:
                raise InputError(
                    "fil", path.name, f"{path.name} har et ark med mere end {_danish(MAX_ROWS)} rækker – del det op"
                )
            if cells > MAX_CELLS:
                raise InputError(
                    "fil", path.name, f"{path.name} har et ark med mere end {_danish(MAX_CELLS)} celler – del det op"
                )
        if not chunk:
            return formula


def _read_xlsx(path: Path) -> SheetData:
    has_formulas = _check_zip(path)
    from openpyxl import load_workbook

    try:
        values_book = load_workbook(path, read_only=True, data_only=True)
        formula_book = load_workbook(path, read_only=True, data_only=False) if has_formulas else None
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) for a broken workbook
        raise InputError(
            "fil", path.name, f"{path.name} kan ikke læses som Excel-fil – åbn den i Excel og gem den igen"
        ) from None
    try:
        visible = [i for i, s in enumerate(values_book.worksheets) if s.sheet_state == "visible"]
        hidden = [s.title for s in values_book.worksheets if s.sheet_state != "visible"]
        if not visible:
            raise InputError("fil", path.name, f"{path.name} har intet synligt ark")
        index = visible[0]
        sheet = values_book.worksheets[index]
        # read-only mode trusts the <dimension> tag, which some programs write too small: read every row
        sheet.reset_dimensions()
        if formula_book is not None:
            formulas = formula_book.worksheets[index]
            formulas.reset_dimensions()
            raw_rows = formulas.iter_rows(values_only=True)
        else:
            raw_rows = iter(lambda: (), None)  # no formulas anywhere: an endless supply of empty rows
        rows: list[tuple[int, list[object]]] = []
        headings: list[str] | None = None
        for number, (cells, raw) in enumerate(zip(sheet.iter_rows(values_only=True), raw_rows, strict=False), start=1):
            if number > MAX_ROWS + 1:
                raise InputError(
                    "fil",
                    path.name,
                    f"arket '{sheet.title}' har mere end {MAX_ROWS:,} rækker – del det op".replace(",", "."),
                )
            cells = list(cells)
            for col, value in enumerate(cells):
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise _too_long(path, number, len(value))
                formula = raw[col] if col < len(raw) else None
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    from openpyxl.utils import get_column_letter

                    raise InputError(
                        "fil",
                        path.name,
                        f"cellen {get_column_letter(col + 1)}{number} i arket "
                        f"'{sheet.title}' er en formel ({formula}) uden gemt resultat – åbn filen i "
                        "Excel, gem den, og importér igen (eller erstat formlen med værdien)",
                    )
            if headings is None:
                headings = [str(h).strip() if h is not None else "" for h in cells]
            elif any(c not in (None, "") for c in cells):
                rows.append((number, cells))
    except InputError:
        raise
    except Exception:  # a broken sheet inside a valid zip: bad XML, bad styles
        raise InputError(
            "fil", path.name, f"{path.name} kan ikke læses som Excel-fil – åbn den i Excel og gem den igen"
        ) from None
    finally:
        values_book.close()
        if formula_book is not None:
            formula_book.close()
    if headings is None:
        raise InputError("fil", path.name, "arket er tomt")
    warnings = ()
    if hidden:
        warnings = (
            f"Skjulte ark er ikke læst: {', '.join(repr(h) for h in hidden)} – kun arket '{sheet.title}' importeres",
        )
    return SheetData(sheet.title, headings, rows, warnings)


def _read_csv(path: Path) -> SheetData:
    size = path.stat().st_size
    if size > MAX_UNPACKED_BYTES:
        raise InputError(
            "fil",
            path.name,
            f"{path.name} fylder {size:,} byte – højst {MAX_UNPACKED_BYTES:,} byte kan importeres".replace(",", "."),
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "fil", path.name, f"{path.name} er ikke gemt som UTF-8 – gem den i Excel som 'CSV UTF-8 (kommasepareret)'"
        ) from None
    if not text.strip():
        raise InputError("fil", path.name, "filen er tom")
    if "\x00" in text:
        raise InputError("fil", path.name, f"{path.name} indeholder NUL-tegn – er det en tekstfil (CSV)?")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") >= first.count(",") else ",")
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise InputError(
                    "fil", path.name, f"{path.name} har mere end {MAX_ROWS:,} rækker – del den op".replace(",", ".")
                )
            longest = max(map(len, row), default=0)
            if longest > MAX_CELL_CHARS:
                raise _too_long(path, reader.line_num, longest)
    except csv.Error:
        raise InputError(
            "fil",
            path.name,
            f"{path.name} kan ikke læses som CSV (linje {reader.line_num}) – en celle "
            "er for lang, eller et anførselstegn er ikke lukket",
        ) from None
    body = []
    for n, row in enumerate(rows[1:], start=2):
        if any(c.strip() for c in row):
            body.append((n, list(row)))
    return SheetData(path.name, [h.strip() for h in rows[0]], body)
