"""The save journal: a save that changes several files (and appends to the change log) is written ahead.

A save stages every new file (written, flushed, fsynced), then writes the journal – the list of staged files
and the log lines to append – atomically: that rename is the commit point. Then the staged files are renamed
into place, the log lines appended, and the journal removed. A crash before the commit leaves the old files;
a crash after it is finished by :func:`recover` on the next open, so a change never lands without its log
entry, nor a log entry without its change. A failure while applying (a full disk, a file held open by another
program) rolls back through an undo journal, written the same way, so a crash during a rollback is finished too.

Readers never take the lock: :func:`read_through` gives the files as the committed journal says they will be.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import atomic
from .atomic import TEMP_SUFFIX, append_line_block, stage, sync_dir, write_atomic

__all__ = ["JOURNAL_FILE", "LogAppend", "commit", "pending", "read_through", "recover"]

JOURNAL_FILE = ".forumkit-journal.json"


@dataclass(frozen=True)
class LogAppend:
    """Lines to append to a log: the log is cut at ``offset`` and ``text`` follows. ``expect`` is what may stand
    after ``offset`` before the append (a torn last line the save mends), so a rerun can tell a half-done
    append from later saves' lines, which it never cuts."""

    name: str
    offset: int
    text: bytes
    expect: bytes = b""

    def record(self) -> dict:
        # ``expect`` is a torn line, maybe cut inside a character: kept byte for byte (base64)
        return {
            "name": self.name,
            "offset": self.offset,
            "text": self.text.decode("utf-8"),
            "expect": base64.b64encode(self.expect).decode("ascii"),
        }

    @classmethod
    def from_record(cls, rec: dict) -> LogAppend:
        return cls(
            rec["name"], int(rec["offset"]), rec["text"].encode("utf-8"), base64.b64decode(rec.get("expect", ""))
        )

    def needed(self, size: int, tail: bytes) -> bool:
        """Whether the log (``size`` bytes, ``tail`` from ``offset`` on) still needs this append: not when it is
        done, nor when later saves' lines follow (a stale journal)."""
        if size < self.offset or tail == self.text:
            return False
        return self.text.startswith(tail) or self.expect.startswith(tail)

    def result(self, current: bytes) -> bytes | None:
        """The log as this append leaves it, from the log as it is now; None when it needs nothing."""
        if not self.needed(len(current), current[self.offset :]):
            return None
        return current[: self.offset] + self.text


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inside(root: Path, name: str) -> Path:
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ValueError(f"journal names a file outside the workspace: {name}")
    return root / name


def _is_inside(root: Path, name: str) -> bool:
    try:
        _inside(root, name)
    except (ValueError, OSError):
        return False
    return True


def commit(root: Path, files: Mapping[str, bytes | None], log: LogAppend | None = None) -> None:
    """Replace ``files`` (path relative to ``root`` → new bytes, or None to delete) and append ``log``, all or
    nothing, across a crash. The caller holds the workspace lock."""
    root = Path(root)
    previous = {name: _read(_inside(root, name)) for name in files}
    record = _prepare(root, files, log)  # the commit point; a failure before it leaves every file as it was
    try:
        _apply(root, record)
    except BaseException:
        _roll_back(root, record, previous, log)
        raise
    _finish(root)


def _prepare(root: Path, files: Mapping[str, bytes | None], log: LogAppend | None) -> dict:
    staged: list[Path] = []
    entries = []
    try:
        for name, data in files.items():
            if data is None:
                entries.append({"name": name, "delete": True})
                continue
            temp = stage(_inside(root, name), data)
            staged.append(temp)
            entries.append({"name": name, "temp": temp.name, "sha256": _digest(data)})
        record = {"version": 1, "files": entries}
        if log is not None:
            record["log"] = log.record()
        write_atomic(root / JOURNAL_FILE, json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except BaseException:
        for temp in staged:
            _unlink(temp)
        raise
    return record


def _apply(root: Path, record: dict, raw: bool = False) -> None:
    """Make the files what the journal says; safe to run again after a crash (what is done is skipped)."""
    replace = os.replace if raw else atomic.steps.replace
    folders = {root}
    for entry in record["files"]:
        target = _inside(root, entry["name"])
        folders.add(target.parent)
        if entry.get("delete"):
            _unlink(target)
            continue
        temp = target.with_name(entry["temp"])
        if os.path.lexists(temp):
            replace(temp, target)
    if record.get("log"):
        op = LogAppend.from_record(record["log"])
        path = _inside(root, op.name)
        size, tail = _tail(path, op.offset)
        if op.needed(size, tail):
            if size > op.offset:
                os.truncate(path, op.offset)
            if raw:
                _append_raw(path, op.text)
            else:
                append_line_block(path, op.text)
    for folder in folders:
        sync_dir(folder)


def _roll_back(root: Path, record: dict, previous: Mapping[str, bytes | None], log: LogAppend | None) -> None:
    """Undo a half-applied journal: write an undo journal (old bytes of the files already replaced), apply it.
    Raw file operations only: a rollback does not go through the injectable steps."""
    undo = []
    leftovers = []
    for entry in record["files"]:
        target = _inside(root, entry["name"])
        temp = target.with_name(entry["temp"]) if "temp" in entry else None
        if temp is not None and os.path.lexists(temp):  # not applied yet: nothing to undo
            leftovers.append(temp)
            continue
        old = previous[entry["name"]]
        if old is None:
            undo.append({"name": entry["name"], "delete": True})
            continue
        undo_temp = target.with_name(f".{target.name}.{os.getpid()}.undo{TEMP_SUFFIX}")
        try:
            _write_raw(undo_temp, old)
        except OSError:
            return  # the redo journal stays: the next open finishes the save instead
        undo.append({"name": entry["name"], "temp": undo_temp.name, "sha256": _digest(old)})
    undo_record: dict = {"version": 1, "files": undo, "undo": True}
    if log is not None:
        undo_record["log"] = LogAppend(log.name, log.offset, log.expect, expect=log.text).record()
    try:
        journal = root / JOURNAL_FILE
        temp = journal.with_name(f".{journal.name}.{os.getpid()}.undo{TEMP_SUFFIX}")
        _write_raw(temp, json.dumps(undo_record, ensure_ascii=False).encode("utf-8"))
        os.replace(temp, journal)
        sync_dir(root)
    except OSError:
        return
    for temp in leftovers:
        _unlink(temp)
    try:
        _apply(root, undo_record, raw=True)
    except OSError:
        return  # the undo journal stays: the next open finishes the rollback
    _finish(root)


def _finish(root: Path) -> None:
    _unlink(root / JOURNAL_FILE)


def pending(root: Path) -> dict | None:
    """The committed journal of a save not yet finished (a crash, or a save running now), or None."""
    data = _read(Path(root) / JOURNAL_FILE)
    if data is None:
        return None
    try:
        record = json.loads(data)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("files"), list):
        return None
    if not all(
        isinstance(e, dict) and isinstance(e.get("name"), str) and (e.get("delete") or isinstance(e.get("temp"), str))
        for e in record["files"]
    ):
        return None
    names = [e["name"] for e in record["files"]] + (
        [record["log"].get("name")] if isinstance(record.get("log"), dict) else []
    )
    if not all(isinstance(n, str) and _is_inside(Path(root), n) for n in names):
        return None  # forumkit never names a file outside the workspace: not a save's journal
    log = record.get("log")
    if log is not None:
        try:
            LogAppend.from_record(log)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None
    return record


def recover(root: Path) -> bool:
    """Finish a save a crash interrupted (under the lock). True when there was one."""
    root = Path(root)
    record = pending(root)
    if record is None:
        if (root / JOURNAL_FILE).exists():  # unreadable: it was never committed whole
            _finish(root)
        return False
    _apply(root, record)
    _finish(root)
    return True


def read_through(root: Path, record: dict, names: Iterable[str]) -> dict[str, bytes | None]:
    """The bytes of ``names`` as the pending journal will leave them – without writing anything."""
    root = Path(root)
    by_name = {entry["name"]: entry for entry in record.get("files", [])}
    log = LogAppend.from_record(record["log"]) if record.get("log") else None
    out: dict[str, bytes | None] = {}
    for name in names:
        target = root / name
        entry = by_name.get(name)
        data = None
        if entry is not None and entry.get("delete"):
            out[name] = None
            continue
        if entry is not None:
            data = _read(target.with_name(entry["temp"]))  # staged, not renamed yet
        if data is None:
            data = _read(target)  # renamed already (or a stale journal: the file is newer)
        if log is not None and log.name == name:
            done = log.result(data or b"")
            data = data if done is None else done
        out[name] = data
    return out


def _tail(path: Path, offset: int) -> tuple[int, bytes]:
    """A file's size and its bytes from ``offset`` on (0 and b"" when it is missing)."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(min(offset, size))
            return size, handle.read()
    except FileNotFoundError:
        return 0, b""


def _read(path: Path) -> bytes | None:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would block the read for ever: no journal
            return None
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _write_raw(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _append_raw(path: Path, data: bytes) -> None:
    if not data:
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
