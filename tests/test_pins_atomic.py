"""Atomic replacement pinned step by step: the order of write, flush, fsync and rename, the temp file's name (one
per process, beside the target), what a failure at each point leaves, and appends cut back on failure (found by
mutation testing, docs/mutation.md). The storage layer is being rewritten: these test the public functions."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from forumkit.storage import atomic
from forumkit.storage.atomic import TEMP_SUFFIX, append_line_block, replace_files, restore, write_atomic
from tests.faults import failing


@pytest.fixture
def calls(monkeypatch):
    """Record every step (with the file it concerns) while still doing it."""
    seen: list[tuple[str, str]] = []
    real = {name: getattr(atomic.steps, name) for name in ("write", "flush", "fsync", "replace")}

    def spy(name):
        def step(*args):
            first = args[0]
            seen.append((name, Path(first).name if isinstance(first, (str, Path)) else "handle"))
            return real[name](*args)

        return step

    for name in real:
        monkeypatch.setattr(atomic.steps, name, spy(name))
    return seen


def temp_name(path: Path) -> str:
    return f".{path.name}.{os.getpid()}{TEMP_SUFFIX}"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


def test_the_temp_file_suffix():
    assert TEMP_SUFFIX == ".forumkit-tmp"


def test_every_file_is_staged_durably_before_any_is_renamed(tmp_path, calls):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(b"old a")
    replace_files({a: b"new a", b: b"new b"})
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"new b")
    assert [name for name, _ in calls] == ["write", "flush", "fsync", "write", "flush", "fsync", "replace", "replace"]
    assert [where for name, where in calls if name == "replace"] == [temp_name(a), temp_name(b)]
    assert leftovers(tmp_path) == []


def test_the_temp_file_is_beside_the_target_and_named_by_the_process(tmp_path, monkeypatch):
    seen = []
    real = atomic.steps.replace
    monkeypatch.setattr(
        atomic.steps, "replace", lambda src, dst: (seen.append((Path(src), Path(dst))), real(src, dst))[1]
    )
    target = tmp_path / "sub" / "x.csv"
    target.parent.mkdir()
    write_atomic(target, b"data")
    assert seen == [(tmp_path / "sub" / f".x.csv.{os.getpid()}.forumkit-tmp", target)]


def test_two_processes_never_share_a_temp_file_name(tmp_path):
    # Another process stages the same target at the same time: its temp file has its own name, so neither
    # overwrites the other's half-written bytes.
    target = tmp_path / "x.csv"
    code = (
        "import os, sys; from pathlib import Path; from forumkit.storage import atomic;"
        "atomic.steps.replace = lambda s, d: print(Path(s).name);"
        "atomic.write_atomic(Path(sys.argv[1]), b'other')"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, env=env, timeout=60, check=True
    ).stdout.strip()
    assert out.startswith(".x.csv.") and out.endswith(TEMP_SUFFIX)
    assert out != temp_name(target)
    (tmp_path / out).unlink()


@pytest.mark.parametrize("step", ["write", "flush", "fsync"])
def test_a_failure_while_staging_leaves_every_file_as_it_was(tmp_path, step):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(b"old a")
    with failing(step, "once", after=1), pytest.raises(OSError):  # the second file fails
        replace_files({a: b"new a", b: b"new b"})
    assert a.read_bytes() == b"old a" and not b.exists()
    assert leftovers(tmp_path) == []


def test_a_failed_rename_puts_back_what_was_already_renamed(tmp_path):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    with failing("replace", "once", after=2), pytest.raises(OSError):  # a and b renamed, c fails
        replace_files({a: b"new a", b: b"new b", c: b"new c"})
    assert (a.read_bytes(), b.read_bytes(), c.exists()) == (b"old a", b"old b", False)
    assert leftovers(tmp_path) == []


def test_a_new_file_renamed_before_the_failure_is_removed_again(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    b.write_bytes(b"old b")
    with failing("replace", "once", after=1), pytest.raises(OSError):
        replace_files({a: b"new a", b: b"new b"})
    assert not a.exists() and b.read_bytes() == b"old b"
    assert leftovers(tmp_path) == []


def test_nothing_to_replace_does_nothing(tmp_path, calls):
    replace_files({})
    assert calls == [] and list(tmp_path.iterdir()) == []


def test_restore_writes_old_bytes_and_removes_files_that_were_new(tmp_path):
    kept, new = tmp_path / "kept.csv", tmp_path / "new.csv"
    kept.write_bytes(b"changed")
    new.write_bytes(b"made by the save")
    restore({kept: b"original", new: None}, [kept, new])
    assert kept.read_bytes() == b"original" and not new.exists()
    assert leftovers(tmp_path) == []


def test_restore_only_touches_the_paths_it_is_given(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(b"new a")
    b.write_bytes(b"new b")
    restore({a: b"old a", b: b"old b"}, [b])
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"old b")


def test_restore_that_cannot_write_leaves_no_temp_file(tmp_path):
    folder = tmp_path / "gone"
    restore({folder / "x.csv": b"old"}, [folder / "x.csv"])  # the folder does not exist: best effort, no raise
    assert not folder.exists()


# --- appending whole lines --------------------------------------------------------------------------------


def test_append_creates_the_file_readable_by_others_and_appends(tmp_path):
    log = tmp_path / "changes.jsonl"
    old = os.umask(0o022)
    try:
        append_line_block(log, b"one\n")
    finally:
        os.umask(old)
    append_line_block(log, b"two\nthree\n")
    assert log.read_bytes() == b"one\ntwo\nthree\n"
    assert stat.S_IMODE(log.stat().st_mode) == 0o644


def test_an_empty_block_does_not_even_create_the_file(tmp_path, calls):
    append_line_block(tmp_path / "changes.jsonl", b"")
    assert not (tmp_path / "changes.jsonl").exists() and calls == []


def test_append_writes_flushes_and_fsyncs_once(tmp_path, calls):
    append_line_block(tmp_path / "changes.jsonl", b"x\n")
    assert [name for name, _ in calls] == ["write", "flush", "fsync"]


@pytest.mark.parametrize("step", ["write", "flush", "fsync"])
def test_a_failed_append_is_cut_back_to_the_old_size(tmp_path, step):
    log = tmp_path / "changes.jsonl"
    log.write_bytes(b"kept\n")
    real_write = atomic.steps.write

    def half(handle, data):  # part of the block reaches the file before the failure
        real_write(handle, data[:3])
        handle.flush()
        if step == "write":
            raise OSError(28, "Ingen plads tilbage på enheden")
        return real_write(handle, data[3:])

    atomic.steps.write = half
    try:
        with failing(step, "once") if step != "write" else _nothing(), pytest.raises(OSError):
            append_line_block(log, b"lost line\n")
    finally:
        atomic.steps.write = real_write
    assert log.read_bytes() == b"kept\n"


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_restore_over_a_folder_leaves_no_temp_file(tmp_path):
    folder = tmp_path / "x.csv"  # something made a folder where the file was: the rename fails
    folder.mkdir()
    (folder / "inside").write_bytes(b"")
    restore({folder: b"old"}, [folder])
    assert folder.is_dir() and leftovers(tmp_path) == []


# --- durability: what only a power cut would show, pinned by watching the calls ------------------------------


@pytest.fixture
def opened(monkeypatch):
    """Every descriptor os.open returns, and every os.fsync with what the descriptor held at that moment."""
    seen: dict[str, list] = {"open": [], "fsync": []}
    real_open, real_fsync = os.open, os.fsync

    def spy_open(path, *args, **kwargs):
        fd = real_open(path, *args, **kwargs)
        seen["open"].append((Path(path), fd))
        return fd

    def spy_fsync(fd):
        info = os.fstat(fd)
        seen["fsync"].append((stat.S_ISDIR(info.st_mode), info.st_size))
        return real_fsync(fd)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    return seen


def closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def test_the_folder_is_fsynced_after_the_renames_and_closed(tmp_path, opened):
    replace_files({tmp_path / "a.csv": b"a", tmp_path / "b.csv": b"b"})
    assert opened["fsync"] == [(True, os.stat(tmp_path).st_size)]  # the folder, once (files go via steps)
    [(_folder, fd)] = [(p, fd) for p, fd in opened["open"] if p == tmp_path]
    assert closed(fd)


def test_restore_makes_the_old_bytes_durable_before_the_rename(tmp_path, opened):
    path = tmp_path / "a.csv"
    path.write_bytes(b"new")
    restore({path: b"the old bytes"}, [path])
    assert opened["fsync"] == [(False, len(b"the old bytes"))]  # flushed before the fsync
    assert path.read_bytes() == b"the old bytes"


def test_an_append_closes_its_descriptor(tmp_path, opened):
    log = tmp_path / "changes.jsonl"
    append_line_block(log, b"x\n")
    [(path, fd)] = opened["open"]
    assert path == log and closed(fd)


def test_a_new_version_is_always_later_than_the_old_one(tmp_path):
    """(mtime, size, inode) must name one version: a file whose old mtime lies ahead of the clock (a coarse or
    skewed clock, a copy from another machine) still gets a later mtime, exactly one nanosecond later."""
    import time

    target = tmp_path / "members.csv"
    target.write_bytes(b"old")
    ahead = time.time_ns() + 3_600 * 10**9  # an hour ahead of the clock
    os.utime(target, ns=(ahead, ahead))
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mtime_ns == ahead + 1


def test_a_first_version_gets_the_time_of_writing(tmp_path):
    import time

    before = time.time_ns()
    write_atomic(tmp_path / "new.csv", b"x")
    assert before - 10**9 <= (tmp_path / "new.csv").stat().st_mtime_ns <= time.time_ns() + 10**9
