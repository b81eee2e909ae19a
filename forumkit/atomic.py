"""Atomic file replacement: a temporary file in the same folder, written, flushed, fsynced, then renamed."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "TEMP_SUFFIX",
    "append_line_block",
    "replace_files",
    "write_atomic",
]

TEMP_SUFFIX = ".forumkit-tmp"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMP_SUFFIX}")


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temp file beside ``path`` and make it durable; remove it on any failure."""
    temp = _temp_path(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _unlink_quietly(temp)
        raise
    return temp


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_dir(folder: Path) -> None:
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
            staged[path] = _stage(path, data)
    except BaseException:
        for temp in staged.values():
            _unlink_quietly(temp)
        raise
    old = {path: (path.read_bytes() if path.exists() else None) for path in contents}
    done: list[Path] = []
    try:
        for path, temp in staged.items():
            os.replace(temp, path)
            done.append(path)
    except BaseException:
        for path, temp in staged.items():
            if path not in done:
                _unlink_quietly(temp)
        for path in done:
            if old[path] is None:
                _unlink_quietly(path)
            else:
                write_atomic(path, old[path])
        raise
    if contents:
        _sync_dir(next(iter(contents)).parent)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace one file atomically."""
    replace_files({path: data})


def append_line_block(path: Path, block: bytes) -> None:
    """Append whole lines with one write to an O_APPEND file, then fsync it."""
    if not block:
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        _write_all(fd, block)
        os.fsync(fd)
    finally:
        os.close(fd)
