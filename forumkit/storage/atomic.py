"""Atomic file replacement: a temporary file in the same folder, written, flushed, fsynced, then renamed.

The four steps go through :data:`steps`, so tests can fail each one in turn (as SQLite's I/O-error tests do).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace

__all__ = ["TEMP_SUFFIX", "append_line_block", "replace_files", "restore", "stage", "steps", "sync_dir", "write_atomic"]

TEMP_SUFFIX = ".forumkit-tmp"

steps = SimpleNamespace(
    write=lambda handle, data: handle.write(data),
    flush=lambda handle: handle.flush(),
    fsync=os.fsync,
    replace=os.replace,
)


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def _fresh_mtime(temp: Path, path: Path) -> None:
    """Give the new version a modification time later than the old one's, to the nanosecond, so that
    (mtime, size, inode) names one version of a file even when the clock is coarse and an inode is reused:
    readers and the load cache rely on it."""
    try:
        old = path.stat().st_mtime_ns
    except OSError:
        old = 0
    stamp = max(time.time_ns(), old + 1)
    with contextlib.suppress(OSError):
        os.utime(temp, ns=(stamp, stamp))


def stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temp file beside ``path`` and make it durable; remove it on any failure."""
    temp = _temp_path(path)
    try:
        with open(temp, "wb") as handle:
            steps.write(handle, data)
            steps.flush(handle)
            _fresh_mtime(temp, path)
            steps.fsync(handle.fileno())
    except BaseException:
        _unlink_quietly(temp)
        raise
    return temp


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_files(contents: Mapping[Path, bytes]) -> None:
    """Replace several files so that each ends as it was or as intended.

    Every temp file is staged before any is renamed; if a rename fails, the files already replaced
    are put back to their old bytes, so a failed save leaves the old set of files.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in contents.items():
            staged[path] = stage(path, data)
    except BaseException:
        for temp in staged.values():
            _unlink_quietly(temp)
        raise
    old = {path: (path.read_bytes() if path.exists() else None) for path in contents}
    done: list[Path] = []
    try:
        for path, temp in staged.items():
            steps.replace(temp, path)
            done.append(path)
    except BaseException:
        for path, temp in staged.items():
            if path not in done:
                _unlink_quietly(temp)
        restore(old, done)
        raise
    if contents:
        sync_dir(next(iter(contents)).parent)


def restore(old: Mapping[Path, bytes | None], paths) -> None:
    """Put files back to their old bytes (best effort: a file we cannot restore keeps its new bytes)."""
    for path in paths:
        try:
            if old[path] is None:
                _unlink_quietly(path)
            else:
                temp = _temp_path(path)
                with open(temp, "wb") as handle:
                    handle.write(old[path])
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temp, path)
        except OSError:
            _unlink_quietly(_temp_path(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace one file atomically."""
    replace_files({path: data})


def append_line_block(path: Path, block: bytes) -> None:
    """Append whole lines with one write to an O_APPEND file, then fsync; on failure cut back what was added."""
    if not block:
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    size = os.fstat(fd).st_size
    try:
        with os.fdopen(fd, "ab", closefd=True) as handle:
            steps.write(handle, block)
            steps.flush(handle)
            steps.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.truncate(path, size)
        raise
