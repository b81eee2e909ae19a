"""The save journal: forget is one transaction, no change lands without its log entry across a crash,
and readers never see half a save."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from forumkit.cli import main
from forumkit.edits.privacy import PURGED, forget
from forumkit.model.errors import WorkspaceError
from forumkit.model.tables import edit
from forumkit.storage.journal import JOURNAL_FILE, LogAppend
from forumkit.storage.store import (
    CHANGES_FILE,
    Store,
    load_workspace,
    read_changes,
)
from tests.conftest import EXAMPLE, snapshot
from tests.faults import pending_save

DAY = date(2027, 5, 1)  # Thomas Krogh left 2026-03-31; his contact details are due for purging
VALUES = ("0000 0008", "0000 9999", "thomas.krogh@example.dk")


def residue(root: Path, values=VALUES) -> list[str]:
    """Every file under ``root`` holding a value: in its bytes, unfolded (iCalendar), or in a zip member."""
    hits = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        blobs = [data, data.replace(b"\r\n ", b"")]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                blobs += [archive.read(info) for info in archive.infolist()]
        if any(v.encode("utf-8") in blob for blob in blobs for v in values):
            hits.append(path.relative_to(root).as_posix())
    return hits


def _with_contact_history(root: Path) -> None:
    """A real history: Krogh's phone changed (the log holds old and new), a crash tore a log line about it,
    and the set-up screen exported a contact list while he was a member."""
    from forumkit.documents.member_exports import write_contacts_xlsx
    from forumkit.edits.transfer import export_table

    store = Store(root, who="test")
    store.update(
        lambda ws: ws.with_table("members", [edit(m, phone="0000 9999") if m.id == "A-008" else m for m in ws.members])
    )
    with open(root / CHANGES_FILE, "ab") as log:
        log.write(
            b'{"time": "2026-11-01T10:00:00", "who": "x", "what": "", "table": "members", "row": "A-008", '
            b'"op": "change", "field": "telefon", "old": "0000 9999", "new": "0000 99'
        )
    store.update(
        lambda ws: ws.with_table(
            "initiatives", [edit(i, hours=(i.hours or 0) + 1) if i.id == "I-001" else i for i in ws.initiatives]
        )
    )
    ws = store.load()
    out = root / "eksport"
    out.mkdir()
    write_contacts_xlsx(ws, date(2026, 1, 1), out / "Kontaktliste INTERN 2026-01-01.xlsx")
    export_table(ws, "members", "csv", out / "medlemmer.csv")
    from forumkit.storage.outputs import write_outputs

    write_outputs(
        out,
        {
            "møde.ics": b"BEGIN:VCALENDAR\r\nATTENDEE;CN=Thomas Krogh:mailto:thomas.kro\r\n gh@exam"
            b"ple.dk\r\nEND:VCALENDAR\r\n"
        },
        None,
    )  # as the invitation writes it


def test_forget_scrubs_data_log_torn_lines_and_exports_in_one_save(store):
    _with_contact_history(store.root)
    assert set(residue(store.root)) >= {
        "members.csv",
        CHANGES_FILE,
        "eksport/medlemmer.csv",
        "eksport/møde.ics",
        "eksport/Kontaktliste INTERN 2026-01-01.xlsx",
    }
    (store.root / "noter.txt").write_text("Ring til Thomas på 0000 9999", encoding="utf-8")  # not forumkit's
    report = forget(store, DAY)
    assert [row for _, row, _, _ in report.plan] == ["A-008"]
    assert report.torn_entries == 1 and report.log_entries == 1  # the phone change, the torn line
    assert sorted(report.exports) == [
        "eksport/Kontaktliste INTERN 2026-01-01.xlsx",
        "eksport/medlemmer.csv",
        "eksport/møde.ics",
    ]
    assert report.left == ["noter.txt"]
    assert residue(store.root) == ["noter.txt"]  # a file forumkit did not make is named, never changed
    assert (store.root / "noter.txt").read_text(encoding="utf-8") == "Ring til Thomas på 0000 9999"
    torn = [e for e in read_changes(store.root) if e.get("op") == "torn"]
    assert len(torn) == 1 and torn[0]["raw"].endswith(f'"old": "{PURGED}", "new": "{PURGED}')
    load_workspace(store.root)
    # The rerun has nothing left to remove (but names the foreign file again).
    again = forget(store, DAY)
    assert (again.plan, again.log_entries, again.torn_entries, again.exports) == ([], 0, 0, [])


def test_a_rerun_removes_residue_a_half_done_purge_left(store, capsys):
    # The old two-save purge crashed between its saves: the row is purged, the log still holds the phone.
    store.update(
        lambda ws: ws.with_table("members", [edit(m, phone="0000 9999") if m.id == "A-008" else m for m in ws.members])
    )
    store.update(
        lambda ws: ws.with_table(
            "members", [edit(m, email=None, phone=None) if m.id == "A-008" else m for m in ws.members]
        )
    )
    assert residue(store.root) == [CHANGES_FILE]
    assert main(["forget", "--dir", str(store.root), "--date", DAY.isoformat(), "--dry-run"]) == 0
    assert "Ændringsloggen: 3 linje(r) med slettede oplysninger ville blive renset" in capsys.readouterr().out
    assert residue(store.root) == [CHANGES_FILE]
    assert main(["forget", "--dir", str(store.root), "--date", DAY.isoformat()]) == 0
    assert capsys.readouterr().out == "Ændringsloggen: 3 linje(r) med slettede oplysninger er renset\n"
    assert residue(store.root) == []


def test_the_cli_reports_the_exports_it_scrubbed(store, capsys):
    _with_contact_history(store.root)
    assert main(["forget", "--dir", str(store.root), "--date", DAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "A-008 Thomas Krogh: e-mail og telefon er slettet (frist 31. marts 2027)"
    assert "Ændringsloggen: 1 afbrudt(e) linje(r) er renset" in out
    assert "Eksport: eksport/Kontaktliste INTERN 2026-01-01.xlsx er renset" in out


# --- a save the crash cut after its commit point ---------------------------------------------------


def test_check_reads_through_a_pending_save_and_writes_nothing(workspace, capsys):
    pending_save(workspace)
    before = snapshot(workspace)
    main(["check", str(workspace)])
    out = capsys.readouterr().out
    assert "en gemning er ikke fuldført" in out
    assert snapshot(workspace) == before
    ws = load_workspace(workspace)  # the reader sees the committed save whole
    assert ws.initiative_by_id["I-001"].hours == 4321
    assert {g.id: g.mandate for g in ws.working_groups}["WG-1"] == "Nyt mandat"


def test_the_next_open_finishes_a_pending_save(workspace):
    pending_save(workspace)
    ws = Store(workspace).load()
    assert not (workspace / JOURNAL_FILE).exists()
    assert not list(workspace.glob("*.forumkit-tmp"))
    assert ws.initiative_by_id["I-001"].hours == 4321 and not ws.warnings
    assert read_changes(workspace)[-1]["new"] == "4321"
    assert load_workspace(workspace) == ws


# --- SIGKILL during forget ---------------------------------------------------------------------------


def _forget_in_child(root: str) -> None:
    forget(Store(root, who="kill"), DAY)
    os._exit(0)


@pytest.mark.slow
def test_sigkill_during_forget_leaves_no_purged_value_after_the_rerun(tmp_path):
    rng = random.Random(4512)
    base = tmp_path / "base"
    shutil.copytree(EXAMPLE, base)
    _with_contact_history(base)
    ctx = multiprocessing.get_context("fork")
    probe_root = tmp_path / "probe"
    shutil.copytree(base, probe_root)
    start = time.perf_counter()
    probe = ctx.Process(target=_forget_in_child, args=(str(probe_root),))
    probe.start()
    probe.join()
    duration = time.perf_counter() - start
    assert residue(probe_root) == []
    outcomes = {"before": 0, "pending": 0, "done": 0}
    for run in range(50):
        work = tmp_path / f"run{run}"
        shutil.copytree(base, work)
        child = ctx.Process(target=_forget_in_child, args=(str(work),))
        child.start()
        time.sleep(rng.uniform(0, duration * 1.2))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        pending = (work / JOURNAL_FILE).exists()
        ws = Store(work).load()  # the next open finishes a committed purge
        purged = ws.member_by_id["A-008"].phone is None
        outcomes["pending" if pending else "done" if purged else "before"] += 1
        if purged:
            assert residue(work) == [], f"run {run}: a committed purge must be whole after the next open"
        forget(Store(work), DAY)  # the rerun
        assert residue(work) == [], f"run {run}"
        load_workspace(work)
        shutil.rmtree(work)
    print(outcomes)
    assert outcomes["before"] and outcomes["done"]


# --- SIGKILL during a run of multi-file saves: no change without its log entry ----------------------


def _saves_in_child(root: str, count: int) -> None:
    store = Store(root, who="kill")
    for n in range(1, count + 1):
        store.update(
            lambda ws, n=n: ws.with_table(
                "initiatives", [edit(i, hours=5000 + n) if i.id == "I-001" else i for i in ws.initiatives]
            ).with_table(
                "working_groups", [edit(g, mandate=f"Mandat {n}") if g.id == "WG-1" else g for g in ws.working_groups]
            )
        )
    os._exit(0)


@pytest.mark.slow
def test_sigkill_during_saves_leaves_every_change_with_its_log_entry(tmp_path):
    rng = random.Random(20261127)
    base = tmp_path / "base"
    shutil.copytree(EXAMPLE, base)
    start_log = len(read_changes(base))
    ctx = multiprocessing.get_context("fork")
    probe_root = tmp_path / "probe"
    shutil.copytree(base, probe_root)
    start = time.perf_counter()
    probe = ctx.Process(target=_saves_in_child, args=(str(probe_root), 6))
    probe.start()
    probe.join()
    duration = time.perf_counter() - start
    landed = set()
    for run in range(50):
        work = tmp_path / f"run{run}"
        shutil.copytree(base, work)
        child = ctx.Process(target=_saves_in_child, args=(str(work), 6))
        child.start()
        time.sleep(rng.uniform(0, duration))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        ws = Store(work).load()
        hours = ws.initiative_by_id["I-001"].hours
        n = hours - 5000 if hours and hours > 5000 else 0
        mandate = {g.id: g.mandate for g in ws.working_groups}["WG-1"]
        assert n == 0 or mandate == f"Mandat {n}", f"run {run}: one save, two files"
        entries = read_changes(work)[start_log:]
        hours_log = [e["new"] for e in entries if e.get("row") == "I-001" and e.get("field") == "timer"]
        mandate_log = [e["new"] for e in entries if e.get("row") == "WG-1" and e.get("field") == "mandat"]
        assert hours_log == [str(5000 + k) for k in range(1, n + 1)], f"run {run}"
        assert mandate_log == [f"Mandat {k}" for k in range(1, n + 1)], f"run {run}"
        landed.add(n)
        shutil.rmtree(work)
    print(sorted(landed))
    assert len(landed) >= 3, "kills must land at different saves"


# --- readers during a save loop -----------------------------------------------------------------------


def _toggle_group(root: str, stop, count) -> None:
    """Multi-file saves that leave a dangling reference if a reader saw only half of one."""
    store = Store(root, who="skriver", timeout=60)
    ws = store.load()
    group = edit(ws.working_groups[0], id="WG-T", name="Midlertidig", mandate="Test")
    n = 0
    while not stop.is_set():
        if n % 2 == 0:
            store.update(
                lambda ws: ws.with_table("working_groups", [*ws.working_groups, group]).with_table(
                    "initiatives", [edit(i, working_group="WG-T") if i.id == "I-001" else i for i in ws.initiatives]
                )
            )
        else:
            store.update(
                lambda ws: ws.with_table(
                    "initiatives", [edit(i, working_group=None) if i.id == "I-001" else i for i in ws.initiatives]
                ).with_table("working_groups", [g for g in ws.working_groups if g.id != "WG-T"])
            )
        n += 1
        count.value = n
    os._exit(0)


@pytest.mark.slow
def test_1000_loads_during_a_save_loop_see_only_whole_saves(workspace):
    ctx = multiprocessing.get_context("fork")
    stop, count = ctx.Event(), ctx.Value("i", 0)
    writer = ctx.Process(target=_toggle_group, args=(str(workspace), stop, count))
    writer.start()
    try:
        while count.value < 2:
            time.sleep(0.01)
        cache: dict = {}
        bad, states = [], set()
        for n in range(1000):
            try:
                ws = load_workspace(workspace, cache if n % 10 else None)
            except WorkspaceError as exc:
                bad.append(str(exc))
                continue
            linked = ws.initiative_by_id["I-001"].working_group == "WG-T"
            exists = "WG-T" in {g.id for g in ws.working_groups}
            if linked and not exists:
                bad.append("dangling")
            states.add((linked, exists))
    finally:
        stop.set()
        writer.join(30)
    print(count.value, "saves", states)
    assert bad == []
    assert count.value > 20 and len(states) >= 2


def test_a_garbage_journal_neither_blocks_a_reader_nor_survives_the_next_open(workspace):
    (workspace / JOURNAL_FILE).write_bytes(b'{"files": [{"name": "../../etc/passwd"}]}')
    before = load_workspace(workspace)
    assert not before.warnings
    Store(workspace).load()
    assert not (workspace / JOURNAL_FILE).exists()


def test_a_journal_naming_a_file_outside_the_workspace_is_ignored(workspace):
    (workspace / JOURNAL_FILE).write_text(
        json.dumps({"version": 1, "files": [{"name": "../outside.csv", "temp": ".x.forumkit-tmp", "sha256": ""}]}),
        encoding="utf-8",
    )
    assert not load_workspace(workspace).warnings
    Store(workspace).load()
    assert not (workspace / JOURNAL_FILE).exists() and not (workspace.parent / "outside.csv").exists()


def test_a_contact_list_exported_after_the_purge_is_found_by_name(store):
    from forumkit.documents.member_exports import write_contacts_xlsx

    _with_contact_history(store.root)
    stale = store.load()  # a screen loaded the data before the purge ...
    forget(store, DAY)
    write_contacts_xlsx(stale, date(2026, 1, 1), store.root / "eksport" / "Kontaktliste INTERN igen.xlsx")
    assert residue(store.root) == ["eksport/Kontaktliste INTERN igen.xlsx"]  # ... and exported it afterwards
    report = forget(store, DAY)
    assert report.exports == ["eksport/Kontaktliste INTERN igen.xlsx"]
    assert residue(store.root) == []
    from openpyxl import load_workbook

    rows = list(load_workbook(store.root / "eksport" / "Kontaktliste INTERN igen.xlsx").active.values)
    krogh = next(r for r in rows if r[1] == "Thomas Krogh")
    assert krogh[4:6] == (PURGED, PURGED)
    others = [r for r in rows[1:] if r[1] != "Thomas Krogh"]
    assert others and all(r[4] and r[4] != PURGED for r in others if r[4])  # nobody else's details touched


def test_a_rollback_cut_short_is_finished_by_the_next_open(store, monkeypatch):
    from forumkit.model.errors import SaveError
    from forumkit.storage import journal
    from tests.faults import failing

    before = snapshot(store.root)
    real_apply = journal._apply

    def rollback_dies(root, record, raw=False):
        if raw:  # the undo journal is written, then the process "dies" before applying it
            raise OSError(5, "I/O-fejl")
        return real_apply(root, record, raw)

    monkeypatch.setattr(journal, "_apply", rollback_dies)
    # the journal's rename and the first file's pass; the second fails
    with failing("replace", "always", after=2), pytest.raises(SaveError):
        store.update(
            lambda ws: ws.with_table(
                "initiatives", [edit(i, hours=777) if i.id == "I-001" else i for i in ws.initiatives]
            ).with_table(
                "working_groups", [edit(g, mandate="Halvt") if g.id == "WG-1" else g for g in ws.working_groups]
            )
        )
    assert json.loads((store.root / JOURNAL_FILE).read_text(encoding="utf-8"))["undo"] is True
    assert load_workspace(store.root).initiative_by_id["I-001"].hours != 777  # a reader sees the old save whole
    monkeypatch.setattr(journal, "_apply", real_apply)
    Store(store.root).load()
    assert {n: d for n, d in snapshot(store.root).items() if not n.endswith(".forumkit-tmp")} == before


def test_a_torn_line_cut_inside_a_character_is_mended_after_a_crash(workspace, monkeypatch):
    from forumkit.storage import journal

    with open(workspace / CHANGES_FILE, "ab") as log:
        log.write(b'{"time": "2026-11-01T10:00:00", "what": "Dr' + "ø".encode()[:1])
    start = len((workspace / CHANGES_FILE).read_bytes())
    with monkeypatch.context() as patch:  # the process dies right after the commit point
        patch.setattr(journal, "_apply", lambda root, record, raw=False: None)
        patch.setattr(journal, "_finish", lambda root: None)
        Store(workspace).update(
            lambda ws: ws.with_table(
                "initiatives", [edit(i, hours=4242) if i.id == "I-001" else i for i in ws.initiatives]
            )
        )
    assert LogAppend.from_record(journal.pending(workspace)["log"]).expect.endswith(b"Dr\xc3")
    ws = Store(workspace).load()
    entries = read_changes(workspace)
    assert ws.initiative_by_id["I-001"].hours == 4242 and entries[-1]["new"] == "4242"
    assert entries[-2]["op"] == "torn" and entries[-2]["raw"].startswith('{"time": "2026-11-01T10:00:00"')
    assert len((workspace / CHANGES_FILE).read_bytes()) > start
