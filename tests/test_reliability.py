"""Nothing lost under faults: every save path with write, flush, fsync and replace failing in turn,
once and from then on; SIGKILL at random moments; two processes editing at once."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import time
from datetime import date
from pathlib import Path

import pytest

from forumkit.edits.catalogue import update_initiative
from forumkit.edits.meetings import set_attendance
from forumkit.model.errors import SaveError
from forumkit.model.tables import edit
from forumkit.storage.store import (
    CHANGES_FILE,
    JOURNAL_FILE,
    Store,
    load_workspace,
    read_changes,
)
from tests.conftest import EXAMPLE, TODAY, snapshot
from tests.faults import MODES, STEPS, failing


def _two_tables(ws):
    ws = update_initiative(ws, "I-007", TODAY, progress=66)
    return set_attendance(ws, "M-2026-2", "A-006", "deltog")


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".forumkit-tmp") or ".forumkit-probe" in p.name]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("after", [0, 1, 2])  # fail the first, second or third call of the step
def test_store_save(store, step, mode, after):
    before = snapshot(store.root)
    try:
        with failing(step, mode, after):
            store.update(_two_tables)
    except SaveError as exc:
        assert "Intet er tabt – filerne er som før gemningen." in str(exc)
        assert snapshot(store.root) == before
    else:  # the fault fell after the last call of this step: the save must be whole
        after_save = load_workspace(store.root)
        assert after_save.initiative_by_id["I-007"].progress == 66
        assert read_changes(store.root)[-1]["row"] in ("I-007", "M-2026-2/A-006")
    assert no_temp_files(store.root)
    load_workspace(store.root)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("step", STEPS)
def test_forget(store, step, mode):
    from forumkit.edits.privacy import forget

    before = snapshot(store.root)
    with failing(step, mode), pytest.raises((SaveError, OSError)):
        forget(store, date(2027, 5, 1))
    current = snapshot(store.root)
    for name, data in current.items():
        assert data == before[name] or name in ("members.csv", "changes.jsonl")
    ws = load_workspace(store.root)
    krogh = ws.member_by_id["A-008"]
    assert (krogh.email is None) == (current["members.csv"] != before["members.csv"])
    assert no_temp_files(store.root)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("step", STEPS)
def test_exports_keep_the_old_file(workspace, tmp_path, step, mode):
    from forumkit.documents.invitation import write_invitation
    from forumkit.documents.member_exports import write_public_xlsx
    from forumkit.edits.transfer import export_table, save_mapping

    ws = load_workspace(workspace)
    out = tmp_path / "ud"
    out.mkdir()
    targets = {
        "xlsx": lambda: write_public_xlsx(ws, TODAY, out / "m.xlsx"),
        "csv": lambda: export_table(ws, "initiatives", "csv", out / "i.csv"),
        "invitation": lambda: write_invitation(ws, "M-2027-1", out, TODAY),
        "mapping": lambda: save_mapping(out, {"Kommentar": ""}),
    }
    for make in targets.values():
        make()
    before = snapshot(out)
    for name, make in targets.items():
        with failing(step, mode), pytest.raises(OSError):
            make()
        assert snapshot(out) == before, name
    assert no_temp_files(out)


@pytest.mark.parametrize("step", STEPS)
def test_status_bundle_keeps_the_old_bundle(tmp_path, step):
    from forumkit.documents.status_report import write_status_report

    ws = load_workspace(EXAMPLE)
    out = tmp_path / "bundle"
    write_status_report(ws, EXAMPLE, 2026, out, TODAY, charts=["status"])
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with failing(step, "once", after=2), pytest.raises(OSError):
        write_status_report(ws, EXAMPLE, 2026, out, TODAY, charts=["status", "budget"])
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle"]


# --- SIGKILL at a random moment -------------------------------------------------------------------


def _big_change(ws):
    rows = [
        edit(i, progress=((i.progress or 0) + 7) % 101, next_step=f"Skridt {n}") for n, i in enumerate(ws.initiatives)
    ]
    ws = ws.with_table("initiatives", rows)
    return set_attendance(ws, "M-2026-2", "A-006", "deltog")


def _save_in_child(root: str) -> None:
    Store(root, who="crash").update(_big_change)
    os._exit(0)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_old_or_new(tmp_path):
    rng = random.Random(20261126)
    base = tmp_path / "base"
    shutil.copytree(EXAMPLE, base)
    old = snapshot(base)
    reference = tmp_path / "reference"
    shutil.copytree(EXAMPLE, reference)
    Store(reference).update(_big_change)
    new = snapshot(reference)
    old_ws, new_ws = load_workspace(base), load_workspace(reference)
    ctx = multiprocessing.get_context("fork")
    outcomes = {"old": 0, "new": 0, "torn log": 0}
    start = time.perf_counter()
    probe = ctx.Process(target=_save_in_child, args=(str(reference),))
    probe.start()
    probe.join()
    save_time = time.perf_counter() - start
    for run in range(200):
        work = tmp_path / f"run{run}"
        shutil.copytree(base, work)
        child = ctx.Process(target=_save_in_child, args=(str(work),))
        child.start()
        time.sleep(rng.uniform(0, save_time * 1.2))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        if (work / JOURNAL_FILE).exists() or run % 10 == 0:  # a reader (it never writes) sees old or new whole
            seen = load_workspace(work)
            assert seen.initiatives in (old_ws.initiatives, new_ws.initiatives), f"run {run}: the reader saw a mix"
        ws = Store(work).load()  # the next open finishes a save the kill cut after its commit point
        now = {n: d for n, d in snapshot(work).items() if not n.endswith(".forumkit-tmp")}
        for name, data in now.items():
            if name == CHANGES_FILE:
                old_log = old[name]
                assert data.startswith(old_log)
                added = data[len(old_log) :]
                if added and not added.endswith(b"\n"):
                    assert ws.warnings, "a torn last line must be reported"
                    outcomes["torn log"] += 1
                continue
            assert data in (old[name], new[name]), f"run {run}: {name} is mixed"
        outcomes["new" if now["initiatives.csv"] == new["initiatives.csv"] else "old"] += 1
        shutil.rmtree(work)
    assert outcomes["old"] + outcomes["new"] == 200
    print(outcomes)
    assert outcomes["old"] and outcomes["new"], "kills must land both before and after the save"


def test_a_killed_saves_temp_file_is_cleaned_by_the_next_save(store):
    (store.root / ".initiatives.csv.99999.forumkit-tmp").write_bytes(b"half")
    store.update(lambda ws: update_initiative(ws, "I-007", TODAY, progress=61))
    assert no_temp_files(store.root)


# --- two kernels at once --------------------------------------------------------------------------


def _edit_many(root: str, who: str, count: int) -> None:
    store = Store(root, who=who, timeout=120)
    for _ in range(count):
        store.update(
            lambda ws: ws.with_table(
                "initiatives", [edit(i, hours=(i.hours or 0) + 1) if i.id == "I-001" else i for i in ws.initiatives]
            )
        )


@pytest.mark.slow
def test_two_processes_500_edits_each_lose_nothing(store):
    start = store.load().initiative_by_id["I-001"].hours
    log_before = len(read_changes(store.root))
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_edit_many, args=(str(store.root), who, 500)) for who in ("kerne-a", "kerne-b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(600)
        assert p.exitcode == 0
    assert load_workspace(store.root).initiative_by_id["I-001"].hours == start + 1000
    new = read_changes(store.root)[log_before:]
    assert len(new) == 1000
    assert {e["who"] for e in new} == {"kerne-a", "kerne-b"}
