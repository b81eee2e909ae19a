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

import numpy as np
import pandas as pd
from pydantic import TypeAdapter, ValidationError

from ..model.cells import danish
from ..model.errors import DataProblem
from ..model.frames import Column, columns
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


class ColumnTable:
    """A validated table: its base frame, the editor line of each row, and records already built."""

    def __init__(self, frame: pd.DataFrame, lines: Sequence[int], known: dict[int, Record]):
        self.frame, self.lines, self.known = frame, lines, known


def _adapter(model: type[Record]) -> TypeAdapter:
    if model not in _ADAPTERS:
        _ADAPTERS[model] = TypeAdapter(list[model])
    return _ADAPTERS[model]


def _any_of(values: np.ndarray, *codes: int) -> bool:
    hit = values == codes[0]
    for code in codes[1:]:
        hit |= values == code
    return bool(hit.any())


def _layout(data: bytes, sep: str, width: int) -> bool | None:
    """None when pandas' C parser would not read the file (BOM stripped) exactly as the csv module does –
    quotes, lone carriage returns, a blank or ragged line, a line starting with a separator or blank, a line
    longer than the csv module's cell limit; otherwise whether some cell may start with a blank or an
    apostrophe or end with a blank (which the CSV reader trims and un-guards). One pass with numpy."""
    if b'"' in data or data.count(b"\r") != data.count(b"\r\n"):
        return None
    crlf = b"\r" in data
    data = data.rstrip(b"\r\n")
    arr = np.frombuffer(data, np.uint8)
    if not len(arr):
        return None
    ends = np.flatnonzero(arr == 10)
    seps = np.flatnonzero(arr == ord(sep))
    stops = np.append(ends, len(arr))
    if len(data) > MAX_FIELD and np.diff(stops, prepend=-1).max() > MAX_FIELD:
        return None
    if (np.diff(np.searchsorted(seps, stops), prepend=0) != width - 1).any():
        return None
    if len(ends) and _any_of(arr[ends + 1], 10, ord(sep), 32, 9, 13):  # a blank line or one starting so
        return None
    starts = np.concatenate((seps, ends)) + 1  # where every cell but the first starts
    if _any_of(arr[starts[starts < len(arr)]], 32, 9, 39) or arr[0] in (32, 9, 39):
        return True
    if crlf:
        arr = np.frombuffer(data.replace(b"\r\n", b"\n"), np.uint8)
        seps = np.flatnonzero(arr == ord(sep))
        ends = np.flatnonzero(arr == 10)
    last = np.concatenate((seps, ends, [len(arr)])) - 1
    return _any_of(arr[last[last >= 0]], 32, 9)


def _raw_frame(spec: TableSpec, text: str, data: bytes) -> tuple[pd.DataFrame | None, Sequence[int],
                                                                   list[DataProblem], bool]:
    """The cells as text (None/NaN where empty, trimmed and un-guarded as the CSV reader does), their lines,
    problems, and whether the cells may still need trimming."""
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") else ","
    header, problems = parse_csv(spec.file, first.encode("utf-8"), spec.headers)
    if problems:
        return None, [], problems, False
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    edges = _layout(body, sep, len(header.headers))
    if edges is not None:
        rows = body.rstrip(b"\r\n").count(b"\n")
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=object, keep_default_na=False,
                                na_values=[""], quoting=3, skip_blank_lines=False, engine="c",
                                header=0, index_col=False)
        except (ValueError, pd.errors.ParserError):
            frame = None
        if frame is not None and len(frame) == rows and [str(c).strip() for c in frame.columns] == header.headers:
            frame.columns = header.headers
            return frame, range(2, rows + 2), [], edges
    parsed, problems = parse_csv(spec.file, data, spec.headers)
    if parsed is None:
        return None, [], problems, False
    frame = pd.DataFrame.from_records(parsed.rows, columns=parsed.headers) if parsed.rows else \
        pd.DataFrame({h: pd.Series([], dtype=object) for h in parsed.headers})
    frame = frame.astype(object).where(frame.notna(), np.nan)
    return frame, parsed.lines, [], False


def _trim(series: pd.Series) -> pd.Series:
    edge = series.str.contains(_EDGE_CELL, regex=True, na=False)
    if not edge.any():
        return series
    series = series.copy()
    series[edge] = [_clean(v) for v in series[edge]]
    return series.where(series.notna(), np.nan)


def _joined(values: pd.Series) -> str:
    return "\n".join(values.tolist())


def _check(column: Column, s: pd.Series, odd: bool) -> tuple[pd.Series | None, np.ndarray | None]:
    """The typed column (None when every cell is slow) and the mask of cells the plain path cannot decide
    (None when there are none)."""
    missing = s.isna()
    slow = missing.to_numpy().copy() if column.required and missing.any() else None
    present = s[~missing] if slow is not None or missing.any() else s

    def mark(bad: pd.Series) -> None:
        nonlocal slow
        if bad.any():
            slow = (slow if slow is not None else np.zeros(len(s), bool)) | bad.reindex(s.index, fill_value=False).to_numpy()

    kind = column.kind
    if kind == "text":
        if odd and len(present):
            mark(present.str.contains(_ODD_TEXT, regex=True))
        return s, slow
    if kind == "ids":
        return s, slow
    if kind == "choice":
        if len(present) and set(present.unique()) - set(column.choices):
            mark(~present.isin(column.choices))
        values = s if slow is None else s.where(~slow)
        return pd.Series(pd.Categorical(values, categories=list(column.choices), ordered=True), index=s.index), slow
    if kind == "int":
        if len(present) and not _all(_DIGITS, present):
            mark(~present.str.fullmatch(_DIGITS.pattern))
        values = s if slow is None else s.where(~slow)
        typed = values.astype("Int64")
        if column.high is not None or column.low is not None:
            bad = pd.Series(False, index=s.index)
            if column.high is not None:
                bad |= (typed > column.high).fillna(False)
            if column.low is not None:
                bad |= (typed < column.low).fillna(False)
            if bad.any():
                mark(bad)
                typed = typed.where(~bad)
        return typed, slow
    if kind == "date":
        if len(present) and not _all(_DATE, present):
            mark(~present.str.fullmatch(_DATE.pattern))
        values = s if slow is None else s.where(~slow)
        typed = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
        bad = typed.isna() & values.notna()
        if bad.any():
            mark(bad)
        return typed, slow
    if kind == "time":
        if len(present) and not _all(_TIME, present):
            mark(~present.str.fullmatch(_TIME.pattern))
        from datetime import time as _time
        values = s if slow is None else s.where(~slow)
        typed = pd.Series([_time(int(v[:2]), int(v[3:])) if isinstance(v, str) else None for v in values],
                          index=s.index, dtype=object)
        return typed, slow
    raise TypeError(kind)


def _all(pattern: re.Pattern, values: pd.Series) -> bool:
    """Whether every value matches ``pattern`` whole (one regex over the joined column)."""
    joined = _joined(values)
    return re.fullmatch(f"(?:{pattern.pattern}\n)*{pattern.pattern}", joined) is not None


def read_table(spec: TableSpec, data: bytes) -> tuple[ColumnTable | None, list[DataProblem]]:
    """Read and validate one table file: its :class:`ColumnTable`, or every problem found in it."""
    text, problems = _decode(spec.file, data)
    if text is None:
        return None, problems
    if not text.strip():
        parsed, problems = parse_csv(spec.file, data, spec.headers)
        return None, problems
    raw, lines, problems, edges = _raw_frame(spec, text, data)
    if raw is None:
        return None, problems
    cols = columns(spec.model)
    odd = bool(_ODD.search(text))
    typed: dict[str, pd.Series] = {}
    slow_rows = np.zeros(len(raw), bool)
    for column in cols:
        s = raw[column.header]
        if edges:
            s = _trim(s)
            raw[column.header] = s
        values, slow = _check(column, s, odd)
        typed[column.name] = values
        if slow is not None:
            slow_rows |= slow
    known: dict[int, Record] = {}
    if slow_rows.any():
        positions = np.flatnonzero(slow_rows).tolist()
        headers = list(raw.columns)
        sub = raw.iloc[positions]
        dicts = [{h: (None if not isinstance(v, str) else v) for h, v in zip(headers, row)}
                 for row in sub.itertuples(index=False, name=None)]
        try:
            records = _adapter(spec.model).validate_python(dicts, by_alias=True)
        except ValidationError as exc:
            for err in exc.errors():
                index, column = err["loc"][0], str(err["loc"][1]) if len(err["loc"]) > 1 else "fil"
                value = dicts[index].get(column)
                message = danish(err, field_by_name(spec.model, column))
                problems.append(DataProblem(spec.file, lines[positions[index]], column, message, value))
            return None, problems
        known = dict(zip(positions, records))
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
            series = series.copy()
            series.iloc[positions] = new
            typed[column.name] = series
    frame = pd.DataFrame({c.name: typed[c.name] for c in cols})
    return ColumnTable(frame, lines, known), []
