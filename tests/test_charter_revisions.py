"""The kommissorium changed as data: revisions dated from the day they take effect, saved as one logged
transaction, and checks as of an earlier day use the charter then in force."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from forumkit.edits.charter import revise_charter
from forumkit.model.charter import CharterSeat, default_charter_path, load_charter, parse_charter
from forumkit.model.charter_history import HISTORY_FILE
from forumkit.model.charter_toml import render_charter
from forumkit.model.errors import InputError
from forumkit.rules.composition import check_composition
from forumkit.storage import store as store_module
from forumkit.storage.history import workspace_as_of
from forumkit.storage.store import Store, load_workspace, read_changes

NEW_SEAT = CharterSeat(id="NY", name="Repræsentant for et nyt område", appointed_by="Ny organisation", count=1)


def _with_new_seat(charter):
    return charter.model_copy(update={"seats": (*charter.seats, NEW_SEAT)})


@pytest.fixture
def revised(workspace, monkeypatch):
    monkeypatch.setattr(store_module, "now", lambda: datetime(2026, 6, 1, 12, 0))
    store = Store(workspace, who="test")
    before = (workspace / "forum.toml").read_bytes()
    revise_charter(store, _with_new_seat(store.load().charter), date(2026, 7, 1), "nyt sæde")
    return store, before


def test_every_bundled_charter_renders_and_reads_back():
    from forumkit.model.charter import bundled_charters

    for path in bundled_charters().values():
        charter, problems = load_charter(path)
        assert problems == [] and parse_charter(render_charter(charter))[0] == charter


def test_control_characters_survive_the_round_trip():
    charter, _ = load_charter(default_charter_path())
    odd = charter.model_copy(update={"forum": charter.forum.model_copy(update={"name": 'a "b" \\ \x7f\n\tæ'})})
    assert parse_charter(render_charter(odd))[0] == odd


def test_revision_is_saved_logged_and_in_history(revised):
    store, before = revised
    ws = store.load()
    assert ws.charter.seat_by_id["NY"] == NEW_SEAT
    lines = [json.loads(x) for x in (store.root / HISTORY_FILE).read_text(encoding="utf-8").splitlines()]
    assert [x["gælder_fra"] for x in lines] == [None, "2026-07-01"]
    assert lines[0]["kommissorium"].encode() == before
    entry = read_changes(store.root)[-1]
    assert entry["table"] == "kommissorium" and entry["old"].encode() == before and "NY" in entry["new"]


def test_new_seat_is_vacant_only_from_its_day(revised):
    store, _ = revised
    ws = store.load()
    vacant = lambda day: {f.ref for f in check_composition(ws, day) if f.code == "seat-vacant"}
    assert "NY" not in vacant(date(2026, 6, 30))
    assert "NY" in vacant(date(2026, 7, 1))
    assert "NY" in vacant(date(2027, 1, 1))


def test_revision_before_the_last_one_is_refused(revised):
    store, _ = revised
    charter = store.load().charter
    other = charter.model_copy(update={"seats": charter.seats[:-1]})
    with pytest.raises(InputError, match="seneste ændring"):
        revise_charter(store, other, date(2026, 6, 30))


def test_unchanged_charter_is_refused(workspace):
    store = Store(workspace)
    with pytest.raises(InputError, match="intet er ændret"):
        revise_charter(store, store.load().charter, date(2026, 7, 1))


def test_removing_a_held_seat_is_refused_and_nothing_changes(workspace):
    store = Store(workspace)
    before = {p.name: p.read_bytes() for p in workspace.iterdir() if p.is_file() and "lock" not in p.name}
    charter = store.load().charter
    held = store.load().members[0].seat
    with pytest.raises(InputError):
        revise_charter(
            store,
            charter.model_copy(update={"seats": tuple(s for s in charter.seats if s.id != held)}),
            date(2026, 7, 1),
        )
    assert {p.name: p.read_bytes() for p in workspace.iterdir() if p.is_file() and "lock" not in p.name} == before


def test_as_of_before_the_revision_rebuilds_the_old_charter(revised):
    store, before = revised
    snapshot = workspace_as_of(store.root, date(2026, 5, 31))
    assert snapshot.files["forum.toml"] == before and "NY" not in snapshot.workspace.charter.seat_by_id
    assert workspace_as_of(store.root, date(2026, 6, 1)).workspace.charter.seat_by_id["NY"] == NEW_SEAT


def test_history_survives_a_fresh_load(revised):
    store, _ = revised
    ws = load_workspace(store.root)
    assert "NY" not in ws.charter_as_of(date(2026, 6, 30)).seat_by_id
    assert ws.charter_as_of(date(2026, 7, 1)).seat_by_id["NY"] == NEW_SEAT


def test_garbage_history_is_a_danish_problem(workspace):
    (workspace / HISTORY_FILE).write_text("ikke json\n", encoding="utf-8")
    from forumkit.model.errors import WorkspaceError

    with pytest.raises(WorkspaceError) as info:
        load_workspace(workspace)
    assert any(p.file == HISTORY_FILE and p.line == 1 for p in info.value.problems)


def test_meeting_count_per_year_follows_the_charter_in_force(revised):
    from forumkit.rules.meeting_rules import check_meetings

    store, _ = revised
    charter = store.load().charter
    more = charter.model_copy(update={"meetings": charter.meetings.model_copy(update={"per_year": 6})})
    revise_charter(store, more, date(2027, 1, 1), "flere møder")
    ws = store.load()
    too_few = {f.ref: f.message for f in check_meetings(ws, date(2027, 3, 1)) if f.code == "year-too-few-meetings"}
    assert "2026" not in too_few  # 2026 is held to two meetings a year
    assert "kommissoriet siger 6 om året" in too_few["2027"]


def test_a_hand_edit_of_forum_toml_after_a_revision_counts_from_then_on(revised):
    store, _ = revised
    path = store.root / "forum.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("per_year = 2", "per_year = 3", 1), encoding="utf-8")
    ws = load_workspace(store.root)
    assert ws.charter_as_of(date(2026, 8, 1)).meetings.per_year == 3
    assert ws.charter_as_of(date(2026, 6, 30)).meetings.per_year == 2
