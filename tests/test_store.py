"""Saving: round trip, atomic under injected faults, the lock, concurrent processes, the change log."""

from __future__ import annotations

import json
import os

import pytest

from forumkit.model.errors import LockTimeoutError
from forumkit.model.tables import edit
from forumkit.storage.store import CHANGES_FILE, Store, load_workspace, read_changes
from tests.conftest import snapshot


def bump(ws, iid="I-007", progress=55):
    rows = [edit(i, progress=progress) if i.id == iid else i for i in ws.initiatives]
    return ws.with_table("initiatives", rows)


def test_save_then_load_gives_back_the_same_data(store):
    before = store.load()
    after = store.update(lambda ws: bump(ws, progress=55))
    assert load_workspace(store.root) == after
    assert after.initiative_by_id["I-007"].progress == 55
    assert after.members == before.members


def test_saved_csv_is_utf8_with_bom_and_semicolons(store):
    store.update(bump)
    data = (store.root / "initiatives.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;titel;s\xc3\xb8jle;")
    assert "Fødevarer" not in data.decode("utf-8") or "æ" in data.decode("utf-8")


def test_each_changed_field_is_logged(store):
    count = len(read_changes(store.root))
    store.update(lambda ws: bump(ws, progress=55), what="test")
    new = read_changes(store.root)[count:]
    assert [(e["table"], e["row"], e["field"], e["old"], e["new"], e["who"]) for e in new] == [
        ("initiatives", "I-007", "fremdrift", "50", "55", "test")
    ]


def test_who_is_the_hub_user_in_a_jupyterhub_server(workspace, monkeypatch):
    """JupyterHub sets JUPYTERHUB_USER in each user's server; FORUMKIT_USER still wins, the OS user comes last."""
    import getpass

    monkeypatch.delenv("FORUMKIT_USER", raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", "anna")
    Store(workspace).update(bump)
    assert read_changes(workspace)[-1]["who"] == "anna"
    monkeypatch.setenv("FORUMKIT_USER", "sekretariatet")
    assert Store(workspace).who == "sekretariatet"
    monkeypatch.delenv("FORUMKIT_USER")
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert Store(workspace).who == getpass.getuser()


def test_an_unchanged_save_writes_nothing(store):
    before = snapshot(store.root)
    store.update(lambda ws: ws)
    assert snapshot(store.root) == before


def test_lock_timeout_names_the_holder(store):
    other = Store(store.root, who="rikke", timeout=0.2)
    with store.locked(), pytest.raises(LockTimeoutError) as info:
        other.update(bump)
    message = str(info.value)
    assert message.startswith("Arbejdsområdet er optaget: test på ")
    assert f"(proces {os.getpid()}, siden " in message
    assert "intet er ændret" in message


def test_a_torn_last_log_line_is_reported_and_kept(store):
    log = store.root / CHANGES_FILE
    with open(log, "ab") as handle:
        handle.write(b'{"time": "2026-11-26T10:00:00", "tab')
    ws = store.load()
    assert ws.warnings and "sidste linje er ufuldstændig" in ws.warnings[0]
    store.update(bump)
    entries = read_changes(store.root)
    torn = [e for e in entries if e.get("op") == "torn"]
    assert torn and torn[0]["raw"] == '{"time": "2026-11-26T10:00:00", "tab'
    assert entries[-1]["field"] == "fremdrift"
    assert store.load().warnings == ()


def test_refused_edit_writes_nothing(store):
    from forumkit.model.errors import InputError

    before = snapshot(store.root)
    with pytest.raises(InputError) as info:
        store.update(
            lambda ws: ws.with_table(
                "initiatives", [edit(i, pillar="Rumfart") if i.id == "I-001" else i for i in ws.initiatives]
            )
        )
    assert info.value.message.startswith("ukendt søjle 'Rumfart'")
    assert snapshot(store.root) == before


def test_log_lines_are_json(store):
    store.update(bump)
    for raw in (store.root / CHANGES_FILE).read_text(encoding="utf-8").splitlines():
        assert isinstance(json.loads(raw), dict)


def test_the_cache_sees_a_change_made_by_another_process(store):
    first = store.load()
    assert store.load() is first  # nothing changed: nothing parsed again
    other = Store(store.root, who="anden")
    other.update(lambda ws: bump(ws, progress=77))
    assert store.load().initiative_by_id["I-007"].progress == 77
    store.update(lambda ws: bump(ws, iid="I-013", progress=90))
    fresh = load_workspace(store.root)
    assert (fresh.initiative_by_id["I-007"].progress, fresh.initiative_by_id["I-013"].progress) == (77, 90)


def test_the_cache_never_hides_a_broken_file(store):
    store.load()
    path = store.root / "meetings.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("2027-04-22", "2027-04-31"), encoding="utf-8")
    from forumkit.model.errors import WorkspaceError

    with pytest.raises(WorkspaceError, match="2027-04-31"):
        store.load()
