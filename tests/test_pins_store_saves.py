"""The store's save path pinned where mutation testing found it unwatched (docs/mutation.md): the last guard that
refuses a row which would not load again, files a save must not touch, extra files in the same transaction, the
end of a long change log, a rollback that leaves the log byte for byte, and the Danish message for a folder that
is no workspace."""

from __future__ import annotations

import json
import os
import re

import pytest

from forumkit.model.errors import InputError, SaveError, WorkspaceError
from forumkit.model.tables import TABLES, Initiative, edit
from forumkit.storage import journal
from forumkit.storage import store as store_module
from forumkit.storage.outside import OUTSIDE_WHAT, STATE_DIR
from forumkit.storage.store import CHANGES_FILE, JOURNAL_FILE, Store, load_workspace, read_changes, table_bytes
from tests.conftest import snapshot
from tests.faults import pending_save


def copied(iid: str, **update):
    """A change that copies one initiative around the model's rules (``model_copy`` does not validate)."""
    return lambda ws: ws.with_table(
        "initiatives", [i.model_copy(update=update) if i.id == iid else i for i in ws.initiatives]
    )


def set_progress(iid: str, value: int):
    return lambda ws: ws.with_table(
        "initiatives", [edit(i, progress=value) if i.id == iid else i for i in ws.initiatives]
    )


def stat_of(path):
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, path.read_bytes())


# --- the last guard: what is saved always loads ------------------------------------------------------------


def test_a_row_made_around_the_rules_is_refused_with_its_column_and_value(store):
    before = snapshot(store.root)
    with pytest.raises(InputError) as info:
        store.update(copied("I-007", progress=500))
    assert (info.value.field, info.value.value) == ("fremdrift", "500")
    assert str(info.value) == "fremdrift: kan ikke gemmes: fremdrift '500' skal være mellem 0 og 100"
    assert snapshot(store.root) == before


def test_a_value_that_would_load_different_is_refused_under_its_danish_heading(store):
    before = snapshot(store.root)
    with pytest.raises(InputError) as info:
        store.update(copied("I-007", title="  Mellemrum  "))
    assert (info.value.field, info.value.value) == ("titel", "  Mellemrum  ")
    assert str(info.value) == "titel: værdien '  Mellemrum  ' kan ikke gemmes, så den læses ens igen"
    assert snapshot(store.root) == before


def test_a_new_row_made_around_the_rules_is_refused_too(store):
    bad = Initiative(id="I-098", title="Ny", pillar="LH", kind="fælles", status="idé").model_copy(update={"hours": -5})
    with pytest.raises(InputError) as info:
        store.update(lambda ws: ws.with_table("initiatives", (*ws.initiatives, bad)))
    assert info.value.field == "timer" and info.value.value == "-5"
    assert "I-098" not in store.load().initiative_by_id


def test_rows_the_save_does_not_write_anew_are_not_checked_again(store):
    """Only the rows this save writes for the first time are rendered and read back."""
    checked = []
    real = store_module._parse_table

    def spy(spec, data):
        checked.append((spec.name, data.count(b"\n") - 1))
        return real(spec, data)

    store.load()  # the first open keeps its copies of the tables (outside edits are found against them)
    store_module._parse_table = spy
    try:
        store.update(set_progress("I-007", 42))
    finally:
        store_module._parse_table = real
    assert checked == [("initiatives", 1)]


# --- a save touches only what it changes -------------------------------------------------------------------


def test_a_save_replaces_only_the_table_it_changed(store):
    store.load()  # the outside-edit copies exist from the first open
    names = [spec.file for spec in TABLES.values() if spec.name != "initiatives"]
    before = {name: stat_of(store.root / name) for name in names}
    store.update(set_progress("I-007", 43))
    assert {name: stat_of(store.root / name) for name in names} == before


def test_a_missing_optional_table_gets_its_file_with_the_next_save(store):
    (store.root / "milestones.csv").unlink()
    store.update(set_progress("I-007", 44))
    spec = TABLES["milestones"]
    assert (store.root / spec.file).read_bytes() == table_bytes(spec, ())
    assert load_workspace(store.root).milestones == ()


def test_an_update_that_changes_nothing_makes_no_missing_optional_table(store):
    (store.root / "milestones.csv").unlink()
    before = snapshot(store.root)
    store.update(lambda ws: ws)
    assert snapshot(store.root) == before
    assert not (store.root / "milestones.csv").exists()


def test_an_existing_optional_table_is_not_rewritten_by_an_unrelated_save(store):
    path = store.root / "milestones.csv"
    path.write_bytes(path.read_bytes() + b"\n\n")  # trailing blank lines: loads, but not as forumkit writes it
    store.load()
    before = stat_of(path)
    store.update(set_progress("I-007", 45))
    assert stat_of(path) == before


def test_a_save_finishes_a_crashed_save_first_with_its_log_entry(store):
    pending_save(store.root)
    store.update(set_progress("I-007", 46))
    assert not (store.root / JOURNAL_FILE).exists()
    after = load_workspace(store.root)
    assert {g.id: g.mandate for g in after.working_groups}["WG-1"] == "Nyt mandat"
    assert after.initiative_by_id["I-001"].hours == 4321 and after.initiative_by_id["I-007"].progress == 46
    assert [(e.get("row"), e.get("new")) for e in read_changes(store.root)[-2:]] == [("I-001", "4321"), ("I-007", "46")]


# --- more files in the same transaction (``also``) ---------------------------------------------------------


def _long_log(store, size=70_000):
    """Pad the change log past the 64 KB a plain save reads of it."""
    line = json.dumps({"time": "2026-01-01T00:00:00", "who": "x", "what": "fyld", "op": "note"}) + "\n"
    path = store.root / CHANGES_FILE
    path.write_bytes(path.read_bytes() + (line * (size // len(line) + 1)).encode("utf-8"))
    return path.read_bytes()


def test_also_sees_the_whole_log_with_this_saves_entries(store):
    old_log = _long_log(store)
    seen = {}

    def also(old, new, log):
        seen["log"] = log
        return {}

    store.update(set_progress("I-007", 47), also=also)
    assert seen["log"].startswith(old_log)
    assert [json.loads(line)["new"] for line in seen["log"][len(old_log) :].splitlines()] == ["47"]
    assert (store.root / CHANGES_FILE).read_bytes() == seen["log"]


def test_a_log_also_returns_replaces_the_log_whole(store):
    rewritten = b'{"op": "purged"}\n'
    store.update(set_progress("I-007", 48), also=lambda old, new, log: {CHANGES_FILE: rewritten})
    assert (store.root / CHANGES_FILE).read_bytes() == rewritten
    assert store.load().initiative_by_id["I-007"].progress == 48


def test_a_file_also_adds_is_written_with_the_data_and_the_log(store):
    store.update(set_progress("I-007", 49), also=lambda old, new, log: {"noter.txt": b"med i samme gemning\n"})
    assert (store.root / "noter.txt").read_bytes() == b"med i samme gemning\n"
    assert read_changes(store.root)[-1]["new"] == "49"


def test_nothing_to_write_commits_nothing(store, monkeypatch):
    loaded = store.load()
    calls = []
    monkeypatch.setattr(store_module, "commit", lambda *args: calls.append(args))
    assert store.update(lambda ws: ws, also=lambda old, new, log: {}) is loaded
    assert calls == []


def test_an_os_error_in_the_commit_is_a_save_error_naming_the_first_file(store, monkeypatch):
    def broken(root, files, log=None):
        raise OSError(5, "Input/output error")

    store.load()  # (the first open keeps its copies in one commit of its own)
    monkeypatch.setattr(store_module, "commit", broken)
    with pytest.raises(SaveError) as info:
        store.update(set_progress("I-007", 53))
    assert info.value.path == store.root / "initiatives.csv"
    with pytest.raises(SaveError) as info:
        store.update(lambda ws: ws, also=lambda old, new, log: {CHANGES_FILE: b""})
    assert info.value.path == store.root / CHANGES_FILE


# --- the end of the change log -----------------------------------------------------------------------------


def test_a_save_reads_the_log_from_the_first_line_start_in_its_last_64_kb(tmp_path):
    path = tmp_path / CHANGES_FILE
    lines = [(json.dumps({"n": n, "fyld": "x" * (n % 37)}) + "\n").encode() for n in range(3000)]
    data = b"".join(lines)
    path.write_bytes(data)
    start = len(data) - 65536
    cut = data.index(b"\n", start) + 1
    assert store_module._log_end(path) == (cut, data[cut:])
    assert store_module._log_end(path, whole=True) == (0, data)


def test_a_window_that_starts_on_a_line_start_still_skips_to_the_next_one(tmp_path):
    """The window is the last 65,536 bytes exactly; its first line is skipped even when it is whole."""
    path = tmp_path / CHANGES_FILE
    tail = b"".join((json.dumps({"n": n, "fyld": "x" * 50}) + "\n").encode() for n in range(1000))
    tail = tail[tail.index(b"\n", len(tail) - 65536) + 1 :]
    tail = b'{"fyld": "' + b"z" * (65536 - len(tail) - 13) + b'"}\n' + tail
    assert len(tail) == 65536
    data = b'{"foran": 1}\n' * 3 + tail
    path.write_bytes(data)
    first = tail.index(b"\n") + 1
    assert store_module._log_end(path) == (len(data) - 65536 + first, tail[first:])


def test_a_log_shorter_than_the_window_is_read_whole(tmp_path):
    path = tmp_path / CHANGES_FILE
    path.write_bytes(b'{"a": 1}\n{"b": 2')
    assert store_module._log_end(path) == (0, b'{"a": 1}\n{"b": 2')
    assert store_module._log_end(tmp_path / "mangler.jsonl") == (0, b"")


def test_a_last_line_longer_than_the_window_is_read_whole(tmp_path):
    path = tmp_path / CHANGES_FILE
    data = b'{"a": 1}\n{"lang": "' + b"y" * 70_000
    path.write_bytes(data)
    assert store_module._log_end(path) == (0, data)


def test_a_torn_line_after_a_long_log_is_mended_in_place(store):
    old = _long_log(store)
    (store.root / CHANGES_FILE).write_bytes(old + b'{"who": "afbrudt')
    store.update(set_progress("I-007", 51))
    data = (store.root / CHANGES_FILE).read_bytes()
    assert data.startswith(old)
    torn, last = (json.loads(line) for line in data[len(old) :].splitlines())
    assert (torn["op"], torn["raw"], last["new"]) == ("torn", '{"who": "afbrudt', "51")


@pytest.mark.parametrize("ending", [b"\n", b""], ids=["ends-with-newline", "whole-line-without-newline"])
def test_a_failed_log_append_is_rolled_back_byte_for_byte(store, monkeypatch, ending):
    path = store.root / CHANGES_FILE
    path.write_bytes(path.read_bytes().rstrip(b"\n") + ending)
    before = snapshot(store.root)
    real = journal.append_line_block

    def append_then_fail(target, text):
        real(target, text)
        raise OSError(28, "Ingen plads tilbage på enheden")

    monkeypatch.setattr(journal, "append_line_block", append_then_fail)
    with pytest.raises(SaveError):
        store.update(set_progress("I-007", 52))
    assert snapshot(store.root) == before


# --- edits made outside forumkit: their log lines ----------------------------------------------------------


def test_an_outside_edit_is_logged_as_utf8_with_its_time(workspace):
    Store(workspace, who="test").load()
    assert (workspace / STATE_DIR).is_dir()
    path = workspace / "initiatives.csv"
    ws = load_workspace(workspace)
    rows = tuple(edit(i, title="Ærø-færgen") if i.id == "I-007" else i for i in ws.initiatives)
    path.write_bytes(table_bytes(TABLES["initiatives"], rows))
    count = len(read_changes(workspace))
    Store(workspace, who="test").load()
    lines = (workspace / CHANGES_FILE).read_bytes().splitlines()[count:]
    assert len(lines) == 1
    assert OUTSIDE_WHAT.encode("utf-8") in lines[0] and "Ærø-færgen".encode() in lines[0]
    entry = json.loads(lines[0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", entry["time"])
    assert list(entry)[:3] == ["time", "who", "what"] and entry["new"] == "Ærø-færgen"


# --- a folder that is no workspace -------------------------------------------------------------------------


def test_a_missing_folder_is_named_in_danish_before_any_lock_is_made(tmp_path):
    root = tmp_path / "ikke-her"
    with pytest.raises(WorkspaceError) as info:
        Store(root).update(lambda ws: ws)
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.column, problem.message) == (
        str(root),
        1,
        "mappe",
        "mappen findes ikke",
    )
    assert not root.exists()


def test_a_folder_without_a_charter_is_named_and_left_untouched(tmp_path):
    (tmp_path / "noter.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(WorkspaceError) as info:
        Store(tmp_path).update(lambda ws: ws)
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.message) == (
        1,
        "mappe",
        "ikke et forumkit-arbejdsområde (forum.toml mangler)",
    )
    assert sorted(os.listdir(tmp_path)) == ["noter.txt"]


# --- the lock: released at once, whatever happens to its holder file -----------------------------------------


def test_a_refused_change_releases_the_lock_at_once_even_while_its_error_is_kept(store):
    """The screens keep the last error to show it; the next save must not wait for that object to go."""
    with pytest.raises(InputError) as kept:
        store.update(copied("I-007", progress=500))
    other = Store(store.root, who="anden", timeout=0.3)
    assert other.update(set_progress("I-007", 54)).initiative_by_id["I-007"].progress == 54
    assert kept.value.field == "fremdrift"


def test_a_holder_file_removed_while_locked_is_no_error(store):
    with store.locked():
        (store.root / store_module.HOLDER_FILE).unlink()
    assert not (store.root / store_module.HOLDER_FILE).exists()
    assert store.update(set_progress("I-007", 55)).initiative_by_id["I-007"].progress == 55


@pytest.mark.parametrize("target", ["findes-ikke/holder.json", "mine.txt", "networks.csv"])
def test_a_link_in_the_holder_files_place_is_never_followed(store, target):
    """A save must not write through a link: not create a file where it points, nor overwrite the user's."""
    (store.root / "mine.txt").write_text("mine noter", encoding="utf-8")
    before = snapshot(store.root)
    os.symlink(store.root / target, store.root / store_module.HOLDER_FILE)
    assert store.update(set_progress("I-007", 56)).initiative_by_id["I-007"].progress == 56
    after = snapshot(store.root)
    assert after["mine.txt"] == before["mine.txt"] and after["networks.csv"] == before["networks.csv"]
    assert not (store.root / "findes-ikke").exists()
    assert not (store.root / store_module.HOLDER_FILE).exists()  # the link went with the lock
    assert Store(store.root, timeout=0.3).update(set_progress("I-007", 57)).initiative_by_id["I-007"].progress == 57


def test_a_row_of_blank_cells_is_refused_not_lost(store):
    report = store.load().council_reports[0]
    blank = report.model_copy(update=dict.fromkeys(type(report).model_fields))
    before = snapshot(store.root)
    with pytest.raises(InputError) as info:
        store.update(lambda ws: ws.with_table("council_reports", (*ws.council_reports, blank)))
    assert (info.value.field, info.value.value) == ("id", "")
    assert (
        str(info.value)
        == "id: en tom række i council_reports.csv kan ikke gemmes – den ville forsvinde ved næste indlæsning"
    )
    assert snapshot(store.root) == before


def test_a_holder_file_left_by_a_crashed_process_is_replaced_by_ours(store):
    holder = store.root / store_module.HOLDER_FILE
    holder.write_text(json.dumps({"who": "gammel proces", "host": "x", "pid": 1, "since": "2026-01-01T00:00:00"}))
    with store.locked():
        info = json.loads(holder.read_text(encoding="utf-8"))
        mode = os.stat(holder).st_mode & 0o777
    assert (info["who"], info["pid"]) == (store.who, os.getpid())
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o644 & ~umask  # an ordinary readable file, not executable
