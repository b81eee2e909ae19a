"""The columnar load: a workspace CSV file read into a typed base frame, validated column by column.

Plain cells – a digit string in a number column, an ISO date in a date column, a known choice, text without
control characters or surrounding blanks – are checked and converted with vectorised pandas operations.
Every other cell's row goes through the record path (pydantic, :mod:`forumkit.model.cells`), which accepts
what the cell types accept (Danish numbers, for example) and words every problem exactly as before; those
rows' records are kept, so they are not validated twice.

The structure of a file is read by pandas' C parser when the file is simple (no quotes, no blank or ragged
lines, no lone carriage returns); otherwise by :func:`forumkit.storage.csvfile.parse_csv`, which reports
structural problems with their line numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import time as _time

import numpy as np
import pandas as pd
from pydantic import TypeAdapter, ValidationError

from ..model.cells import FIRST_DAY, LAST_DAY, danish, errors_of
from ..model.errors import DataProblem
from ..model.frames import Column, columns, frame_of_arrays
from ..model.tables import Record, TableSpec, field_by_name
from .csvfile import MAX_FIELD, _clean, _decode, parse_csv

__all__ = ["ColumnTable", "read_table"]

_EDGE_CELL = r"^[ \t\r\n']|[ \t\r\n]$"
# Characters that make pydantic's text check or trimming differ from the plain path.
_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_ODD_TEXT = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|^\\s|\\s$"
_DIGITS = re.compile(r"[0-9]{1,18}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")

_ADAPTERS: dict[type, TypeAdapter] = {}
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class ColumnTable:
    """A validated table: its base frame, the editor line of each row, and records already built."""

    def __init__(self, frame: pd.DataFrame, lines: Sequence[int], known: dict[int, Record]):
        self.frame, self.lines, self.known = frame, lines, known


def _column_array(series: pd.Series):
    """What a frame keeps of a typed column: its numpy array (object columns) or its extension array."""
    return series.to_numpy() if series.dtype == object else series.array


def _adapter(model: type[Record]) -> TypeAdapter:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])
    return _ADAPTERS[model]


def _any_of(values: np.ndarray, *codes: int) -> bool:
    hit = values == codes[0]
    for code in codes[1:]:
        hit |= values == code
    return bool(hit.any())


class _Layout:
    """What one numpy pass over a simple file found: whether some cell needs trimming or un-guarding
    (``edges``), and which columns (file order) have an empty cell (``empty``; None when unknown). When no
    cell needs trimming, also where every cell is: ``arr`` the file's bytes (after the byte-order mark),
    ``seps`` the separators' positions one line a row, ``starts``/``stops`` each line's bounds."""

    def __init__(self, edges: bool, empty: np.ndarray | None, rows: int, arr=None, seps=None, starts=None, stops=None):
        self.edges, self.empty, self.rows = edges, empty, rows
        self.arr, self.seps, self.starts, self.stops = arr, seps, starts, stops
        self.headers: list[str] = []  # the file's headings, in its order (set by the reader)

    def cells(self, position: int) -> tuple[np.ndarray, np.ndarray]:
        """The first byte and the end (exclusive) of each data row's cell in column ``position``."""
        width = self.seps.shape[1] + 1
        first = self.starts[1:] if position == 0 else self.seps[1:, position - 1] + 1
        end = self.stops[1:] if position == width - 1 else self.seps[1:, position]
        return first, end


def _layout(data: bytes, sep: str, width: int, start: int = 0) -> _Layout | None:
    """None when pandas' C parser would not read the file from ``start`` on (after its byte-order mark)
    exactly as the csv module does –
    quotes, lone carriage returns, a blank or ragged line, a line starting with a separator or blank, a line
    longer than the csv module's cell limit; otherwise its :class:`_Layout`. One pass with numpy, keeping
    positions as 32-bit numbers so memory stays a small multiple of the file."""
    if b'"' in data:
        return None
    if b"\r" in data:
        if data.count(b"\r") != data.count(b"\r\n"):
            return None
        data = data.replace(b"\r\n", b"\n")
    end = len(data)
    while end > start and data[end - 1] == 10:
        end -= 1
    if end == start or end - start >= 2**31 - 1:
        return None
    arr = np.frombuffer(data, np.uint8, count=end - start, offset=start)  # a view: no copy of the file
    end -= start
    code = ord(sep)
    ends = np.flatnonzero(arr == 10).astype(np.int32)
    stops = np.append(ends, np.int32(end))
    starts = np.concatenate((np.zeros(1, np.int32), ends + 1))
    if end > MAX_FIELD and (stops - starts).max() > MAX_FIELD:
        return None
    seps = np.flatnonzero(arr == code).astype(np.int32)
    if (np.diff(np.searchsorted(seps, stops), prepend=0) != width - 1).any():
        return None
    firsts = arr[starts[1:]]
    if _any_of(firsts, 10, code, 32, 9):  # a blank line, or one starting with a separator or blank
        return None
    after = seps + 1
    nxt = np.full(len(seps), 10, np.uint8)  # the first byte of every cell but a line's first
    inside = after < end
    nxt[inside] = arr[after[inside]]
    del after, inside
    if arr[0] in (32, 9, 39) or _any_of(firsts, 39) or _any_of(nxt, 32, 9, 39):
        return _Layout(True, None, len(ends))
    if _any_of(arr[seps[seps > 0] - 1], 32, 9) or _any_of(arr[stops - 1], 32, 9):  # a cell's last byte
        return _Layout(True, None, len(ends))
    empty = np.zeros(width, bool)
    if width > 1 and len(seps):
        blank = (nxt == code) | (nxt == 10)
        empty[1:] = blank.reshape(-1, width - 1).any(axis=0)
    if width == 1:
        return _Layout(False, empty, len(ends))
    return _Layout(False, empty, len(ends), arr, seps.reshape(-1, width - 1), starts, stops)


def _raw_frame(
    spec: TableSpec, first: str, data: bytes
) -> tuple[pd.DataFrame | None, Sequence[int], list[DataProblem], _Layout | None, dict[str, pd.Series]]:
    """The cells as text (NaN where empty; trimmed and un-guarded as the CSV reader does once
    :func:`_trim` has run where the layout says so), their lines, problems, the layout (None when the
    csv module read the file: then every cell is clean already), and the number and date columns typed
    from the bytes (:func:`_byte_column`; by heading), which the text frame leaves out."""
    sep = ";" if first.count(";") >= first.count(",") else ","
    header, problems = parse_csv(spec.file, first.encode("utf-8"), spec.headers, spec.optional)
    if problems:
        return None, [], problems, None, {}
    layout = _layout(data, sep, len(header.headers), 3 if data.startswith(b"\xef\xbb\xbf") else 0)
    if layout is not None:
        rows = layout.rows
        fast: dict[str, pd.Series] = {}
        layout.headers = header.headers
        if layout.seps is not None:
            by_header = {c.header: c for c in columns(spec.model) if c.kind in ("int", "date")}
            for position, heading in enumerate(header.headers):
                if heading in by_header:
                    typed = _byte_column(by_header[heading], layout, position)
                    if typed is not None:
                        fast[heading] = typed
        keep = [i for i, heading in enumerate(header.headers) if heading not in fast]
        try:  # (pandas skips the byte-order mark; the headers are compared below all the same)
            frame = pd.read_csv(
                io.BytesIO(data),
                usecols=keep if fast else None,
                sep=sep,
                dtype=object,
                keep_default_na=False,
                na_values=[""],
                quoting=3,
                skip_blank_lines=False,
                engine="c",
                header=0,
                index_col=False,
                encoding="utf-8",
                low_memory=False,
            )
        except (ValueError, pd.errors.ParserError):
            frame = None
        kept = [header.headers[i] for i in keep]
        if frame is not None and len(frame) == rows and [str(c).strip() for c in frame.columns] == kept:
            frame.columns = kept
            return frame, range(2, rows + 2), [], layout, fast
    parsed, problems = parse_csv(spec.file, data, spec.headers, spec.optional)
    if parsed is None:
        return None, [], problems, None, {}
    frame = (
        pd.DataFrame.from_records(parsed.rows, columns=parsed.headers)
        if parsed.rows
        else pd.DataFrame({h: pd.Series([], dtype=object) for h in parsed.headers})
    )
    frame = frame.astype(object).where(frame.notna(), np.nan)
    return frame, parsed.lines, [], None, {}


def _trim(series: pd.Series) -> pd.Series:
    edge = series.str.contains(_EDGE_CELL, regex=True, na=False)
    if not edge.any():
        return series
    series = series.copy()
    series[edge] = [_clean(v) for v in series[edge]]
    return series.where(series.notna(), np.nan)


def _plain_ints(values: list[str]) -> np.ndarray | None:
    """The values as 64-bit numbers when every one is a plain number of at most 18 digits (ASCII), parsed
    in C from the joined column; None otherwise."""
    joined = "\n".join(values)
    if not (joined.isascii() and joined.replace("\n", "").isdigit()) or len(joined) + 1 > 19 * len(values):
        return None
    numbers = np.fromstring(joined, dtype=np.int64, sep="\n")  # (saturates beyond 64 bits)
    if len(numbers) != len(values) or numbers.max() >= 10**18:  # a value of 19 digits or more
        return None
    if (joined.startswith("0") or "\n0" in joined) and max(map(len, values)) > 18:  # … with leading zeros
        return None
    return numbers


def _plain_dates(values: list[str]) -> np.ndarray | None:
    """The values as days when every one is a real calendar day written ÅÅÅÅ-MM-DD (ASCII digits); None
    otherwise. Checked and converted with numpy arithmetic on the joined column's bytes (one row of 11 bytes
    per value); the proleptic Gregorian calendar, as numpy's own date parser uses."""
    n = len(values)
    if not n:
        return np.empty(0, "datetime64[D]")
    joined = "\n".join(values) + "\n"
    if len(joined) != 11 * n or not joined.isascii():
        return None
    grid = np.frombuffer(joined.encode("ascii"), np.uint8).reshape(n, 11)
    if not (grid[:, 10] == 10).all():
        return None
    return _grid_days(grid)


def _grid_days(grid: np.ndarray) -> np.ndarray | None:
    """The days of a grid of bytes, one date a row in its first ten columns (see :func:`_plain_dates`)."""
    if not ((grid[:, 4] == 45).all() and (grid[:, 7] == 45).all()):
        return None
    d = grid[:, [0, 1, 2, 3, 5, 6, 8, 9]].astype(np.int64) - 48
    if ((d < 0) | (d > 9)).any():
        return None
    year = d[:, 0] * 1000 + d[:, 1] * 100 + d[:, 2] * 10 + d[:, 3]
    month, day = d[:, 4] * 10 + d[:, 5], d[:, 6] * 10 + d[:, 7]
    if ((month < 1) | (month > 12) | (day < 1)).any():
        return None
    leap = _LEAP[year]
    if (day > _MONTH_DAYS[leap, month - 1]).any():
        return None
    return (_YEAR_START[year] + _MONTH_START[leap, month - 1] + day - 1).astype("datetime64[D]")


# The proleptic Gregorian calendar for years 0–9999 (what four digits can say), as lookup tables: whether a
# year is a leap year, its first day (days since 1970-01-01), each month's length and first day of the year.
_YEARS = np.arange(10_000)
_LEAP = ((_YEARS % 4 == 0) & ((_YEARS % 100 != 0) | (_YEARS % 400 == 0))).astype(np.intp)
_YEAR_START = (_YEARS - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
_MONTH_DAYS = np.array(
    [[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]], np.int64
)
_MONTH_START = np.concatenate((np.zeros((2, 1), np.int64), np.cumsum(_MONTH_DAYS, axis=1)[:, :-1]), axis=1)
del _YEARS


def _byte_column(column: Column, layout: _Layout, position: int) -> pd.Series | None:
    """A number or date column typed straight from the file's bytes (pandas never makes its text), when every
    cell is one the plain path takes whole: empty (where the column may be), 1–18 ASCII digits within the
    column's bounds, or a real ÅÅÅÅ-MM-DD day in the one date range. None otherwise: then the column is read
    as text and checked as before, so what is accepted and every problem's wording stay the same."""
    first, end = layout.cells(position)
    size = end - first
    missing = size == 0
    if column.required and missing.any():
        return None
    present = ~missing
    if column.kind == "int":
        longest = int(size.max()) if len(size) else 0
        if longest > 18 or (longest and (end < longest).any()):
            return None
        if longest:  # each cell's last ``longest`` bytes, right-aligned: digit k counts 10**(longest-1-k)
            grid = _windows(layout.arr, longest)[end - longest] - np.uint8(48)  # (a byte below '0' wraps past 9)
            outside = np.arange(longest) < (longest - size)[:, None]
            grid[outside] = 0
            if (grid > 9).any():
                return None
            values = grid @ (10 ** np.arange(longest - 1, -1, -1, dtype=np.int64))
        else:
            values = np.zeros(len(size), np.int64)
        if (column.high is not None and (values[present] > column.high).any()) or (
            column.low is not None and (values[present] < column.low).any()
        ):
            return None
        return pd.Series(pd.arrays.IntegerArray(values, missing))
    if not (size[present] == 10).all():
        return None
    days = _grid_days(_windows(layout.arr, 10)[first[present] if missing.any() else first])
    if days is None or ((days < _FIRST_DAY) | (days > _LAST_DAY)).any():
        return None
    values = np.full(len(size), np.datetime64("NaT"), "datetime64[us]")
    values[present] = days
    return pd.Series(values)


def _windows(arr: np.ndarray, width: int) -> np.ndarray:
    """Every run of ``width`` bytes of ``arr`` as a row (a view, no copy): indexing it with cell positions
    copies each cell's bytes in one go."""
    if len(arr) < width:
        return np.empty((0, width), np.uint8)
    return np.lib.stride_tricks.sliding_window_view(arr, width)


def _cell_text(layout: _Layout, position: int, row: int) -> str | None:
    """The text of one cell of a column typed from bytes (for a row the record path checks)."""
    first, end = layout.cells(position)
    return layout.arr[first[row] : end[row]].tobytes().decode("utf-8") or None


class _Col:
    """One column being checked: its text, which cells are empty (computed once, when needed), and the
    cells the plain path leaves to the record path."""

    def __init__(self, s: pd.Series, maybe_empty: bool):
        self.s, self.maybe_empty = s, maybe_empty
        self._missing: np.ndarray | None = None
        self.slow: np.ndarray | None = None

    @property
    def missing(self) -> np.ndarray:
        if self._missing is None:
            self._missing = self.s.isna().to_numpy() if self.maybe_empty else np.zeros(len(self.s), bool)
        return self._missing

    def present(self) -> pd.Series:
        return self.s[~self.missing] if self.maybe_empty and self.missing.any() else self.s

    def mark(self, bad: np.ndarray) -> None:
        if bad.any():
            self.slow = bad if self.slow is None else (self.slow | bad)

    def mark_present(self, bad_present: np.ndarray) -> None:
        if not bad_present.any():
            return
        full = np.zeros(len(self.s), bool)
        full[~self.missing] = bad_present
        self.mark(full)

    def plain(self) -> pd.Series:
        return self.s if self.slow is None else self.s.where(~self.slow)


def _check(column: Column, c: _Col, odd: bool):
    """The typed column; cells the plain path cannot decide are marked in ``c.slow``."""
    if column.required and c.maybe_empty and c.missing.any():
        c.mark(c.missing.copy())
    kind = column.kind
    if kind == "text":
        if odd and len(c.s):
            c.mark_present(c.present().str.contains(_ODD_TEXT, regex=True).to_numpy(dtype=bool))
        return c.s
    if kind == "ids":
        return c.s
    if kind == "choice":  # one hash pass: the distinct values, then each row's code
        codes, distinct = pd.factorize(c.s.to_numpy(dtype=object), use_na_sentinel=True)
        where = {choice: i for i, choice in enumerate(column.choices)}
        mapping = np.array([where.get(v, -2) for v in distinct.tolist()] + [-1], np.int64)
        category_codes = mapping[codes]  # -1 (the sentinel's slot) for an empty cell, -2 for an unknown value
        unknown = category_codes == -2
        if unknown.any():
            c.mark(unknown)
            category_codes[unknown] = -1
        return pd.Series(
            pd.Categorical.from_codes(category_codes, categories=list(column.choices), ordered=True), index=c.s.index
        )
    if kind == "int":
        present = c.present()
        typed = None
        numbers = _plain_ints(present.tolist())
        if numbers is not None:
            values = np.zeros(len(c.s), np.int64)
            values[~c.missing] = numbers
            typed = pd.Series(pd.arrays.IntegerArray(values, c.missing.copy()), index=c.s.index)
        if typed is None:
            c.mark_present(~present.str.fullmatch(_DIGITS.pattern).to_numpy(dtype=bool))
            typed = c.plain().astype("Int64")
        if column.high is not None or column.low is not None:
            data = typed.array
            values, mask = data._data, data._mask
            bad = np.zeros(len(values), bool)
            if column.high is not None:
                bad |= (values > column.high) & ~mask
            if column.low is not None:
                bad |= (values < column.low) & ~mask
            if bad.any():
                c.mark(bad)
                typed = typed.where(~bad)
        return typed
    if kind == "date":
        present = c.present()
        days = _plain_dates(present.tolist())
        if days is not None and not ((days < _FIRST_DAY) | (days > _LAST_DAY)).any():
            values = np.full(len(c.s), np.datetime64("NaT"), "datetime64[us]")
            values[~c.missing] = days
            return pd.Series(values, index=c.s.index)
        if days is None:  # (a cell not shaped ÅÅÅÅ-MM-DD goes to the record path; an impossible day is coerced)
            c.mark_present(~present.str.fullmatch(_DATE.pattern).to_numpy(dtype=bool))
        plain = c.plain()
        typed = pd.to_datetime(plain, format="%Y-%m-%d", errors="coerce")
        if typed.dtype != "datetime64[us]":
            typed = typed.astype("datetime64[us]")
        outside = ((typed < pd.Timestamp(FIRST_DAY)) | (typed > pd.Timestamp(LAST_DAY))).to_numpy(dtype=bool)
        if outside.any():  # the one date range: the record path words the problem
            c.mark(outside)
            typed = typed.where(~outside)
        nat = typed.isna().to_numpy()
        if nat.sum() != (c.missing.sum() + (0 if c.slow is None else (c.slow & ~c.missing).sum())):
            c.mark(nat & plain.notna().to_numpy())
        return typed
    if kind == "time":
        present = c.present()
        if not _all(_TIME, present):
            c.mark_present(~present.str.fullmatch(_TIME.pattern).to_numpy(dtype=bool))
        return pd.Series(
            [_time(int(v[:2]), int(v[3:])) if isinstance(v, str) else None for v in c.plain()],
            index=c.s.index,
            dtype=object,
        )
    raise TypeError(kind)


_FIRST_DAY, _LAST_DAY = np.datetime64(FIRST_DAY.isoformat()), np.datetime64(LAST_DAY.isoformat())


def _all(pattern: re.Pattern, values: pd.Series) -> bool:
    """Whether every value matches ``pattern`` whole (one regex over the joined column)."""
    joined = "\n".join(values.tolist())
    return re.fullmatch(f"(?:{pattern.pattern}\n)*{pattern.pattern}", joined) is not None


def _first_line(data: bytes, start: int, rest: bytes) -> str | None:
    """The header line, when the file needs no full decoding first: no UTF-16 mark, no NUL, no byte-order
    mark inside, a header that is UTF-8 (pandas decodes the rest strictly; a bad byte there sends the file
    to the csv module, whose decoding words the problem). None otherwise. ``rest`` is the body without its
    printable ASCII bytes (see :func:`_unusual`): a NUL or a byte-order mark in the body is in it too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in rest or b"\xef\xbb\xbf" in rest:
        return None
    end = data.find(b"\n", start)
    try:
        return data[start : end if end >= 0 else len(data)].decode("utf-8")
    except UnicodeDecodeError:
        return None


_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ODD_SPACES = (b"\xc2\x85", b"\xc2\xa0", b"\xe1\x9a\x80", b"\xe2\x81\x9f", b"\xe3\x80\x80")
_ODD_E2 = re.compile(rb"\xe2\x80[\x80-\x8a\xa8\xa9\xaf]")


def _unusual(body: bytes) -> bytes:
    """The body's bytes but printable ASCII, tab and line ends, in order: every byte of a non-ASCII character
    and every control byte (one C pass; usually a small fraction of the file)."""
    return body.translate(None, _PRINTABLE)


def _odd_bytes(rest: bytes) -> bool:
    """Whether the file holds a control character or a non-ASCII blank (as :data:`_ODD` on its text), found
    on its :func:`_unusual` bytes (a UTF-8 character keeps its bytes together): decoded, one regex; bytes
    that are no UTF-8 are searched byte pattern by byte pattern."""
    try:
        return _ODD.search(rest.decode("utf-8")) is not None
    except UnicodeDecodeError:
        pass
    return bool(_CONTROL_BYTES.search(rest)) or any(p in rest for p in _ODD_SPACES) or bool(_ODD_E2.search(rest))


SMALL_FILE = 8192  # bytes: a smaller file goes through the record path whole (cheaper than pandas' set-up)


def _small_table(spec: TableSpec, data: bytes) -> tuple[ColumnTable | None, list[DataProblem]]:
    """A small file read by the record path (the reference the columnar path is tested against), its frame
    built from the records."""
    from ..model.frames import frame_from_records
    from .store import _parse_table

    records, lines, problems = _parse_table(spec, data)
    if problems:
        return None, problems
    return ColumnTable(frame_from_records(spec.model, records), lines, dict(enumerate(records))), []


def read_table(spec: TableSpec, data: bytes, small: int = SMALL_FILE) -> tuple[ColumnTable | None, list[DataProblem]]:
    """Read and validate one table file: its :class:`ColumnTable`, or every problem found in it. A file
    under ``small`` bytes goes through the record path (the same records and problems, by construction)."""
    if len(data) < small:
        return _small_table(spec, data)
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0  # the byte-order mark; the body is not copied
    rest = _unusual(data)[start:]
    first = _first_line(data, start, rest)
    if first is None:
        text, problems = _decode(spec.file, data)
        if text is None:
            return None, problems
        first = text.split("\n", 1)[0]
    if len(data) == start or (data[start : start + 1].isspace() and data[start:].isspace()) or not first.strip():
        parsed, problems = parse_csv(spec.file, data, spec.headers, spec.optional)
        if parsed is None:
            return None, problems
    raw, lines, problems, layout, fast = _raw_frame(spec, first, data)
    if raw is None:
        return None, problems
    for header in spec.optional:  # a file from before an optional column was added: the column is empty
        if header not in raw.columns and header not in fast:
            raw[header] = pd.Series(np.nan, index=raw.index, dtype=object)
    cols = columns(spec.model)
    odd = _odd_bytes(rest)
    position = {h: i for i, h in enumerate(raw.columns)}
    typed: dict[str, pd.Series] = {}
    slow_rows = np.zeros(len(raw), bool)
    for column in cols:
        if column.header in fast:  # typed from the bytes: every cell plain
            typed[column.name] = fast[column.header].set_axis(raw.index)
            continue
        s = raw[column.header]
        if layout is not None and layout.edges:
            s = _trim(s)
            raw[column.header] = s
        maybe_empty = (
            layout is None
            or layout.empty is None
            or position[column.header] >= len(layout.empty)
            or bool(layout.empty[position[column.header]])
        )
        c = _Col(s, maybe_empty)
        typed[column.name] = _check(column, c, odd)
        if c.slow is not None:
            slow_rows |= c.slow
    known: dict[int, Record] = {}
    if slow_rows.any():
        positions = np.flatnonzero(slow_rows).tolist()
        headers = list(raw.columns)
        sub = raw.iloc[positions]
        dicts = [
            {h: (None if not isinstance(v, str) else v) for h, v in zip(headers, row, strict=False)}
            for row in sub.itertuples(index=False, name=None)
        ]
        if fast:  # the cells typed from bytes, as text, in the file's order of columns
            in_file = layout.headers
            order = [*in_file, *(h for h in headers if h not in in_file)]
            texts = {h: [_cell_text(layout, in_file.index(h), p) for p in positions] for h in fast}
            dicts = [{h: (texts[h][i] if h in fast else d[h]) for h in order} for i, d in enumerate(dicts)]
        try:
            records = _adapter(spec.model).validate_python(dicts, by_alias=True)
        except ValidationError as exc:
            for err in errors_of(exc):
                index, column = err["loc"][0], str(err["loc"][1]) if len(err["loc"]) > 1 else "fil"
                value = dicts[index].get(column)
                message = danish(err, field_by_name(spec.model, column))
                problems.append(DataProblem(spec.file, lines[positions[index]], column, message, value))
            return None, problems
        known = dict(zip(positions, records, strict=False))
        for column in cols:
            series = typed[column.name]
            new = [getattr(r, column.name) for r in records]
            if column.kind == "ids":
                new = [", ".join(v) if v else np.nan for v in new]
            elif column.kind == "text":
                new = [np.nan if v is None else v for v in new]
            elif column.kind == "date":
                new = [pd.NaT if v is None else pd.Timestamp(v) for v in new]
            elif column.kind == "int":
                new = [pd.NA if v is None else v for v in new]
                if any(v is not pd.NA and not _INT64_MIN <= v <= _INT64_MAX for v in new):
                    series = series.astype(object)  # a number beyond 64 bits stays a Python int
            series = series.copy()
            series.iloc[positions] = new
            typed[column.name] = series
    frame = frame_of_arrays(  # the columns as built, not merged
        [c.name for c in cols], [_column_array(typed[c.name]) for c in cols], len(raw)
    )
    return ColumnTable(frame, lines, known), []
