"""The workspace's CSV dialect: written UTF-8 with BOM and ';', read with ';' or ',' and with or without BOM.

Cells that Excel would run as a formula are written with a leading apostrophe and read back without it."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterable, Sequence

from ..model.cells import MAX_FIELD
from ..model.danish import da_number
from ..model.errors import DataProblem
from ..model.safe import csv_cell, uncsv_cell

__all__ = ["ParsedCsv", "excel_column", "parse_csv", "render_csv", "render_lines"]

BOM = "\ufeff"


class ParsedCsv:
    """Rows of one CSV file as dicts (empty cell = None), each with the editor line it starts on."""

    def __init__(self, headers: list[str], rows: list[dict[str, str | None]], lines: list[int]):
        self.headers = headers
        self.rows = rows
        self.lines = lines


def _decode(file: str, data: bytes) -> tuple[str | None, list[DataProblem]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            DataProblem(
                file,
                1,
                "fil",
                "filen er gemt som UTF-16 ('Unicode-tekst') – åbn den i Excel og "
                "vælg Gem som › 'CSV UTF-8 (kommasepareret)'",
                "UTF-16",
            )
        ]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return None, [DataProblem(file, line, "fil", "filen indeholder NUL-tegn – den er ikke en tekstfil (CSV)")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        before = data[line_start : exc.start].decode("utf-8", errors="replace")
        sep = ";" if data[:200].count(b";") >= data[:200].count(b",") else ","
        header = data.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip(BOM).strip().split(sep)
        index = before.count(sep)
        column = header[index].strip() if line > 1 and index < len(header) else "fil"
        byte = data[exc.start]
        guess = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        return None, [
            DataProblem(
                file,
                line,
                column,
                f"filen er ikke gemt som UTF-8 (byte 0x{byte:02X}, måske '{guess}' fra Windows-1252/ANSI) – "
                "åbn den i Excel og vælg Gem som › 'CSV UTF-8 (kommasepareret)'",
                f"0x{byte:02X}",
            )
        ]
    if BOM in text:
        line = text[: text.index(BOM)].count("\n") + 1
        return None, [
            DataProblem(
                file,
                line,
                "fil",
                "usynligt BOM-tegn (U+FEFF) midt i filen – filen er sat sammen af flere filer; "
                "fjern tegnet eller gem filen igen fra Excel",
            )
        ]
    return text, []


_BLANK = " \t\r\n"
_SPECIAL = _BLANK + "'"


def _clean(cell: str) -> str | None:
    """The slow path for a cell: trim it, empty means no value, undo the formula guard."""
    cell = cell.strip()
    return uncsv_cell(cell) if cell else None


def excel_column(index: int) -> str:
    """The letter Excel shows for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _suggest(name: str, candidates: Iterable[str]) -> str:
    match = difflib.get_close_matches(name.lower(), list(candidates), n=1, cutoff=0.6)
    return f" – mente du '{match[0]}'?" if match else ""


def parse_csv(
    file: str, data: bytes, expected: Sequence[str], optional: Sequence[str] = ()
) -> tuple[ParsedCsv | None, list[DataProblem]]:
    """Parse one file's bytes against its expected headers; every problem is returned, nothing raised.

    Headers in ``optional`` may be missing (a file from before the column was added)."""
    text, problems = _decode(file, data)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [
            DataProblem(file, 1, "fil", "filen er tom – den skal mindst have overskriftslinjen: " + ";".join(expected))
        ]
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    csv.field_size_limit(MAX_FIELD)
    try:
        header = [h.strip() for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        return None, [DataProblem(file, 1, "fil", f"overskriftslinjen kan ikke læses: {exc}")]
    known = set(expected)
    missing = [h for h in expected if h not in header and h not in optional]
    for i, name in enumerate(header):
        where = f"kolonne {excel_column(i)}"
        if not name:
            problems.append(DataProblem(file, 1, where, "kolonnen har ingen overskrift"))
        elif name not in known:
            problems.append(
                DataProblem(file, 1, where, f"ukendt kolonne '{name}'{_suggest(name, missing or expected)}", name)
            )
        elif header.count(name) > 1 and header.index(name) != i:
            problems.append(DataProblem(file, 1, name, f"kolonnen '{name}' står to gange", name))
    for name in missing:
        problems.append(DataProblem(file, 1, name, f"kolonnen '{name}' mangler i overskriftslinjen"))
    if problems:
        return None, problems
    rows: list[dict[str, str | None]] = []
    lines: list[int] = []
    line = 2
    width = len(header)
    try:
        for record in reader:
            start = line
            line = reader.line_num + 1
            if not record or not "".join(record).strip():
                continue
            if len(record) != width:
                column = header[width - 1] if len(record) > width else header[len(record) - 1]
                other = "," if sep == ";" else ";"
                hint = (
                    f" – er der brugt '{other}' og '{sep}' i samme fil?"
                    if any(other in c for c in record)
                    else (" – rækken er måske afkortet" if len(record) < width else " – er der en celle for meget?")
                )
                problems.append(
                    DataProblem(
                        file,
                        start,
                        column,
                        f"rækken har {len(record)} celler, men overskriften har {width}{hint}",
                        sep.join(record)[:80],
                    )
                )
                continue
            rows.append(
                {
                    h: (c if c[0] not in _SPECIAL and c[-1] not in _BLANK else _clean(c)) if c else None
                    for h, c in zip(header, record, strict=False)
                }
            )
            lines.append(start)
    except csv.Error as exc:
        problems.append(
            DataProblem(file, reader.line_num or line, "fil", f"filen kan ikke læses som CSV her: {_csv_reason(exc)}")
        )
    if problems:
        return None, problems
    return ParsedCsv(header, rows, lines), []


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"en celle er længere end {da_number(MAX_FIELD)} tegn"
    if "unexpected end of data" in text or "EOF" in text:
        return 'et anførselstegn (") er ikke lukket – filen er måske afkortet'
    if "expected" in text and "after" in text:
        return 'forkert brug af anførselstegn (")'
    return text


_GUARD_FIRST = frozenset("=+-@\t\r'")


def render_csv(headers: Sequence[str], rows: Iterable[dict[str, str] | list[str]]) -> bytes:
    """The bytes of a workspace CSV file: UTF-8 with BOM, ';' separated, '\\n' line ends.

    A row is a dict keyed by header, or a list of cell texts in header order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    # With '\n' as line end, the csv module leaves a lone '\r' in a cell unquoted, and the reader then splits
    # the row there: such a row is written with every cell quoted, so that it loads again.
    quoted = csv.writer(buffer, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(headers)
    for row in rows:
        cells = row if isinstance(row, list) else [row.get(h, "") for h in headers]
        if any(c and c[0] in _GUARD_FIRST for c in cells):
            cells = [csv_cell(c) if c and c[0] in _GUARD_FIRST else c for c in cells]
        (quoted if any(c and "\r" in c for c in cells) else writer).writerow(cells)
    return (BOM + buffer.getvalue()).encode("utf-8")


def render_lines(rows: Iterable[list[str]]) -> list[str]:
    """Each row (cell texts in header order) as the line :func:`render_csv` writes for it, so a caller can
    keep lines between saves and only render the rows that changed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    out = []
    for cells in rows:
        if any(c and c[0] in _GUARD_FIRST for c in cells):
            cells = [csv_cell(c) if c and c[0] in _GUARD_FIRST else c for c in cells]
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        out.append(buffer.getvalue())
    return out
