"""The store's read side pinned (found by mutation testing, docs/mutation.md): the reader's retry loop and its
timing, reading through a running save's journal, the clean-log memo, the load cache, what a save leaves in
the cache, and how Store.load finishes a pending save and logs outside edits only for a workspace that loads.

Time is faked where it matters: ``forumkit.storage.store.time`` is replaced by a clock that moves only when
the reader sleeps, so the tests neither sleep nor depend on the wall clock."""

from __future__ import annotations

import dataclasses
import itertools
import os
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import forumkit.storage.store as store_mod
from forumkit.model.charter_history import HISTORY_FILE, history_line
from forumkit.model.errors import DataProblem, SaveError, WorkspaceError
from forumkit.model.tables import TABLES, edit
from forumkit.storage.journal import JOURNAL_FILE
from forumkit.storage.outside import state_name
from forumkit.storage.store import (
    CHANGES_FILE,
    PENDING_WARNING,
    Store,
    load_workspace,
    read_changes,
)
from tests.faults import pending_save

RACY = 3_000_000_000  # the memo's racy window, written out (a mutated RACY_NS must not move the test with it)
CHANGING = "arbejdsområdet blev ændret hele tiden under indlæsningen – prøv igen om et øjeblik"


@pytest.fixture(autouse=True)
def _own_clean_logs(monkeypatch):
    """Each test starts with no change log remembered as clean (the memo is per process)."""
    monkeypatch.setattr(store_mod, "_CLEAN_LOGS", {})


class FakeClock:
    """Stands in for the ``time`` module in store.py: monotonic time moves only when the reader sleeps, by a
    fixed step per sleep; every requested delay is recorded."""

    def __init__(self, start: float, step: float, time_ns=time.time_ns):
        self.now = start
        self.step = step
        self.sleeps: list[float] = []
        self.time_ns = time_ns

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += self.step


def fake_clock(monkeypatch, start: float, step: float) -> FakeClock:
    clock = FakeClock(start, step)
    monkeypatch.setattr(store_mod, "time", clock)
    return clock


def fake_now_ns(monkeypatch, value: int) -> None:
    """The wall clock the clean-log memo looks at, fixed at ``value`` (monotonic time and sleep stay real)."""
    monkeypatch.setattr(
        store_mod, "time", SimpleNamespace(monotonic=time.monotonic, sleep=time.sleep, time_ns=lambda: value)
    )


def spy_reads(monkeypatch) -> list[str]:
    """The names of the data files the loader reads from now on."""
    names: list[str] = []
    real = store_mod._read

    def spying(path: Path):
        names.append(path.name)
        return real(path)

    monkeypatch.setattr(store_mod, "_read", spying)
    return names


def bump(path: Path, by_ns: int = 1_000_000_000) -> None:
    """Give a file a new stat key (a later mtime) without changing its bytes."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + by_ns))


def rewrite(path: Path, old: str, new: str) -> None:
    """Change a file as an editor outside forumkit would (new bytes, new inode)."""
    data = path.read_bytes()
    assert old.encode("utf-8") in data
    temp = path.with_name(path.name + ".tmp-test")
    temp.write_bytes(data.replace(old.encode("utf-8"), new.encode("utf-8")))
    os.replace(temp, path)


def set_action_text(text: str):
    return lambda ws: ws.with_table("actions", [edit(a, text=text) if a.id == "H-001" else a for a in ws.actions])


# --- the reader's retry loop --------------------------------------------------------------------------------


def keys_changing(monkeypatch, settle_after: int | None = None) -> None:
    """Every look at the files' stat keys sees a new save (or only the first ``settle_after`` looks do)."""
    real = store_mod._keys
    calls = itertools.count()

    def changing(root):
        n = next(calls)
        assert n < 200, "the reader never stops retrying"
        tick = n if settle_after is None else min(n, settle_after)
        return {**real(root), "a save's tick": tick}

    monkeypatch.setattr(store_mod, "_keys", changing)


def test_a_workspace_that_changes_all_the_time_is_retried_for_ten_seconds_with_doubling_delays(workspace, monkeypatch):
    """The reader sleeps 0.5 ms, doubling to at most 20 ms, until 10 s have passed (20 steps of 0.5 s)."""
    clock = fake_clock(monkeypatch, start=100.0, step=0.5)
    keys_changing(monkeypatch)
    with pytest.raises(WorkspaceError) as info:
        load_workspace(workspace)
    assert clock.sleeps == [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016] + [0.02] * 14
    assert clock.now == 110.0
    assert info.value.problems == [DataProblem(str(workspace), 1, "mappe", CHANGING)]


def test_a_save_seen_once_is_waited_out_and_the_second_look_loads(workspace, monkeypatch):
    """Keys that differ between the two looks of a round mean a save ran: one short sleep, then a clean round."""
    clock = fake_clock(monkeypatch, start=100.0, step=0.5)
    keys_changing(monkeypatch, settle_after=1)
    ws = load_workspace(workspace)
    assert clock.sleeps == [0.0005]
    assert ws.initiative_by_id["I-001"].title and not ws.warnings


# --- reading through a running save's journal ---------------------------------------------------------------


def spy_read_through(monkeypatch, clock: FakeClock, during=None) -> list[int]:
    """For each read through the journal, how many times the reader had slept before it; ``during(n)`` runs
    while the n-th read-through is under way (n from 1)."""
    seen: list[int] = []
    real = store_mod.read_through

    def spying(root, record, names):
        seen.append(len(clock.sleeps))
        data = real(root, record, names)
        if during is not None:
            during(len(seen))
        return data

    monkeypatch.setattr(store_mod, "read_through", spying)
    return seen


def test_a_reader_waits_fifty_milliseconds_for_a_running_save_then_reads_through_it(workspace, monkeypatch):
    """A committed journal is waited on for exactly JOURNAL_PATIENCE (0.05 s) from when it was first seen."""
    pending_save(workspace)
    clock = fake_clock(monkeypatch, start=0.05, step=0.05)  # 0.1 - 0.05 is exactly 0.05 in binary
    seen = spy_read_through(monkeypatch, clock)
    ws = load_workspace(workspace)
    assert seen == [1]
    assert ws.initiative_by_id["I-001"].hours == 4321
    assert {g.id: g.mandate for g in ws.working_groups}["WG-1"] == "Nyt mandat"
    assert PENDING_WARNING in ws.warnings
    assert (workspace / JOURNAL_FILE).exists()  # a reader writes nothing


def test_a_save_renaming_its_own_files_and_log_does_not_stop_the_reader(workspace, monkeypatch):
    """Files the journal names (and its log) may change under a read-through: the save is applying them."""
    pending_save(workspace)
    clock = fake_clock(monkeypatch, start=0.05, step=0.05)

    def applying(_n):
        for name in ("initiatives.csv", "working_groups.csv", CHANGES_FILE):
            bump(workspace / name)

    seen = spy_read_through(monkeypatch, clock, during=applying)
    ws = load_workspace(workspace)
    assert seen == [1]
    assert ws.initiative_by_id["I-001"].hours == 4321
    assert read_changes(workspace)  # the log is still whole


def test_a_file_the_journal_does_not_name_changing_during_the_read_through_makes_the_reader_read_again(
    workspace, monkeypatch
):
    """Another file changing under the read-through is not the save's doing: the reader reads once more."""
    pending_save(workspace)
    clock = fake_clock(monkeypatch, start=0.05, step=0.05)

    def outside(n):
        if n == 1:
            rewrite(workspace / "members.csv", "Mette Skovgaard Lund", "Mette Skovgaard Holm")

    seen = spy_read_through(monkeypatch, clock, during=outside)
    ws = load_workspace(workspace)
    assert seen == [1, 2]
    assert {m.id: m.name for m in ws.members}["A-001"] == "Mette Skovgaard Holm"
    assert ws.initiative_by_id["I-001"].hours == 4321


# --- the clean-log memo ---------------------------------------------------------------------------------------


def test_a_log_untouched_for_exactly_three_seconds_is_remembered_clean_and_not_read_again(workspace, monkeypatch):
    """RACY_NS boundary: a log whose mtime is 3 s (or more) old when found clean is not read by a later load."""
    log = workspace / CHANGES_FILE
    fake_now_ns(monkeypatch, log.stat().st_mtime_ns + RACY)
    load_workspace(workspace)
    assert {str(log.absolute()): store_mod._stat_key(log)} == store_mod._CLEAN_LOGS
    reads = spy_reads(monkeypatch)
    ws = load_workspace(workspace)  # no cache: every table is read, the clean log is not
    assert CHANGES_FILE not in reads and "actions.csv" in reads
    assert not ws.warnings


def test_a_log_younger_than_three_seconds_is_read_again_by_the_next_load(workspace, monkeypatch):
    """One nanosecond inside the racy window: the log may still change at the same mtime, so it is not memoised."""
    log = workspace / CHANGES_FILE
    fake_now_ns(monkeypatch, log.stat().st_mtime_ns + RACY - 1)
    load_workspace(workspace)
    assert store_mod._CLEAN_LOGS == {}
    reads = spy_reads(monkeypatch)
    load_workspace(workspace)
    assert CHANGES_FILE in reads


def test_a_load_with_a_cache_reads_only_the_file_whose_stat_changed(workspace, monkeypatch):
    """The cache's stat keys decide what is read again: one table touched, one file read."""
    cache: dict = {}
    load_workspace(workspace, cache)
    bump(workspace / "actions.csv")
    reads = spy_reads(monkeypatch)
    ws = load_workspace(workspace, cache)
    assert reads == ["actions.csv"]
    assert len(ws.actions) == 11 and len(ws.members) > 0


# --- the load cache -------------------------------------------------------------------------------------------


def test_a_second_load_with_the_same_cache_and_nothing_changed_is_the_same_workspace(workspace, monkeypatch):
    """Nothing changed since the cached load: the very same object, and no file read."""
    cache: dict = {}
    first = load_workspace(workspace, cache)
    reads = spy_reads(monkeypatch)
    assert load_workspace(workspace, cache) is first
    assert reads == []


def test_a_table_served_from_the_cache_does_not_stop_the_later_tables_loading(workspace):
    """A later table's file changed: it is read again, and every table before and after it is intact."""
    cache: dict = {}
    before = load_workspace(workspace, cache)
    rewrite(workspace / "inputs.csv", "Forslag om fælles gavekort", "Forslag om fælles gavebevis")
    ws = load_workspace(workspace, cache)
    assert {i.id: i.text for i in ws.inputs}["IN-008"].startswith("Forslag om fælles gavebevis")
    for name in TABLES:
        if name != "inputs":
            assert ws.table(name) == before.table(name), name
    assert ws == load_workspace(workspace)


def test_every_missing_table_file_is_reported_not_only_the_first(workspace):
    """A missing file does not stop the loading: a later missing file is reported too."""
    (workspace / "members.csv").unlink()
    (workspace / "inputs.csv").unlink()
    with pytest.raises(WorkspaceError) as info:
        load_workspace(workspace)
    assert sorted((p.file, p.line, p.column) for p in info.value.problems) == [
        ("inputs.csv", 1, "fil"),
        ("members.csv", 1, "fil"),
    ]


def test_a_torn_log_line_warning_stays_with_the_cache_until_the_log_is_mended(workspace):
    """The log's warning is cached with its stat key: kept while only tables change, gone once the log changes."""
    with open(workspace / CHANGES_FILE, "ab") as log:
        log.write(b'{"time": "2026-11-01T10:00:00", "who": "x"')
    cache: dict = {}
    torn = [w for w in load_workspace(workspace, cache).warnings if "ufuldstændig" in w]
    assert len(torn) == 1
    bump(workspace / "actions.csv")
    assert load_workspace(workspace, cache).warnings == (torn[0],)
    with open(workspace / CHANGES_FILE, "ab") as log:
        log.write(b"}\n")
    assert load_workspace(workspace, cache).warnings == ()


def _history(workspace: Path, count: int) -> bytes:
    text = (workspace / "forum.toml").read_bytes().decode("utf-8-sig")
    days = [None, date(2026, 1, 1), date(2026, 6, 1), date(2026, 9, 1)]
    return b"".join(history_line(text, days[n], "2026-01-01T10:00:00", "t", f"udgave {n}") for n in range(count))


def test_the_charter_history_is_kept_by_the_cache_and_read_again_when_it_changes(workspace):
    """Revisions come from the cache while the history file is unchanged, and from the file once it changed."""
    (workspace / HISTORY_FILE).write_bytes(_history(workspace, 2))
    cache: dict = {}
    assert [r.note for r in load_workspace(workspace, cache).revisions] == ["udgave 0", "udgave 1"]
    bump(workspace / "actions.csv")
    assert [r.note for r in load_workspace(workspace, cache).revisions] == ["udgave 0", "udgave 1"]
    (workspace / HISTORY_FILE).write_bytes(_history(workspace, 3))
    assert [r.note for r in load_workspace(workspace, cache).revisions] == ["udgave 0", "udgave 1", "udgave 2"]


def test_a_broken_charter_history_is_a_workspace_problem_naming_the_file(workspace):
    """A history line that is not a revision stops the load, with the file, line and column."""
    (workspace / HISTORY_FILE).write_bytes(_history(workspace, 1) + b"ikke json\n")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(workspace)
    assert [(p.file, p.line, p.column, p.value) for p in info.value.problems] == [
        (HISTORY_FILE, 2, "linje", "ikke json")
    ]


# --- what a save leaves in the cache --------------------------------------------------------------------------


def spy_outside(monkeypatch) -> list[Path]:
    calls: list[Path] = []
    real = store_mod.find_outside_changes

    def spying(root, *args, **kwargs):
        calls.append(Path(root))
        return real(root, *args, **kwargs)

    monkeypatch.setattr(store_mod, "find_outside_changes", spying)
    return calls


def test_after_a_save_the_next_load_reads_no_file_and_looks_for_no_outside_edit(store, monkeypatch):
    """A save remembers what it wrote (files and their stat keys): opening again costs a stat per file."""
    saved = store.update(set_action_text("Nyt program"))
    reads = spy_reads(monkeypatch)
    outside = spy_outside(monkeypatch)
    ws = store.load()
    assert reads == [] and outside == []
    assert ws == saved
    assert {a.id: a.text for a in ws.actions}["H-001"] == "Nyt program"


def test_a_save_made_with_dataclasses_replace_caches_the_rows_it_saved(store, monkeypatch):
    """A change built with dataclasses.replace keeps the loaded columns alongside new rows: the cache must hold
    the rows, so a later load (another table changed outside) still shows the save."""
    store.load()

    def change(ws):
        return dataclasses.replace(
            ws, actions=tuple(edit(a, text="Nyt program") if a.id == "H-001" else a for a in ws.actions)
        )

    store.update(change)
    rewrite(store.root / "inputs.csv", "Forslag om fælles gavekort", "Forslag om fælles gavebevis")
    ws = store.load()
    assert {a.id: a.text for a in ws.actions}["H-001"] == "Nyt program"
    assert {i.id: i.text for i in ws.inputs}["IN-008"].startswith("Forslag om fælles gavebevis")
    assert load_workspace(store.root) == ws


def _lines_referring(path: Path, column: int, value: str) -> list[int]:
    text = path.read_text(encoding="utf-8-sig")
    return [n for n, line in enumerate(text.splitlines(), start=1) if n > 1 and line.split(";")[column] == value]


def test_line_numbers_kept_after_a_save_name_the_true_rows_of_edited_and_untouched_tables(store):
    """After a save, a meeting deleted outside is reported in the rows referring to it, at their real lines:
    in the table the save wrote (actions) and in one it did not (inputs)."""
    store.update(set_action_text("Nyt program"))
    actions = _lines_referring(store.root / "actions.csv", 1, "M-2026-2")
    inputs = _lines_referring(store.root / "inputs.csv", 2, "M-2026-2")
    assert actions == [9, 10, 11, 12] and inputs == [8]  # the last rows of actions, a middle one of inputs
    path = store.root / "meetings.csv"
    path.write_bytes(b"".join(line for line in path.read_bytes().splitlines(True) if b"M-2026-2;" not in line))
    with pytest.raises(WorkspaceError) as info:
        store.load()
    found = {(p.file, p.line) for p in info.value.problems if p.value == "M-2026-2"}
    assert {line for file, line in found if file == "actions.csv"} == set(actions)
    assert {line for file, line in found if file == "inputs.csv"} == set(inputs)


# --- Store.load, the journal and outside edits -----------------------------------------------------------------


def test_opening_a_workspace_finishes_a_pending_save_first(store):
    """Store.load applies a committed journal under the lock: the journal goes, the data show no pending warning."""
    store.load()  # the last-logged copies exist, as in any workspace opened before
    pending_save(store.root)
    ws = store.load()
    assert not (store.root / JOURNAL_FILE).exists()
    assert ws.initiative_by_id["I-001"].hours == 4321 and ws.warnings == ()
    assert read_changes(store.root)[-1]["new"] == "4321"


def test_a_save_committed_between_the_first_look_and_the_lock_is_finished(workspace, monkeypatch):
    """A journal that appears after the first load is recovered under the lock before outside edits are looked for."""
    Store(workspace, who="test").load()
    real = Store._unverified

    def journal_appears(self):
        if not (workspace / JOURNAL_FILE).exists():
            pending_save(workspace)
        return real(self)

    monkeypatch.setattr(Store, "_unverified", journal_appears)
    Store(workspace, who="test").load()
    assert not (workspace / JOURNAL_FILE).exists()
    ws = load_workspace(workspace)
    assert ws.initiative_by_id["I-001"].hours == 4321 and ws.warnings == ()


def test_a_file_broken_between_the_first_look_and_the_lock_is_refused_not_logged(workspace, monkeypatch):
    """Outside edits are logged only for a workspace that loads: a file broken meanwhile raises, and its
    last-logged copy stays, so the fixed file's edit is logged against the last good state."""
    Store(workspace, who="test").load()
    copy = (workspace / state_name("members.csv")).read_bytes()
    log = (workspace / CHANGES_FILE).read_bytes()
    real = Store._unverified

    def breaks(self):
        rewrite(workspace / "members.csv", "A-001;VG;Mette Skovgaard Lund;", "A-001;XX;Mette Skovgaard Lund;")
        return real(self)

    monkeypatch.setattr(Store, "_unverified", breaks)
    with pytest.raises(WorkspaceError) as info:
        Store(workspace, who="test").load()
    assert {p.file for p in info.value.problems} == {"members.csv"}
    assert (workspace / state_name("members.csv")).read_bytes() == copy
    assert (workspace / CHANGES_FILE).read_bytes() == log
    monkeypatch.setattr(Store, "_unverified", real)
    rewrite(workspace / "members.csv", "A-001;XX;Mette Skovgaard Lund;", "A-001;VG;Mette Skovgaard Holm;")
    Store(workspace, who="test").load()
    last = read_changes(workspace)[-1]
    assert (last["what"], last["row"], last["old"], last["new"]) == (
        "ændret uden for forumkit",
        "A-001",
        "Mette Skovgaard Lund",
        "Mette Skovgaard Holm",
    )


def test_a_failing_recovery_is_a_save_error_naming_the_journal(store, monkeypatch):
    """A journal that cannot be applied (a read-only folder, a full disk) is reported as a SaveError on it."""
    pending_save(store.root)

    def failing(root):
        raise PermissionError(13, "Adgang nægtet")

    monkeypatch.setattr(store_mod, "recover", failing)
    with pytest.raises(SaveError) as info:
        store.load()
    assert info.value.path == store.root / JOURNAL_FILE


@pytest.mark.parametrize(("timeout", "waited"), [(10.0, 1.0), (0.2, 0.2)])
def test_logging_outside_edits_on_open_waits_at_most_a_second_for_the_lock(workspace, monkeypatch, timeout, waited):
    """An open does not wait the save timeout for a busy workspace: min(timeout, 1 s)."""
    asked: list[float | None] = []
    real = Store.locked

    def spying(self, timeout=None):
        asked.append(timeout)
        return real(self, timeout)

    monkeypatch.setattr(Store, "locked", spying)
    Store(workspace, who="test", timeout=timeout).load()
    assert asked == [waited]
