"""Reading and writing a workspace folder: all-or-nothing loads, locked atomic saves, the change log."""

from __future__ import annotations

import getpass
import json
import os
import re
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import TypeAdapter, ValidationError

from ..model.cells import danish
from ..model.charter import CHARTER_FILE, load_charter
from ..model.errors import (
    DataProblem,
    InputError,
    LockTimeoutError,
    SaveError,
    WorkspaceError,
)
from ..model.tables import TABLES, Record, TableSpec, field_by_name
from ..model.workspace import Workspace, reference_problems
from .atomic import TEMP_SUFFIX, append_line_block, replace_files, restore
from .csvfile import parse_csv, render_csv

__all__ = [
    "CHANGES_FILE",
    "LOCK_FILE",
    "Store",
    "is_workspace",
    "load_workspace",
    "read_changes",
    "table_bytes",
]

CHANGES_FILE = "changes.jsonl"
LOCK_FILE = ".forumkit.lock"
HOLDER_FILE = ".forumkit.lock.holder"
DEFAULT_LOCK_TIMEOUT = 10.0
_BAD_LOG_LINE = re.compile(rb"^(?!\{[^\n]*\}\r?$)[^\n]+$", re.M)  # a non-empty line that is not { … }

_ADAPTERS: dict[str, TypeAdapter] = {}


def _adapter(spec: TableSpec) -> TypeAdapter:
    if spec.name not in _ADAPTERS:
        _ADAPTERS[spec.name] = TypeAdapter(list[spec.model])
    return _ADAPTERS[spec.name]


def is_workspace(root: Path) -> bool:
    """A folder is a workspace when it holds a charter."""
    return (Path(root) / CHARTER_FILE).is_file()


def _parse_table(spec: TableSpec, data: bytes) -> tuple[tuple[Record, ...], list[int], list[DataProblem]]:
    parsed, problems = parse_csv(spec.file, data, spec.headers, spec.optional)
    if parsed is None:
        return (), [], problems
    try:
        rows = _adapter(spec).validate_python(parsed.rows, by_alias=True)
    except ValidationError as exc:
        for err in exc.errors():
            index, column = err["loc"][0], str(err["loc"][1]) if len(err["loc"]) > 1 else "fil"
            value = parsed.rows[index].get(column) if column in parsed.rows[index] else None
            message = danish(err, field_by_name(spec.model, column))
            problems.append(DataProblem(spec.file, parsed.lines[index], column, message, value))
        return (), parsed.lines, problems
    return tuple(rows), parsed.lines, []


def _read_changes_problems(path: Path) -> tuple[list[DataProblem], list[str]]:
    """Problems in the change log: a line that is not one JSON object is an error; a torn last line (a crash
    mid-append) is a warning. The check is structural ({ … } per line) so loading stays fast; the entries
    are parsed in full by :func:`read_changes`."""
    if not path.exists():
        return [], []
    data = path.read_bytes()
    if not data:
        return [], []
    problems: list[DataProblem] = []
    warnings: list[str] = []
    torn = not data.endswith(b"\n")
    body = data if not torn else data + b"\n"
    total = body.count(b"\n")
    for match in _BAD_LOG_LINE.finditer(body):
        number = body.count(b"\n", 0, match.start()) + 1
        line = match.group().rstrip(b"\r")
        if number == total and torn:
            warnings.append(f"{CHANGES_FILE}:{number}:linje: sidste linje er ufuldstændig (afbrudt gemning) – "
                            "den bevares og markeres ved næste gemning")
            continue
        shown = line[:60].decode("utf-8", "replace")
        problems.append(DataProblem(CHANGES_FILE, number, "linje",
                                    f"linjen er ikke et gyldigt JSON-objekt: '{shown}'", shown))
    if torn and not warnings:  # the last line is a whole object that only lacks its newline
        warnings.append(f"{CHANGES_FILE}:{total}:linje: sidste linje mangler linjeskift – "
                        "den rettes ved næste gemning")
    return problems, warnings


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def load_workspace(root: Path | str, cache: dict | None = None) -> Workspace:
    """Load and validate every file; raise :class:`WorkspaceError` with every problem, or return it whole.

    With a ``cache`` (a dict the caller keeps), a file whose stat (mtime, size, inode) is unchanged since the
    last clean load is not parsed again; a workspace whose files are all unchanged is not re-checked."""
    root = Path(root)
    if not root.is_dir():
        raise WorkspaceError(root, [DataProblem(str(root), 1, "mappe", "mappen findes ikke")])
    cache = {} if cache is None else cache
    keys = {name: _stat_key(root / name) for name in (CHARTER_FILE, CHANGES_FILE, *(s.file for s in TABLES.values()))}
    if cache.get("keys") == keys:
        return cache["workspace"]
    known = cache.get("keys", {})
    if "charter" in cache and keys[CHARTER_FILE] is not None and known.get(CHARTER_FILE) == keys[CHARTER_FILE]:
        charter, problems = cache["charter"], []
    else:
        charter, problems = load_charter(root / CHARTER_FILE)
    tables: dict[str, tuple[Record, ...]] = {}
    lines: dict[str, list[int]] = {}
    for spec in TABLES.values():
        path = root / spec.file
        if keys[spec.file] is None or not path.is_file():
            problems.append(DataProblem(spec.file, 1, "fil",
                                        "filen mangler – kør 'forumkit init' eller gendan den fra en sikkerhedskopi"))
            continue
        if spec.name in cache.get("tables", {}) and known.get(spec.file) == keys[spec.file]:
            tables[spec.name], lines[spec.name] = cache["tables"][spec.name], cache["lines"][spec.name]
            continue
        rows, row_lines, table_problems = _parse_table(spec, path.read_bytes())
        problems.extend(table_problems)
        tables[spec.name], lines[spec.name] = rows, row_lines
    log_problems, warnings = _read_changes_problems(root / CHANGES_FILE)
    problems.extend(log_problems)
    failed = {spec.name for spec in TABLES.values() if spec.file in {p.file for p in problems}}
    if charter is not None:  # references are checked in the tables that did load, even when others did not
        ws = Workspace(charter=charter, warnings=tuple(warnings), **tables)
        problems.extend(DataProblem(TABLES[r.table].file, lines[r.table][r.row], r.column, r.message, r.value)
                        for r in reference_problems(ws, skip=failed))
    if charter is None or problems:
        cache.clear()
        raise WorkspaceError(root, problems)
    cache.update(keys=keys, workspace=ws, charter=charter, tables=tables, lines=lines)
    return ws


def _remember(cache: dict, root: Path, ws: Workspace) -> None:
    """After a save, the cache holds what was written (so the next update parses nothing)."""
    keys = {name: _stat_key(root / name) for name in (CHARTER_FILE, CHANGES_FILE, *(s.file for s in TABLES.values()))}
    tables = {name: ws.table(name) for name in TABLES}
    lines = {name: list(range(2, len(rows) + 2)) for name, rows in tables.items()}
    cache.update(keys=keys, workspace=ws, charter=ws.charter, tables=tables, lines=lines)


def table_bytes(spec: TableSpec, rows: tuple[Record, ...], memo: dict | None = None) -> bytes:
    """The exact bytes a table is saved as. ``memo`` keeps each (immutable) row's cell texts between saves;
    it holds the row itself, so an id is never reused while its entry exists."""
    if memo is None:
        return render_csv(spec.headers, (row.texts() for row in rows))
    texts = []
    fresh: dict[int, tuple[Record, list[str]]] = {}
    for row in rows:
        entry = memo.get(id(row))
        if entry is None or entry[0] is not row:
            entry = (row, row.texts())
        fresh[id(row)] = entry
        texts.append(entry[1])
    memo.clear()
    memo.update(fresh)
    return render_csv(spec.headers, texts)


def read_changes(root: Path | str) -> list[dict]:
    """Every complete entry of the change log, oldest first (a torn last line is skipped)."""
    path = Path(root) / CHANGES_FILE
    if not path.exists():
        return []
    out = []
    for raw in path.read_bytes().split(b"\n"):
        if raw.strip():
            try:
                out.append(json.loads(raw))
            except ValueError:
                continue
    return out


def _diff(table: str, old: tuple[Record, ...], new: tuple[Record, ...]) -> Iterator[dict]:
    if len(old) == len(new):  # the usual edit: rows keep their places, untouched rows are the same objects
        changed = [i for i, (a, b) in enumerate(zip(old, new)) if a is not b]
        if all(old[i].key == new[i].key for i in changed):
            for i in changed:
                before, after = old[i].cells(), new[i].cells()
                for column, value in after.items():
                    if before.get(column, "") != value:
                        yield {"table": table, "row": new[i].key, "op": "change", "field": column,
                               "old": before.get(column) or None, "new": value or None}
            return
    same = {id(row) for row in old} & {id(row) for row in new}  # untouched rows are the very same objects
    before = {row.key: row.cells() for row in old if id(row) not in same}
    after = {row.key: row.cells() for row in new if id(row) not in same}
    kept = {row.key for row in new if id(row) in same}
    for key, cells in after.items():
        prev = before.get(key)
        if prev is None:
            for column, value in cells.items():
                if value:
                    yield {"table": table, "row": key, "op": "add", "field": column, "old": None, "new": value}
            continue
        for column, value in cells.items():
            if prev.get(column, "") != value:
                yield {"table": table, "row": key, "op": "change", "field": column,
                       "old": prev.get(column) or None, "new": value or None}
    for key, cells in before.items():
        if key not in after and key not in kept:
            yield {"table": table, "row": key, "op": "remove", "field": "*", "old": None, "new": None}


class Store:
    """A workspace folder with its lock: load it, or change it atomically with :meth:`update`."""

    def __init__(self, root: Path | str, *, who: str | None = None, timeout: float | None = None):
        self.root = Path(root)
        self.who = who or os.environ.get("FORUMKIT_USER") or _user()
        env_timeout = os.environ.get("FORUMKIT_LOCK_TIMEOUT")
        self.timeout = timeout if timeout is not None else float(env_timeout or DEFAULT_LOCK_TIMEOUT)
        self._cache: dict = {}

    def load(self) -> Workspace:
        return load_workspace(self.root, self._cache)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the workspace lock; a second process waits, then gets a Danish message naming the holder."""
        lock = FileLock(str(self.root / LOCK_FILE), timeout=self.timeout)
        try:
            lock.acquire()
        except Timeout:
            holder = _read_holder(self.root / HOLDER_FILE)
            raise LockTimeoutError(holder, (
                f"Arbejdsområdet er optaget: {holder} gemmer stadig efter {self.timeout:g} sekunder. "
                "Vent et øjeblik og prøv igen – intet er ændret.")) from None
        try:
            (self.root / HOLDER_FILE).write_text(json.dumps({
                "who": self.who, "host": socket.gethostname(), "pid": os.getpid(),
                "since": datetime.now().isoformat(timespec="seconds"),
            }), encoding="utf-8")
            yield
        finally:
            (self.root / HOLDER_FILE).unlink(missing_ok=True)
            lock.release()

    def update(self, change: Callable[[Workspace], Workspace], *, what: str = "") -> Workspace:
        """Load under the lock, apply ``change`` (a pure function), validate, save atomically, log."""
        with self.locked():
            for temp in leftover_temp_files(self.root):
                temp.unlink(missing_ok=True)
            old = load_workspace(self.root, self._cache)
            new = change(old)
            return self._save(old, new, what)

    def _save(self, old: Workspace, new: Workspace, what: str) -> Workspace:
        refs = reference_problems(new)
        if refs:
            first = refs[0]
            raise InputError(first.column, first.value, first.message)
        contents: dict[Path, bytes] = {}
        entries: list[dict] = []
        for name, spec in TABLES.items():
            rows_old, rows_new = old.table(name), new.table(name)
            if rows_old == rows_new:
                continue
            entries.extend(_diff(name, rows_old, rows_new))
            memo = self._cache.setdefault("rendered", {}).setdefault(name, {})
            contents[self.root / spec.file] = table_bytes(spec, rows_new, memo)
        if not contents:
            return old
        previous = {path: (path.read_bytes() if path.exists() else None) for path in contents}
        try:
            replace_files(contents)
        except OSError as exc:
            self._cache.clear()  # (the rendered-row memo goes too: it is rebuilt on the next save)
            raise SaveError(next(iter(contents)), exc) from exc
        stamp = datetime.now().isoformat(timespec="seconds")
        block = "".join(
            json.dumps({"time": stamp, "who": self.who, "what": what, **entry}, ensure_ascii=False) + "\n"
            for entry in entries
        ).encode("utf-8")
        log = self.root / CHANGES_FILE
        try:
            _mend_torn_log(log)
            append_line_block(log, block)
        except OSError as exc:
            restore(previous, list(previous))  # no change without its log entry: put the data back
            self._cache.clear()
            raise SaveError(log, exc) from exc
        _remember(self._cache, self.root, replace(new, warnings=()))
        return new


def _mend_torn_log(path: Path) -> None:
    """Replace a torn last line (a crash mid-append) by an entry that keeps its text, so nothing is dropped."""
    if not path.exists() or not path.stat().st_size:
        return
    data = path.read_bytes()
    if data.endswith(b"\n"):
        return
    cut = data.rfind(b"\n") + 1
    fragment = data[cut:].decode("utf-8", errors="replace")
    try:
        json.loads(fragment)
        append_line_block(path, b"\n")
        return
    except ValueError:
        pass
    os.truncate(path, cut)
    entry = {"time": datetime.now().isoformat(timespec="seconds"), "op": "torn", "raw": fragment}
    append_line_block(path, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukendt"


def _read_holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"{info['who']} på {info['host']} (proces {info['pid']}, siden {info['since'].replace('T', ' kl. ')})"
    except (OSError, ValueError, KeyError):
        return "en anden proces"


def leftover_temp_files(root: Path | str) -> list[Path]:
    """Temp files a crashed save left behind (they are never read as data)."""
    return sorted(Path(root).glob(f"*{TEMP_SUFFIX}"))
