"""The change log's structural check at load: remembered per version of the log, never hiding a change."""

from __future__ import annotations

import os
import time

import pytest

from forumkit.model.errors import WorkspaceError
from forumkit.storage import store as store_module
from forumkit.storage.store import CHANGES_FILE, _all_braced, load_workspace

LINE = b'{"time": "2026-01-01T10:00:00", "who": "x", "table": "initiatives", "op": "change"}\n'


def _age(path, seconds: float) -> None:
    stamp = time.time() - seconds
    os.utime(path, (stamp, stamp))


@pytest.mark.parametrize(
    "data, ok",
    [
        (LINE * 3, True),
        (LINE, True),
        (b"", False),
        (LINE + b"\n" + LINE, False),
        (LINE + b"x\n", False),
        (LINE[:-1], False),
        (b"x" + LINE, False),
        (LINE + LINE[:-2] + b"\n", False),
        (LINE + b"{}\r\n", False),
    ],
)
def test_the_structural_check_finds_every_line_that_is_not_braced(data, ok, monkeypatch):
    assert _all_braced(data) is ok
    monkeypatch.setattr(store_module, "_LOG_CHUNK", 7)  # chunk edges anywhere in a line or at a newline
    assert _all_braced(data) is ok


def test_a_clean_old_log_is_checked_once_and_a_changed_one_again(workspace, monkeypatch):
    log = workspace / CHANGES_FILE
    log.write_bytes(LINE * 5)
    _age(log, 60)
    calls = []
    real = store_module._read_changes_problems
    monkeypatch.setattr(store_module, "_read_changes_problems", lambda data: calls.append(data) or real(data))
    load_workspace(workspace)
    load_workspace(workspace)
    assert len(calls) == 1  # unchanged since it was found clean: not read again
    broken = LINE * 4 + b"{not json but the same length" + b"x" * (len(LINE) - 30) + b"\n"
    assert len(broken) == len(LINE * 5)
    log.write_bytes(broken)  # same size and inode; a later mtime
    with pytest.raises(WorkspaceError) as info:
        load_workspace(workspace)
    assert [(p.file, p.line, p.column) for p in info.value.problems] == [(CHANGES_FILE, 5, "linje")]


def test_a_log_written_just_now_is_checked_at_every_load(workspace, monkeypatch):
    log = workspace / CHANGES_FILE
    log.write_bytes(LINE * 5)
    calls = []
    real = store_module._read_changes_problems
    monkeypatch.setattr(store_module, "_read_changes_problems", lambda data: calls.append(data) or real(data))
    load_workspace(workspace)
    load_workspace(workspace)
    assert len(calls) == 2  # a coarse file-system clock could give a same-size rewrite the same mtime
    stamp = os.stat(log).st_mtime_ns
    log.write_bytes(LINE * 4 + b"x" * (len(LINE) - 1) + b"\n")
    os.utime(log, ns=(stamp, stamp))  # even a rewrite that keeps size, inode and mtime is seen
    with pytest.raises(WorkspaceError):
        load_workspace(workspace)
