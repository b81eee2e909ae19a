"""Edits made outside forumkit (Excel, an editor) are noticed on open and logged as 'ændret uden for forumkit'."""

from __future__ import annotations

from forumkit.storage.outside import OUTSIDE_WHAT, STATE_DIR
from forumkit.storage.store import CHANGES_FILE, Store, read_changes

from .conftest import TODAY, snapshot


def _opened(workspace):
    """The workspace opened once by forumkit (its last-logged copies exist from then on)."""
    Store(workspace, who="test").load()
    assert (workspace / STATE_DIR / "initiatives.csv").read_bytes() == (workspace / "initiatives.csv").read_bytes()
    return len(read_changes(workspace))


def _excel_edit(workspace):
    """Like Excel would: one cell changed, a row added, a row removed (initiatives.csv)."""
    path = workspace / "initiatives.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header, rows = lines[0], lines[1:]
    first = rows[0].split(";")
    title_col = header.split(";").index("titel")
    old_title = first[title_col]
    first[title_col] = "Ny titel fra Excel"
    removed = rows[-1].split(";")[0]
    added = rows[1].split(";")
    added[0] = "I-900"
    rows = [";".join(first), *rows[1:-1], ";".join(added)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    return first[0], old_title, removed


def test_a_hand_edit_is_logged_on_open_with_who_and_what(workspace):
    before = _opened(workspace)
    changed_id, old_title, removed = _excel_edit(workspace)
    ws = Store(workspace, who="test").load()
    assert ws.initiative_by_id[changed_id].title == "Ny titel fra Excel"
    new = read_changes(workspace)[before:]
    assert new and all(e["what"] == OUTSIDE_WHAT for e in new)
    import getpass

    assert {e["who"] for e in new} == {getpass.getuser()}  # the file's owner, not the Store's user ("test")
    change = [e for e in new if e["op"] == "change"]
    assert change == [{**change[0], "row": changed_id, "field": "titel", "old": old_title, "new": "Ny titel fra Excel"}]
    assert {e["row"] for e in new if e["op"] == "add"} == {"I-900"}
    assert [e["row"] for e in new if e["op"] == "remove"] == [removed]
    # a second open adds nothing
    Store(workspace, who="test").load()
    assert len(read_changes(workspace)) == before + len(new)


def test_check_reports_the_outside_edit_as_information_and_writes_nothing(workspace, capsys):
    from forumkit.cli import main

    _opened(workspace)
    _excel_edit(workspace)
    state = snapshot(workspace)
    copies = snapshot(workspace / STATE_DIR)
    main(["check", str(workspace), "--date", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert "info: [outside-edit] initiatives.csv er ændret uden for forumkit (19 ændrede felter" in out
    assert snapshot(workspace) == state and snapshot(workspace / STATE_DIR) == copies


def test_an_update_logs_the_outside_edit_before_its_own_change(workspace):
    before = _opened(workspace)
    changed_id, _, _ = _excel_edit(workspace)
    store = Store(workspace, who="test")
    from forumkit.edits.catalogue import update_initiative

    store.update(lambda ws: update_initiative(ws, changed_id, TODAY, next_step="Ring til Anna"), what="næste skridt")
    new = read_changes(workspace)[before:]
    whats = [e["what"] for e in new]
    assert whats.index("næste skridt") > max(i for i, w in enumerate(whats) if w == OUTSIDE_WHAT)
    own = [e for e in new if e["what"] == "næste skridt"]
    assert "titel" not in [e["field"] for e in own] and "næste_skridt" in [
        e["field"] for e in own
    ]  # the Excel title is not claimed by the screen's save


def test_a_workspace_without_copies_takes_its_state_as_the_baseline(workspace):
    log = (workspace / CHANGES_FILE).read_bytes()
    Store(workspace, who="test").load()
    assert (workspace / CHANGES_FILE).read_bytes() == log  # nothing logged: there is no earlier state to compare
    assert (workspace / STATE_DIR / "members.csv").exists()


def test_a_reformatting_alone_logs_nothing(workspace):
    before = _opened(workspace)
    path = workspace / "members.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # Windows line ends, same values
    Store(workspace, who="test").load()
    assert len(read_changes(workspace)) == before
    assert (workspace / STATE_DIR / "members.csv").read_bytes() == path.read_bytes()


def test_a_save_keeps_the_copy_equal_to_the_file(workspace):
    from forumkit.edits.catalogue import update_initiative

    store = Store(workspace, who="test")
    ws = store.load()
    first = ws.initiatives[0].id
    store.update(lambda w: update_initiative(w, first, TODAY, next_step="x"), what="t")
    assert (workspace / STATE_DIR / "initiatives.csv").read_bytes() == (workspace / "initiatives.csv").read_bytes()
    before = len(read_changes(workspace))
    Store(workspace, who="test").load()
    assert len(read_changes(workspace)) == before


def test_a_deleted_milestones_file_is_logged_as_removed_rows(workspace):
    before = _opened(workspace)
    (workspace / "milestones.csv").unlink()
    ws = Store(workspace, who="test").load()
    assert ws.milestones == ()
    new = read_changes(workspace)[before:]
    assert sorted((e["table"], e["row"], e["op"]) for e in new) == [
        ("milestones", "MP-001", "remove"),
        ("milestones", "MP-002", "remove"),
        ("milestones", "MP-003", "remove"),
    ]
    assert not (workspace / STATE_DIR / "milestones.csv").exists()
    Store(workspace, who="test").load()
    assert len(read_changes(workspace)) == before + 3


def test_a_stray_file_named_like_the_copies_folder_blocks_nothing(workspace):
    from forumkit.edits.catalogue import update_initiative

    (workspace / STATE_DIR).write_text("not a folder", encoding="utf-8")
    store = Store(workspace, who="test")
    first = store.load().initiatives[0].id
    store.update(lambda ws: update_initiative(ws, first, TODAY, next_step="x"), what="t")
    assert store.load().initiative_by_id[first].next_step == "x"
    assert (workspace / STATE_DIR).read_text(encoding="utf-8") == "not a folder"  # never overwritten


def test_a_crash_between_the_data_file_and_its_copy_is_finished_on_open(workspace):
    """The copy is in the same journal as the file: a save cut short after the commit is finished whole."""
    import os

    from forumkit.storage.journal import JOURNAL_FILE, _prepare

    before = _opened(workspace)
    path = workspace / "members.csv"
    data = path.read_bytes().replace(b"Thomas Krogh", b"Tomas Krogh")
    record = _prepare(workspace, {"members.csv": data, f"{STATE_DIR}/members.csv": data}, None)
    first = record["files"][0]
    os.replace(workspace / first["temp"], path)  # the crash: the data file is in place, its copy is not
    assert (workspace / JOURNAL_FILE).exists()
    Store(workspace, who="test").load()
    assert path.read_bytes() == data == (workspace / STATE_DIR / "members.csv").read_bytes()
    assert len(read_changes(workspace)) == before  # finished as one save: no "outside" edit in between


def test_rows_sorted_in_excel_log_nothing_and_a_change_after_is_one_entry(workspace):
    before = _opened(workspace)
    path = workspace / "initiatives.csv"
    header, *rows = path.read_text(encoding="utf-8-sig").splitlines()
    rows.reverse()
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    Store(workspace, who="test").load()
    assert len(read_changes(workspace)) == before
    cells = rows[0].split(";")
    last = cells[0]
    cells[1] = cells[1] + " (rettet)"
    rows[0] = ";".join(cells)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    Store(workspace, who="test").load()
    new = read_changes(workspace)[before:]
    assert [(e["row"], e["field"], e["op"]) for e in new if e["field"] == "titel"] == [(last, "titel", "change")]


def test_a_busy_workspace_opens_and_the_outside_edit_is_logged_later(workspace):
    from filelock import FileLock

    from forumkit.storage.store import LOCK_FILE

    before = _opened(workspace)
    changed_id, _, _ = _excel_edit(workspace)
    with FileLock(str(workspace / LOCK_FILE)):  # another process saving for a long time
        ws = Store(workspace, who="test", timeout=30).load()
    assert ws.initiative_by_id[changed_id].title == "Ny titel fra Excel"
    assert len(read_changes(workspace)) == before  # not logged while busy …
    Store(workspace, who="test").load()
    assert any(e["what"] == OUTSIDE_WHAT for e in read_changes(workspace)[before:])  # … but on the next open
