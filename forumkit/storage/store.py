"""Reading and writing a workspace folder: all-or-nothing loads, locked atomic saves, the change log."""

from __future__ import annotations

import getpass
import json
import os
import re
import socket
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import TypeAdapter, ValidationError

from ..model.cells import danish, errors_of
from ..model.charter import CHARTER_FILE, load_charter
from ..model.charter_history import HISTORY_FILE, parse_history
from ..model.danish import da_number
from ..model.errors import (
    DataProblem,
    InputError,
    LockTimeoutError,
    SaveError,
    WorkspaceError,
)
from ..model.tables import TABLES, Record, TableSpec, field_by_name
from ..model.workspace import PENDING, Workspace, reference_problems
from .atomic import TEMP_SUFFIX
from .csvfile import parse_csv, render_csv, render_lines
from .journal import JOURNAL_FILE, LogAppend, commit, pending, read_through, recover
from .outside import OUTSIDE_WHAT, STATE_DIR, find_outside_changes, prepare_state_dir, state_name

__all__ = [
    "CHANGES_FILE",
    "JOURNAL_FILE",
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
OUTSIDE_PATIENCE = 1.0  # seconds an open waits for the lock to log edits made outside forumkit
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
    """The record path: one validated record per row. Loads go through :mod:`.columns`, which gives the same
    records and problems (kept as the reference the columnar load is tested against)."""
    parsed, problems = parse_csv(spec.file, data, spec.headers, spec.optional)
    if parsed is None:
        return (), [], problems
    try:
        rows = _adapter(spec).validate_python(parsed.rows, by_alias=True)
    except ValidationError as exc:
        for err in errors_of(exc):
            index, column = err["loc"][0], str(err["loc"][1]) if len(err["loc"]) > 1 else "fil"
            value = parsed.rows[index].get(column) if column in parsed.rows[index] else None
            message = danish(err, field_by_name(spec.model, column))
            problems.append(DataProblem(spec.file, parsed.lines[index], column, message, value))
        return (), parsed.lines, problems
    return tuple(rows), parsed.lines, []


def _read_changes_problems(data: bytes | None) -> tuple[list[DataProblem], list[str]]:
    """Problems in the change log: a line that is not one JSON object is an error; a torn last line (a crash
    mid-append) is a warning. The check is structural ({ … } per line) so loading stays fast; the entries
    are parsed in full by :func:`read_changes`."""
    if data and _all_braced(data):  # every line is { … }: nothing to report (the usual case)
        return [], []
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
            warnings.append(
                f"{CHANGES_FILE}:{number}:linje: sidste linje er ufuldstændig (afbrudt gemning) – "
                "den bevares og markeres ved næste gemning"
            )
        else:
            shown = line[:60].decode("utf-8", "replace")
            problems.append(
                DataProblem(CHANGES_FILE, number, "linje", f"linjen er ikke et gyldigt JSON-objekt: '{shown}'", shown)
            )
    if torn and not warnings:  # the last line is a whole object that only lacks its newline
        warnings.append(f"{CHANGES_FILE}:{total}:linje: sidste linje mangler linjeskift – den rettes ved næste gemning")
    return problems, warnings


# Change logs found clean in this process: the log's path → its stat key (mtime, size, inode) then. A load
# reads and checks the log again when its key changed. Only a log last modified RACY_NS or more before the
# check is remembered (as git does with its index): a later write, even of the same size, gets a later mtime
# than one a file system with coarse timestamps could give the checked version, so its key differs.
_CLEAN_LOGS: dict[str, tuple[int, int, int]] = {}
RACY_NS = 3_000_000_000
_LOG_CHUNK = 1 << 24  # bytes of the log looked at in one numpy pass (bounds the temporary arrays)


def _all_braced(data: bytes) -> bool:
    """Whether every line of the log is '{…}' ending in '\\n': every newline has '}' before it and, but the
    last, '{' after it (one numpy pass over the bytes, in chunks)."""
    if not (data.startswith(b"{") and data.endswith(b"}\n")):
        return False
    import numpy as np  # with pandas, on the first load (not with `import forumkit`)

    arr = np.frombuffer(data, np.uint8)
    last = len(arr) - 1
    for start in range(0, len(arr), _LOG_CHUNK):
        newlines = np.flatnonzero(arr[start : start + _LOG_CHUNK] == 10) + start
        if (arr[newlines - 1] != 125).any():  # data starts with '{': every newline has a byte before it
            return False
        following = newlines[newlines < last] + 1
        if (arr[following] != 123).any():
            return False
    return True


def _stat_key(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


_NAMES = (CHARTER_FILE, CHANGES_FILE, *(s.file for s in TABLES.values()), HISTORY_FILE)
_DATA_NAMES = _NAMES[1:]  # the charter is read by load_charter; no save changes it
_TABLE_FILES = frozenset(s.file for s in TABLES.values())
READ_PATIENCE = 10.0  # seconds a reader keeps retrying while saves go on
JOURNAL_PATIENCE = 0.05  # seconds a reader waits for a running save to finish before reading through it
MISSING_FILE = "filen mangler – kør 'forumkit init' eller gendan den fra en sikkerhedskopi"
NOT_A_FILE = "her ligger en mappe eller anden ikke-fil med filens navn – flyt den væk, så filen kan læses"
BROKEN_LINK = "filen er en genvej (symbolsk link), der peger på noget, som ikke findes – ret eller fjern genvejen"
PENDING_WARNING = (
    f"{CHANGES_FILE}: en gemning er ikke fuldført (afbrudt eller i gang) – data vises, som de "
    "bliver, når den fuldføres ved næste gemning"
)


def _keys(root: Path) -> dict[str, tuple[int, int, int] | None]:
    return {name: _stat_key(root / name) for name in _NAMES}


def _read(path: Path) -> bytes | None:
    """A data file's bytes; None when it is missing or no regular file (a folder, or a pipe a read would
    wait on for ever)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def _whole_save(root: Path, known: dict) -> tuple[dict | None, dict[str, bytes | None]]:
    """The bytes of the data files that changed since ``known`` (stat keys), all from one finished save.

    A save renames its files only while its journal exists, and every new version has a new (mtime, size,
    inode) key. So bytes read between two equal rounds of keys, with no journal in sight just before the
    second round, belong to one save: a save that renamed one file before the reads and another after them
    had its journal in place throughout. A journal that stays (a crashed save) is read through. Returns
    (keys, bytes); keys is None when the bytes come through a pending journal (they are not cached then)."""
    journal = root / JOURNAL_FILE
    deadline = time.monotonic() + READ_PATIENCE
    journal_since: float | None = None
    delay = 0.0005
    while time.monotonic() < deadline:
        garbage = journal.exists() and pending(root) is None  # never committed whole: not a save's journal
        if garbage or not journal.exists():
            journal_since = None
            first = _keys(root)
            data = {name: _read(root / name) for name in _DATA_NAMES if first[name] != known.get(name)}
            if (garbage or not journal.exists()) and _keys(root) == first:
                return first, data
        else:
            journal_since = journal_since or time.monotonic()
            if time.monotonic() - journal_since >= JOURNAL_PATIENCE:
                stamp = _stat_key(journal)
                record = pending(root)
                if record is not None:
                    touched = {entry.get("name") for entry in record["files"]} | {record.get("log", {}).get("name")}
                    first = {n: k for n, k in _keys(root).items() if n not in touched}
                    data = read_through(root, record, _DATA_NAMES)
                    if _stat_key(journal) == stamp and {n: _stat_key(root / n) for n in first} == first:
                        return None, data
        time.sleep(delay)
        delay = min(delay * 2, 0.02)
    raise WorkspaceError(
        root,
        [
            DataProblem(
                str(root),
                1,
                "mappe",
                "arbejdsområdet blev ændret hele tiden under indlæsningen – prøv igen om et øjeblik",
            )
        ],
    )


def load_workspace(root: Path | str, cache: dict | None = None) -> Workspace:
    """Load and validate every file; raise :class:`WorkspaceError` with every problem, or return it whole.

    Never writes, and never sees half a save (see :func:`_whole_save`). With a ``cache`` (a dict the caller
    keeps), a file whose stat (mtime, size, inode) is unchanged since the last clean load is not parsed again;
    a workspace whose files are all unchanged is not re-checked."""
    from ..model.frames import LazyTable  # pandas loads with the first workspace, not with `import forumkit`
    from ..model.refcheck import references_ok
    from .columns import read_table

    root = Path(root)
    if not root.is_dir():
        raise WorkspaceError(root, [DataProblem(str(root), 1, "mappe", "mappen findes ikke")])
    cache = {} if cache is None else cache
    if "keys" in cache and cache["keys"] == _keys(root):  # every file is the version of the cached load
        return cache["workspace"]
    log_path = str((root / CHANGES_FILE).absolute())
    clean_log = _CLEAN_LOGS.get(log_path)
    skip = {CHANGES_FILE: clean_log} if clean_log is not None else {}
    keys, data = _whole_save(root, {**cache.get("keys", {}), **skip})  # a clean log unchanged is not read
    through = keys is None
    known = {} if through else cache.get("keys", {})
    if through:
        keys = _keys(root)
    if "charter" in cache and keys[CHARTER_FILE] is not None and known.get(CHARTER_FILE) == keys[CHARTER_FILE]:
        charter, problems = cache["charter"], []
    else:
        charter, problems = load_charter(root / CHARTER_FILE)
    tables: dict[str, tuple[Record, ...]] = {}
    lines: dict[str, list[int]] = {}
    lazies: dict[str, LazyTable] = {}  # tables held as columns
    for spec in TABLES.values():
        if (
            spec.name in cache.get("tables", {})
            and keys[spec.file] is not None
            and known.get(spec.file) == keys[spec.file]
        ):
            tables[spec.name], lines[spec.name] = cache["tables"][spec.name], cache["lines"][spec.name]
            if spec.name in cache.get("columns", {}):
                lazies[spec.name] = cache["columns"][spec.name]
            continue
        content = data.get(spec.file)
        if content is None:  # missing: an error, but a table newer than the workspace is empty until saved
            if os.path.lexists(root / spec.file):  # a folder, a pipe or a broken link in the file's place
                broken = (root / spec.file).is_symlink() and not (root / spec.file).exists()
                problems.append(DataProblem(spec.file, 1, "fil", BROKEN_LINK if broken else NOT_A_FILE))
            elif not spec.may_be_missing:
                problems.append(DataProblem(spec.file, 1, "fil", MISSING_FILE))
            tables[spec.name], lines[spec.name] = (), []
            continue
        table, table_problems = read_table(spec, content)  # columnar; records built when needed
        problems.extend(table_problems)
        if table is None:
            tables[spec.name], lines[spec.name] = (), []
        else:
            tables[spec.name], lines[spec.name] = PENDING, table.lines
            lazies[spec.name] = LazyTable(spec.model, table.frame, table.known)
    if "log_warnings" in cache and known.get(CHANGES_FILE) == keys[CHANGES_FILE]:
        log_problems, warnings = [], list(cache["log_warnings"])
    elif not through and clean_log is not None and keys[CHANGES_FILE] == clean_log:
        log_problems, warnings = [], []  # checked clean before, and unchanged since
    else:
        log_problems, warnings = _read_changes_problems(data.get(CHANGES_FILE))
        if (
            not through
            and not log_problems
            and not warnings
            and keys[CHANGES_FILE] is not None
            and time.time_ns() - keys[CHANGES_FILE][0] >= RACY_NS
        ):
            _CLEAN_LOGS[log_path] = keys[CHANGES_FILE]
    problems.extend(log_problems)
    log_warnings = tuple(warnings)
    if "revisions" in cache and known.get(HISTORY_FILE) == keys[HISTORY_FILE]:
        revisions = cache["revisions"]
    else:
        revisions, history_problems = parse_history(data.get(HISTORY_FILE))
        problems.extend(history_problems)
    if through:
        warnings.append(PENDING_WARNING)
    failed = {spec.name for spec in TABLES.values() if spec.file in {p.file for p in problems}}
    if charter is not None:  # references are checked in the tables that did load, even when others did not
        ws = Workspace(charter=charter, warnings=tuple(warnings), columns=dict(lazies), revisions=revisions, **tables)
        if failed or not references_ok(ws):
            problems.extend(
                DataProblem(TABLES[r.table].file, lines[r.table][r.row], r.column, r.message, r.value)
                for r in reference_problems(ws, skip=failed)
            )
    if charter is None or problems:
        cache.clear()
        raise WorkspaceError(root, problems)
    if not through:
        cache.update(
            keys=keys,
            workspace=ws,
            charter=charter,
            tables=tables,
            lines=lines,
            columns=lazies,
            log_warnings=log_warnings,
            revisions=revisions,
        )
    return ws


def _remember(cache: dict, root: Path, ws: Workspace) -> None:
    """After a save, the cache holds what was written (so the next update parses nothing). A save compares
    every table's records, so they are all built by now and are cached as records."""
    tables = {name: ws.table(name) for name in TABLES}
    cache.update(
        keys=_keys(root),
        workspace=ws,
        charter=ws.charter,
        tables=tables,
        lines={name: range(2, len(rows) + 2) for name, rows in tables.items()},
        columns={},
        log_warnings=(),
        revisions=ws.revisions,
    )


def table_bytes(spec: TableSpec, rows: tuple[Record, ...], memo: dict | None = None) -> bytes:
    """The exact bytes a table is saved as. ``memo`` keeps each (immutable) row's rendered line between
    saves; it holds the row itself, so an id is never reused while its entry exists."""
    if memo is None:
        return render_csv(spec.headers, (row.texts() for row in rows))
    fresh: dict[int, tuple[Record, str]] = {}
    todo = []
    for row in rows:
        entry = memo.get(id(row))
        if entry is None or entry[0] is not row:
            todo.append(row)
        else:
            fresh[id(row)] = entry
    for row, line in zip(todo, render_lines(row.texts() for row in todo), strict=False):
        fresh[id(row)] = (row, line)
    memo.clear()
    memo.update(fresh)
    head = render_csv(spec.headers, ())
    return head + "".join([fresh[id(row)][1] for row in rows]).encode("utf-8")


def _refuse_unloadable(spec: TableSpec, old: tuple[Record, ...], new: tuple[Record, ...]) -> None:
    """The last guard before a save: the rows this save writes for the first time are rendered and read back
    by the loader's own rules; a row that would not load, or would load different, is a Danish InputError.

    Records are validated when built, so this only catches one made around the rules (model_copy)."""
    kept = {id(row) for row in old}
    fresh = [row for row in new if id(row) not in kept]
    if not fresh:
        return
    rows, _, problems = _parse_table(spec, render_csv(spec.headers, [row.texts() for row in fresh]))
    if problems:
        first = problems[0]
        raise InputError(first.column, first.value, f"kan ikke gemmes: {first.message}")
    if len(rows) != len(fresh):  # a row of blank cells is written as ';;;' and read as no row at all
        raise InputError(
            spec.headers[0],
            "",
            f"en tom række i {spec.file} kan ikke gemmes – den ville forsvinde ved næste indlæsning",
        )
    for wanted, loaded in zip(fresh, rows, strict=False):
        if wanted != loaded:
            name = next(n for n in type(wanted).model_fields if getattr(wanted, n) != getattr(loaded, n))
            header = spec.model.model_fields[name].alias or name
            raise InputError(
                header,
                getattr(wanted, name),
                f"værdien '{getattr(wanted, name)}' kan ikke gemmes, så den læses ens igen",
            )


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
        changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a is not b]
        if all(old[i].key == new[i].key for i in changed):
            for i in changed:
                before, after = old[i].cells(), new[i].cells()
                for column, value in after.items():
                    if before.get(column, "") != value:
                        yield {
                            "table": table,
                            "row": new[i].key,
                            "op": "change",
                            "field": column,
                            "old": before.get(column) or None,
                            "new": value or None,
                        }
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
                yield {
                    "table": table,
                    "row": key,
                    "op": "change",
                    "field": column,
                    "old": prev.get(column) or None,
                    "new": value or None,
                }
    places = {row.key: index for index, row in enumerate(old)}
    for key, cells in before.items():
        if key not in after and key not in kept:  # the whole row and its place, so the log can be undone
            yield {
                "table": table,
                "row": key,
                "op": "remove",
                "field": "*",
                "old": cells,
                "new": None,
                "at": places[key],
            }


Also = Callable[[Workspace, Workspace, bytes], dict[str, bytes | None]]
"""More files for one transaction: (old workspace, new workspace, the log with this save's entries) → files."""


class Store:
    """A workspace folder with its lock: load it, or change it atomically with :meth:`update`."""

    def __init__(self, root: Path | str, *, who: str | None = None, timeout: float | None = None):
        self.root = Path(root)
        # JupyterHub names the logged-in person in each user's server (OS users may all be one service user)
        self.who = who or os.environ.get("FORUMKIT_USER") or os.environ.get("JUPYTERHUB_USER") or _user()
        env_timeout = os.environ.get("FORUMKIT_LOCK_TIMEOUT")
        self.timeout = timeout if timeout is not None else float(env_timeout or DEFAULT_LOCK_TIMEOUT)
        self._cache: dict = {}
        self._verified: dict[str, tuple[int, int, int] | None] = {}  # data file → stat key matching its copy

    def load(self) -> Workspace:
        """Load the workspace; a save a crash interrupted is finished first (under the lock), and edits made
        outside forumkit since the last logged state are written into the change log."""
        if (self.root / JOURNAL_FILE).exists():
            with self.locked():
                self._recover()
        ws = load_workspace(self.root, self._cache)
        if self._unverified():
            try:  # a reader does not wait long for a busy workspace: the logging is done on a later open
                with self.locked(min(self.timeout, OUTSIDE_PATIENCE)):
                    self._recover()
                    load_workspace(self.root, self._cache)  # only a workspace that loads is compared
                    if self._record_outside():
                        ws = load_workspace(self.root, self._cache)
            except (LockTimeoutError, SaveError, OSError):
                pass  # a busy or read-only folder: shown as it is, the outside edits are logged on a later open
        return ws

    def _unverified(self) -> bool:
        """Whether a data file changed since it was last found equal to its copy (cheap: stat only)."""
        return any(_stat_key(self.root / spec.file) != self._verified.get(spec.file) for spec in TABLES.values())

    def _record_outside(self) -> bool:
        """Under the lock: log edits made outside forumkit and bring the copies up to date (one transaction).
        True when something was written."""
        keys = {spec.file: _stat_key(self.root / spec.file) for spec in TABLES.values()}
        if not prepare_state_dir(self.root):
            self._verified = keys
            return False  # no copies can be kept here (read-only): nothing to compare with, nothing written
        found = find_outside_changes(self.root)
        if found:
            stamp = datetime.now().isoformat(timespec="seconds")
            block = "".join(
                json.dumps(
                    {
                        "time": stamp,
                        "who": entry["who"],
                        "what": OUTSIDE_WHAT,
                        **{k: v for k, v in entry.items() if k != "who"},
                    },
                    ensure_ascii=False,
                )
                + "\n"
                for entry in found.entries
            ).encode("utf-8")
            log = None
            if block:
                start, current = _log_end(self.root / CHANGES_FILE)
                cut, torn, mend = _mend(current)
                log = LogAppend(CHANGES_FILE, start + cut, mend + block, expect=torn)
            try:
                commit(self.root, dict(found.copies), log)
            except OSError as exc:
                raise SaveError(self.root / STATE_DIR, exc) from exc
        self._verified = keys
        return bool(found)

    def _recover(self) -> None:
        try:
            if recover(self.root):
                self._cache.clear()
        except OSError as exc:
            self._cache.clear()
            raise SaveError(self.root / JOURNAL_FILE, exc) from exc

    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the workspace lock; a second process waits, then gets a Danish message naming the holder.

        Only in a workspace: a mistyped folder is not made, nor a lock file left in a folder of the user's."""
        if not is_workspace(self.root):
            what = (
                "mappen findes ikke"
                if not self.root.is_dir()
                else "ikke et forumkit-arbejdsområde (forum.toml mangler)"
            )
            raise WorkspaceError(self.root, [DataProblem(str(self.root), 1, "mappe", what)])
        timeout = self.timeout if timeout is None else timeout
        lock = FileLock(str(self.root / LOCK_FILE), timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            holder = _read_holder(self.root / HOLDER_FILE)
            raise LockTimeoutError(
                holder,
                (
                    f"Arbejdsområdet er optaget: {holder} gemmer stadig efter "
                    f"{da_number(timeout, len(f'{timeout:g}'.partition('.')[2]))} "
                    f"{'sekund' if timeout == 1 else 'sekunder'}. "
                    "Vent et øjeblik og prøv igen – intet er ændret."
                ),
            ) from None
        try:
            _write_holder(self.root / HOLDER_FILE, self.who)
            yield
        finally:
            (self.root / HOLDER_FILE).unlink(missing_ok=True)
            lock.release()

    def update(
        self, change: Callable[[Workspace], Workspace], *, what: str = "", also: Also | None = None
    ) -> Workspace:
        """Load under the lock, apply ``change`` (a pure function), validate, save atomically, log.

        ``also(old, new, log)`` may name more files to change in the same transaction (path relative to the
        workspace → new bytes, or None to delete); ``log`` is the change log with this save's entries, and
        returning it under :data:`CHANGES_FILE` rewrites the log whole (the GDPR purge does)."""
        with self.locked():
            self._recover()  # a save a crash interrupted is finished before anything else
            for temp in leftover_temp_files(self.root):
                temp.unlink(missing_ok=True)
            old = load_workspace(self.root, self._cache)
            if self._unverified() and self._record_outside():  # outside edits are logged as theirs first
                old = load_workspace(self.root, self._cache)
            new = change(old)
            return self._save(old, new, what, also)

    def _save(self, old: Workspace, new: Workspace, what: str, also: Also | None = None) -> Workspace:
        refs = reference_problems(new)
        if refs:
            first = refs[0]
            raise InputError(first.column, first.value, first.message)
        files: dict[str, bytes | None] = {}
        entries: list[dict] = []
        for name, spec in TABLES.items():
            rows_old, rows_new = old.table(name), new.table(name)
            if rows_old == rows_new:
                continue
            _refuse_unloadable(spec, rows_old, rows_new)  # what is saved always loads
            entries.extend(_diff(name, rows_old, rows_new))
            memo = self._cache.setdefault("rendered", {}).setdefault(name, {})
            files[spec.file] = table_bytes(spec, rows_new, memo)
        for spec in TABLES.values() if files else ():  # a table newer than the workspace: its file on a save
            if spec.may_be_missing and spec.file not in files and not (self.root / spec.file).exists():
                files[spec.file] = table_bytes(spec, new.table(spec.name))
        if files and prepare_state_dir(self.root):  # the last logged state, in the same transaction
            for file in [f for f in files if f in _TABLE_FILES]:
                files[state_name(file)] = files[file]
        if not files and also is None:
            return old
        stamp = now().isoformat(timespec="seconds")
        block = "".join(
            json.dumps({"time": stamp, "who": self.who, "what": what, **entry}, ensure_ascii=False) + "\n"
            for entry in entries
        ).encode("utf-8")
        start, current = _log_end(self.root / CHANGES_FILE, whole=also is not None)
        cut, torn, mend = _mend(current)
        offset = start + cut
        log: LogAppend | None = LogAppend(CHANGES_FILE, offset, mend + block, expect=torn) if mend + block else None
        if also is not None:
            extra = dict(also(old, new, current[:cut] + mend + block))
            if CHANGES_FILE in extra:
                log = None
            files.update(extra)
        if not files and log is None:
            return old
        try:
            commit(self.root, files, log)  # the journal makes data and log one change, across a crash
        except OSError as exc:
            self._cache.clear()  # (the rendered-row memo goes too: it is rebuilt on the next save)
            raise SaveError(self.root / next(iter(files), CHANGES_FILE), exc) from exc
        _remember(self._cache, self.root, replace(new, warnings=()))
        self._verified.update({file: _stat_key(self.root / file) for file in files if file in _TABLE_FILES})
        return new


def now() -> datetime:
    """The clock a save stamps its log entries with (tests replace it to save on given days)."""
    return datetime.now()


def _log_end(path: Path, whole: bool = False) -> tuple[int, bytes]:
    """Where the read starts and the log's bytes from there: its last line (enough to mend it), or all of it."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            start = 0 if whole else max(0, size - 65536)
            handle.seek(start)
            data = handle.read()
    except FileNotFoundError:
        return 0, b""
    if start and b"\n" not in data:  # a last line longer than the window: read it all
        return _log_end(path, whole=True)
    if start:
        cut = data.index(b"\n") + 1  # from a line start, so the window never begins mid-line
        return start + cut, data[cut:]
    return start, data


def _mend(log: bytes) -> tuple[int, bytes, bytes]:
    """How a save mends the log's last line before appending: (where to cut, the text cut off, what to put
    first). A torn line (a crash mid-append) becomes a ``torn`` entry that keeps its text; a whole object
    that only lacks its newline gets one."""
    if not log or log.endswith(b"\n"):
        return len(log), b"", b""
    cut = log.rfind(b"\n") + 1
    fragment = log[cut:]
    try:
        json.loads(fragment)
        return len(log), b"", b"\n"
    except ValueError:
        pass
    entry = {
        "time": datetime.now().isoformat(timespec="seconds"),
        "op": "torn",
        "raw": fragment.decode("utf-8", errors="replace"),
    }
    return cut, fragment, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ukendt"


def _write_holder(path: Path, who: str) -> None:
    """Who holds the lock, for the message a waiting process shows; best effort (the lock itself is the
    lock file, so a holder file that cannot be written only makes that message say 'en anden proces')."""
    info = {
        "who": who,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat("T", "seconds"),
    }
    with suppress(OSError):  # a new file of our own: a link left in its place is removed, never followed
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(info))


def _read_holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"{info['who']} på {info['host']} (proces {info['pid']}, siden {info['since'].replace('T', ' kl. ')})"
    except (OSError, ValueError, KeyError):
        return "en anden proces"


def leftover_temp_files(root: Path | str) -> list[Path]:
    """Temp files a crashed save left behind (they are never read as data)."""
    return sorted(Path(root).glob(f"*{TEMP_SUFFIX}"))
