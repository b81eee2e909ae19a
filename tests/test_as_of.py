"""Reports as the data stood: the workspace rebuilt from the change log for a past day is byte for byte the
workspace of that day, and a status bundle rebuilt ``--as-of`` that day is byte-identical to the one made on it."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from forumkit.cli import main
from forumkit.edits.catalogue import create_initiative, update_initiative
from forumkit.edits.meetings import remove_item
from forumkit.model.tables import TABLES
from forumkit.storage import store as store_module
from forumkit.storage.history import log_cut, workspace_as_of
from forumkit.storage.store import CHANGES_FILE, Store

DAY = date(2026, 11, 25)


def _on(monkeypatch, day: date, hour: int = 10) -> None:
    """Saves from now on are stamped on ``day`` (the log's clock, not the machine's)."""
    monkeypatch.setattr(store_module, "now", lambda: datetime.combine(day, time(hour, 0)))


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _removable_item(ws):
    acted = {(a.meeting, a.number) for a in ws.actions}
    return next(i for i in reversed(ws.agenda) if (i.meeting, i.number) not in acted)


@pytest.fixture
def later(workspace, monkeypatch):
    """The example workspace with saves on DAY, a bundle made on DAY, then more saves on the days after."""
    from forumkit.storage.store import load_workspace, table_bytes

    current = load_workspace(workspace)  # a workspace this version has saved: every table in today's format
    for spec in TABLES.values():
        (workspace / spec.file).write_bytes(table_bytes(spec, current.table(spec.name)))
    store = Store(workspace, who="test")
    _on(monkeypatch, DAY, 9)
    store.update(lambda ws: update_initiative(ws, "I-018", DAY, progress=70), what="fremdrift")
    before = {spec.file: (workspace / spec.file).read_bytes() for spec in TABLES.values()}
    before[CHANGES_FILE] = (workspace / CHANGES_FILE).read_bytes()
    before["forum.toml"] = (workspace / "forum.toml").read_bytes()
    made = workspace.parent / "lavet den dag"
    assert main(["status-report", "2026", "--out", str(made), "--dir", str(workspace), "--date", DAY.isoformat()]) == 0
    _on(monkeypatch, date(2026, 11, 26))
    store.update(lambda ws: update_initiative(ws, "I-018", date(2026, 11, 26), progress=90), what="fremdrift")
    store.update(
        lambda ws: create_initiative(
            ws, title="Nyt initiativ", pillar=ws.charter.pillars[0].id, today=date(2026, 11, 26)
        ),
        what="nyt",
    )
    item = _removable_item(store.load())
    store.update(lambda ws: remove_item(ws, item.meeting, item.number), what="fjern punkt")
    _on(monkeypatch, date(2026, 11, 27))
    store.update(lambda ws: update_initiative(ws, "I-027", date(2026, 11, 27), progress=50), what="fremdrift")
    return workspace, before, made


def test_files_as_of_a_day_are_the_files_of_that_day(later):
    workspace, before, _ = later
    snapshot = workspace_as_of(workspace, DAY)
    assert (workspace / "agenda.csv").read_bytes() != before["agenda.csv"]  # the later saves changed files
    for name, data in before.items():
        assert snapshot.files[name] == data, name
    assert snapshot.workspace.initiative_by_id["I-018"].progress == 70
    assert "Nyt initiativ" not in {i.title for i in snapshot.workspace.initiatives}


def test_status_report_as_of_is_byte_identical(later, tmp_path):
    workspace, _, made = later
    now_made = tmp_path / "i dag"
    assert (
        main(["status-report", "2026", "--out", str(now_made), "--dir", str(workspace), "--date", DAY.isoformat()]) == 0
    )
    assert _files(now_made) != _files(made)  # today's data make another bundle: the comparison can fail
    rebuilt = tmp_path / "genskabt"
    assert (
        main(["status-report", "2026", "--out", str(rebuilt), "--dir", str(workspace), "--as-of", DAY.isoformat()]) == 0
    )
    assert _files(rebuilt) == _files(made)


def test_as_of_before_everything_is_empty(workspace):
    snapshot = workspace_as_of(workspace, date(2000, 1, 1))
    assert snapshot.files[CHANGES_FILE] == b"" and snapshot.changes == []


def test_log_cut_boundaries():
    log = b'{"time": "2026-11-25T23:59:59", "op": "change"}\n{"time": "2026-11-26T00:00:00", "op": "change"}\n'
    assert log_cut(log, date(2026, 11, 24)) == 0
    assert log_cut(log, date(2026, 11, 25)) == log.index(b"\n") + 1
    assert log_cut(log, date(2026, 11, 26)) == len(log)


def test_cli_as_of_bad_date(workspace, tmp_path, capsys):
    assert (
        main(["status-report", "2026", "--out", str(tmp_path / "x"), "--dir", str(workspace), "--as-of", "2026-13-01"])
        == 2
    )
    assert "Traceback" not in capsys.readouterr().err
