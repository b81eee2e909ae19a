"""The workspace as it stood at the end of a day, rebuilt from today's files by undoing the change log.

Every save logs each changed cell (old and new text), each removed row whole with its place, and each change
of the charter (``forum.toml``'s old and new text, table :data:`CHARTER_TABLE`). Undoing the entries logged
after a day, newest first, gives the bytes every file had that day: the same bytes a report built that day
read, so a bundle rebuilt "as of" a day is byte-identical to the one made on it.

Limits: a GDPR purge (``forumkit forget``) replaces purged values in the log too, so what it purged cannot
come back; a table edited by hand outside forumkit between two saves is not in the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model.charter import CHARTER_FILE, parse_charter
from ..model.charter_history import HISTORY_FILE, parse_history
from ..model.errors import DataProblem, WorkspaceError
from ..model.tables import TABLES
from ..model.undo import cutoff, reinsert_removed, save_runs
from ..model.workspace import Workspace
from .csvfile import render_csv
from .store import CHANGES_FILE, _parse_table, load_workspace

__all__ = ["CHARTER_TABLE", "Snapshot", "log_cut", "workspace_as_of"]

CHARTER_TABLE = "kommissorium"  # the change log's "table" for a change of forum.toml (row: forum.toml)


@dataclass(frozen=True)
class Snapshot:
    """The workspace as it stood on ``day``: the data, the log entries up to then and every file's bytes."""

    day: date
    workspace: Workspace
    changes: list[dict]
    files: dict[str, bytes]


def log_cut(data: bytes, day: date) -> int:
    """The byte offset where the log's entries from after ``day`` begin (the log is in the order it was saved)."""
    end, offset, cut = cutoff(day), 0, 0
    for line in data.splitlines(keepends=True):
        offset += len(line)
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        stamp = entry.get("time") if isinstance(entry, dict) else None
        if isinstance(stamp, str) and stamp < end:
            cut = offset
    return cut


def _entries(data: bytes) -> list[dict]:
    out = []
    for line in data.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("op") in ("add", "change", "remove"):
            out.append(entry)
    return out


def _undo_save(rows: list[list], run: list[dict]) -> None:
    """Undo one save of one table on ``rows`` ([key, cells] in file order): adds and changes first, then the
    removed rows go back to their places (lowest first, so each place is right when it is used)."""
    for entry in reversed(run):
        key, op = entry.get("row"), entry.get("op")
        if op == "add":
            rows[:] = [row for row in rows if row[0] != key]
        elif op == "change":
            for row in rows:
                if row[0] == key:
                    row[1][entry.get("field")] = entry.get("old") or ""
    reinsert_removed(rows, run, lambda key, cells: cells)


def workspace_as_of(root: Path | str, day: date) -> Snapshot:
    """The workspace at the end of ``day``; raises :class:`WorkspaceError` when the log cannot rebuild it."""
    root = Path(root)
    current = load_workspace(root)
    log = (root / CHANGES_FILE).read_bytes() if (root / CHANGES_FILE).exists() else b""
    cut = log_cut(log, day)
    later = _entries(log[cut:])
    charter_text = (root / CHARTER_FILE).read_bytes().decode("utf-8-sig")
    state = {name: [[row.key, row.cells()] for row in current.table(name)] for name in TABLES}
    for run in reversed(save_runs(later)):
        table = run[0].get("table")
        if table == CHARTER_TABLE:
            for entry in reversed(run):
                if entry.get("op") == "change" and isinstance(entry.get("old"), str):
                    charter_text = entry["old"]
        elif table in state:
            _undo_save(state[table], run)
    files = {CHARTER_FILE: charter_text.encode("utf-8")}
    problems: list[DataProblem] = []
    tables = {}
    for name, spec in TABLES.items():
        data = render_csv(spec.headers, ([cells.get(h, "") for h in spec.headers] for _, cells in state[name]))
        files[spec.file] = data
        rows, _, table_problems = _parse_table(spec, data)
        problems += table_problems
        tables[name] = rows
    files[CHANGES_FILE] = log[:cut]
    charter, charter_problems = parse_charter(charter_text)
    problems += charter_problems
    if charter is None or problems:
        when = f"{day.day}.{day.month}.{day.year}"
        raise WorkspaceError(
            root,
            [
                DataProblem(
                    p.file,
                    p.line,
                    p.column,
                    f"data pr. {when} kan ikke genskabes fra ændringsloggen: {p.message}",
                    p.value,
                )
                for p in problems
            ],
        )
    history = (root / HISTORY_FILE).read_bytes() if (root / HISTORY_FILE).exists() else b""
    kept = b"".join(line for line in history.splitlines(keepends=True) if _saved_by(line, cutoff(day)))
    revisions, _ = parse_history(kept)
    changes = [json.loads(line) for line in log[:cut].splitlines() if _is_object(line)]
    return Snapshot(day, Workspace(charter=charter, revisions=revisions, **tables), changes, files)


def _saved_by(line: bytes, cutoff: str) -> bool:
    try:
        saved = json.loads(line).get("gemt")
    except (ValueError, AttributeError):
        return False
    return isinstance(saved, str) and saved < cutoff


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
