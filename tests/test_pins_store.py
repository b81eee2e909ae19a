"""The store pinned on what a user and the change log see: each logged entry in full, the log's own problems by
line, the lock holder's name, the cache, and temp files cleaned up (found by mutation testing, docs/mutation.md).
The storage layer is being rewritten: these test Store, load_workspace, read_changes and friends, not helpers."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from forumkit.model.errors import InputError, LockTimeoutError, SaveError, WorkspaceError
from forumkit.model.tables import TABLES, Initiative, edit
from forumkit.storage.store import (
    CHANGES_FILE,
    Store,
    is_workspace,
    leftover_temp_files,
    load_workspace,
    read_changes,
    table_bytes,
)
from tests.conftest import EXAMPLE, snapshot
from tests.faults import failing

NOT_A_FILE = "her ligger en mappe eller anden ikke-fil med filens navn – flyt den væk, så filen kan læses"
BROKEN_LINK = "filen er en genvej (symbolsk link), der peger på noget, som ikke findes – ret eller fjern genvejen"


def problems(folder) -> list[str]:
    with pytest.raises(WorkspaceError) as info:
        load_workspace(folder)
    return [str(p) for p in info.value.problems]


def set_progress(iid, value):
    return lambda ws: ws.with_table(
        "initiatives", [edit(i, progress=value) if i.id == iid else i for i in ws.initiatives]
    )


def new_entries(store, change, what=""):
    count = len(read_changes(store.root))
    store.update(change, what=what)
    return [{k: v for k, v in e.items() if k != "time"} for e in read_changes(store.root)[count:]]


# --- the change log ----------------------------------------------------------------------------------------


def test_a_change_is_logged_with_who_what_old_and_new(store):
    assert new_entries(store, set_progress("I-007", 51), what="fremdrift") == [
        {
            "who": "test",
            "what": "fremdrift",
            "table": "initiatives",
            "row": "I-007",
            "op": "change",
            "field": "fremdrift",
            "old": "50",
            "new": "51",
        }
    ]
    entry = read_changes(store.root)[-1]
    assert len(entry["time"]) == 19 and entry["time"][10] == "T"


def test_clearing_a_value_logs_none_as_new(store):
    assert new_entries(store, set_progress("I-007", None)) == [
        {
            "who": "test",
            "what": "",
            "table": "initiatives",
            "row": "I-007",
            "op": "change",
            "field": "fremdrift",
            "old": "50",
            "new": None,
        }
    ]


def test_an_added_row_logs_its_filled_fields_only(store):
    def add(ws):
        new = Initiative(id="I-099", title="Ny idé", pillar="LH", kind="fælles", status="idé")
        return ws.with_table("initiatives", (*ws.initiatives, new))

    entries = new_entries(store, add)
    assert {(e["table"], e["op"], e["row"], e["who"]) for e in entries} == {("initiatives", "add", "I-099", "test")}
    assert {e["field"]: e["new"] for e in entries} == {
        "id": "I-099",
        "titel": "Ny idé",
        "søjle": "LH",
        "status": "idé",
        "type": "fælles",
    }
    assert all(e["old"] is None for e in entries)


def test_a_removed_row_logs_one_remove(store):
    entries = new_entries(
        store, lambda ws: ws.with_table("initiatives", [i for i in ws.initiatives if i.id != "I-011"])
    )
    [entry] = entries  # one entry; it keeps the whole row and its place, so --as-of can put it back
    assert {k: entry[k] for k in ("who", "what", "table", "row", "op", "field", "new")} == {
        "who": "test",
        "what": "",
        "table": "initiatives",
        "row": "I-011",
        "op": "remove",
        "field": "*",
        "new": None,
    }
    assert entry["old"]["id"] == "I-011" and entry["old"]["titel"] == "Fælles indkøb af klimavenlig emballage"
    assert entry["at"] == 10


def test_a_change_in_a_reordered_table_is_still_one_change(store):
    def reorder_and_change(ws):
        rows = [edit(i, progress=52) if i.id == "I-007" else i for i in ws.initiatives]
        return ws.with_table("initiatives", reversed(rows))

    assert new_entries(store, reorder_and_change) == [
        {
            "who": "test",
            "what": "",
            "table": "initiatives",
            "row": "I-007",
            "op": "change",
            "field": "fremdrift",
            "old": "50",
            "new": "52",
        }
    ]


def test_a_change_that_adds_and_removes_at_once(store):
    def swap(ws):
        first = ws.networks[0]
        return ws.with_table("networks", [edit(first, name="Nyt navn"), *ws.networks[1:]])

    assert new_entries(store, swap) == [
        {
            "who": "test",
            "what": "",
            "table": "networks",
            "row": "N-KLIMA",
            "op": "change",
            "field": "navn",
            "old": "Erhvervsnetværk for klima og bæredygtighed",
            "new": "Nyt navn",
        }
    ]


def test_read_changes_skips_blank_and_broken_lines(tmp_path):
    assert read_changes(tmp_path) == []
    (tmp_path / CHANGES_FILE).write_bytes(b'{"a": 1}\n\n  \nnot json\n{"b": 2}\n{"c": ')
    assert read_changes(tmp_path) == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('{"a": 1}\n{"b": 2}\n', []),
        ('{"a": 1}\r\n{"b": 2}\r\n', []),
        ('{"a": 1}\nhalløj\n{"b": 2}\n', ["changes.jsonl:2:linje: linjen er ikke et gyldigt JSON-objekt: 'halløj'"]),
        (
            "x" * 59 + "øre\n",
            ["changes.jsonl:1:linje: linjen er ikke et gyldigt JSON-objekt: '" + "x" * 59 + "\ufffd'"],
        ),
        ('\n{"a": 1}\nfejlX\r\n', ["changes.jsonl:3:linje: linjen er ikke et gyldigt JSON-objekt: 'fejlX'"]),
        (
            '{"a": 1}\n' + "x" * 70 + "\n",
            ["changes.jsonl:2:linje: linjen er ikke et gyldigt JSON-objekt: '" + "x" * 60 + "'"],
        ),
    ],
)
def test_log_lines_that_are_not_objects_are_errors_with_their_line(workspace, text, expected):
    (workspace / CHANGES_FILE).write_text(text, encoding="utf-8")
    if expected:
        assert problems(workspace) == expected
    else:
        assert load_workspace(workspace).warnings == ()


def test_a_torn_last_line_is_a_warning_and_a_whole_one_without_newline_too(workspace):
    log = workspace / CHANGES_FILE
    log.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c"')
    assert load_workspace(workspace).warnings == (
        "changes.jsonl:3:linje: sidste linje er ufuldstændig (afbrudt gemning) – den bevares og markeres ved "
        "næste gemning",
    )
    log.write_bytes(b'{"a": 1}\n{"b": 2}')
    assert load_workspace(workspace).warnings == (
        "changes.jsonl:2:linje: sidste linje mangler linjeskift – den rettes ved næste gemning",
    )
    log.write_bytes(b'broken\n{"c"')
    assert problems(workspace) == ["changes.jsonl:1:linje: linjen er ikke et gyldigt JSON-objekt: 'broken'"]


def test_an_empty_or_missing_log_is_fine(workspace):
    (workspace / CHANGES_FILE).write_bytes(b"")
    assert load_workspace(workspace).warnings == ()
    (workspace / CHANGES_FILE).unlink()
    assert load_workspace(workspace).warnings == ()


def test_a_whole_last_line_without_newline_gets_one_before_the_next_entry(store):
    log = store.root / CHANGES_FILE
    log.write_bytes(log.read_bytes().rstrip(b"\n"))
    store.update(set_progress("I-007", 53))
    data = log.read_bytes()
    assert data.endswith(b"\n") and not any(e.get("op") == "torn" for e in read_changes(store.root))
    assert read_changes(store.root)[-1]["new"] == "53"
    assert len(read_changes(store.root)) == data.count(b"\n")


def test_a_torn_fragment_is_kept_in_a_torn_entry(store):
    log = store.root / CHANGES_FILE
    before = log.read_bytes()
    log.write_bytes(before + '{"time": "x", "who": "ø'.encode())
    store.update(set_progress("I-007", 54))
    data = log.read_bytes()
    assert data.startswith(before)
    torn, change = read_changes(store.root)[-2:]
    assert (torn["op"], torn["raw"], len(torn["time"])) == ("torn", '{"time": "x", "who": "ø', 19)
    assert change["new"] == "54"
    assert '"raw": "{\\"time\\": \\"x\\", \\"who\\": \\"ø"' in data.decode("utf-8")  # not \u00f8


# --- loading -----------------------------------------------------------------------------------------------


def test_is_workspace_needs_a_charter(workspace, tmp_path):
    assert is_workspace(workspace) and is_workspace(str(workspace))
    assert not is_workspace(tmp_path)
    (tmp_path / "forum.toml").mkdir()
    assert not is_workspace(tmp_path)


def test_a_missing_folder(tmp_path):
    assert problems(tmp_path / "nope") == [f"{tmp_path / 'nope'}:1:mappe: mappen findes ikke"]


def test_a_missing_table_and_a_table_that_is_a_folder(workspace):
    (workspace / "networks.csv").unlink()
    (workspace / "actions.csv").unlink()
    (workspace / "actions.csv").mkdir()
    found = problems(workspace)
    assert "networks.csv:1:fil: filen mangler – kør 'forumkit init' eller gendan den fra en sikkerhedskopi" in found
    assert f"actions.csv:1:fil: {NOT_A_FILE}" in found


@pytest.mark.parametrize(
    "put, message",
    [
        (lambda path: path.mkdir(), NOT_A_FILE),  # was read as an empty table of milestones
        (lambda path: path.symlink_to(path.parent / "findes-ikke.csv"), BROKEN_LINK),
        (lambda path: (path.parent / "mappe").mkdir() or path.symlink_to(path.parent / "mappe"), NOT_A_FILE),
    ],
    ids=["folder", "broken-link", "link-to-folder"],
)
def test_something_else_in_the_place_of_an_optional_table_is_named_not_read_as_empty(workspace, put, message):
    (workspace / "milestones.csv").unlink()
    put(workspace / "milestones.csv")
    assert problems(workspace) == [f"milestones.csv:1:fil: {message}"]


def test_a_bad_value_names_file_line_column_and_value(workspace):
    path = workspace / "initiatives.csv"
    text = path.read_text(encoding="utf-8-sig").replace(";igangsat;", ";i gang;", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(workspace)
    [p] = info.value.problems
    assert (p.file, p.line, p.column, p.value) == ("initiatives.csv", 2, "status", "i gang")
    assert p.message.startswith("ukendt status 'i gang'")


def test_a_reference_problem_names_the_line_of_the_row(workspace):
    path = workspace / "initiatives.csv"
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    lines[3] = lines[3].replace(";WG-2;", ";WG-9;")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(workspace)
    assert [(p.file, p.line, p.column, p.value) for p in info.value.problems] == [
        ("initiatives.csv", 4, "arbejdsgruppe", "WG-9")
    ]


def test_a_broken_charter_and_broken_tables_are_reported_together(workspace):
    (workspace / "forum.toml").write_text("[forum\n", encoding="utf-8")
    (workspace / "networks.csv").write_bytes(b"")
    found = problems(workspace)
    assert any(f.startswith("forum.toml:") for f in found)
    assert any(f.startswith("networks.csv:1:fil: filen er tom") for f in found)


def test_the_cache_reuses_unchanged_files_and_rereads_changed_ones(workspace):
    cache: dict = {}
    first = load_workspace(workspace, cache)
    assert load_workspace(workspace, cache) is first
    path = workspace / "networks.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace("Erhvervsnetværk for klima", "Klimanetværk"), encoding="utf-8"
    )
    second = load_workspace(workspace, cache)
    assert second is not first and second.networks[0].name.startswith("Klimanetværk")
    assert second.initiatives is first.initiatives  # an unchanged table is not parsed again
    assert second.charter is first.charter


def test_a_failed_load_empties_the_cache(workspace):
    cache: dict = {}
    load_workspace(workspace, cache)
    (workspace / "networks.csv").write_bytes(b"")
    with pytest.raises(WorkspaceError):
        load_workspace(workspace, cache)
    assert cache == {}


def test_table_bytes_with_and_without_memo_are_the_same(workspace):
    ws = load_workspace(workspace)
    spec = TABLES["initiatives"]
    memo: dict = {}
    plain = table_bytes(spec, ws.initiatives)
    assert table_bytes(spec, ws.initiatives, memo) == plain == (workspace / spec.file).read_bytes()
    assert len(memo) == len(ws.initiatives)
    changed = tuple(edit(i, progress=1) if i.id == "I-001" else i for i in ws.initiatives)
    again = table_bytes(spec, changed, memo)
    assert again == table_bytes(spec, changed) and again != plain
    assert len(memo) == len(ws.initiatives)  # the replaced row's entry is gone


# --- the store: who, lock, temp files, refused and failed saves --------------------------------------------


def test_who_comes_from_the_argument_then_the_environment(workspace, monkeypatch):
    monkeypatch.setenv("FORUMKIT_USER", "rikke")
    assert Store(workspace).who == "rikke"
    assert Store(workspace, who="ole").who == "ole"
    monkeypatch.delenv("FORUMKIT_USER")
    assert Store(workspace).who


def test_the_lock_timeout_comes_from_the_argument_then_the_environment(workspace, monkeypatch):
    monkeypatch.setenv("FORUMKIT_LOCK_TIMEOUT", "2.5")
    assert Store(workspace).timeout == 2.5
    assert Store(workspace, timeout=0).timeout == 0
    monkeypatch.delenv("FORUMKIT_LOCK_TIMEOUT")
    assert Store(workspace).timeout == 10.0


def test_the_holder_is_written_while_locked_and_removed_after(store):
    holder = store.root / ".forumkit.lock.holder"
    with store.locked():
        info = json.loads(holder.read_text(encoding="utf-8"))
        assert (info["who"], info["pid"]) == ("test", os.getpid()) and len(info["since"]) == 19
        assert set(info) == {"who", "host", "pid", "since"}
    assert not holder.exists()


def test_a_lock_timeout_without_a_readable_holder(store):
    other = Store(store.root, who="rikke", timeout=0.05)
    with store.locked():
        (store.root / ".forumkit.lock.holder").write_text("{", encoding="utf-8")
        with pytest.raises(LockTimeoutError) as info:
            other.update(set_progress("I-007", 1))
    assert info.value.holder == "en anden proces"
    assert str(info.value) == (
        "Arbejdsområdet er optaget: en anden proces gemmer stadig efter 0,05 sekunder. "
        "Vent et øjeblik og prøv igen – intet er ændret."
    )


def test_the_lock_holder_is_named_with_host_pid_and_time(store):
    other = Store(store.root, who="rikke", timeout=0.05)
    with store.locked():
        (store.root / ".forumkit.lock.holder").write_text(
            json.dumps({"who": "ole", "host": "pc7", "pid": 42, "since": "2026-11-26T10:00:00"}), encoding="utf-8"
        )
        with pytest.raises(LockTimeoutError) as info:
            other.update(set_progress("I-007", 1))
    assert info.value.holder == "ole på pc7 (proces 42, siden 2026-11-26 kl. 10:00:00)"


def test_leftover_temp_files_are_found_and_removed_by_the_next_save(store):
    left = store.root / ".initiatives.csv.999999.forumkit-tmp"
    left.write_bytes(b"half a save")
    other = store.root / "notes.txt"
    other.write_bytes(b"the user's")
    assert leftover_temp_files(store.root) == [left]
    store.update(set_progress("I-007", 56))
    assert leftover_temp_files(store.root) == [] and other.read_bytes() == b"the user's"


def test_a_refused_save_names_the_first_bad_reference_and_writes_nothing(store):
    before = snapshot(store.root)
    with pytest.raises(InputError) as info:
        store.update(
            lambda ws: ws.with_table(
                "initiatives", [edit(i, network="N-XX") if i.id == "I-001" else i for i in ws.initiatives]
            )
        )
    assert (info.value.field, info.value.value) == ("netværk", "N-XX")
    assert snapshot(store.root) == before


def test_an_unchanged_update_returns_the_loaded_workspace(store):
    loaded = store.load()
    assert store.update(lambda ws: ws) is loaded


def test_a_save_returns_the_new_workspace_and_the_next_load_parses_nothing(store):
    new = store.update(set_progress("I-007", 57))
    assert new.initiative_by_id["I-007"].progress == 57
    assert store.load() is store.load()
    assert store.load().initiative_by_id["I-007"].progress == 57


def test_a_failed_log_append_puts_the_data_back(store):
    before = snapshot(store.root)
    with failing("fsync", "once", after=1), pytest.raises(SaveError) as info:  # the table's fsync works
        store.update(set_progress("I-007", 58))
    assert "Intet er tabt" in str(info.value)  # (which file failed first depends on the journal's order)
    assert snapshot(store.root) == before
    assert store.load().initiative_by_id["I-007"].progress == 50


def test_a_failed_table_write_names_the_table(store):
    before = snapshot(store.root)
    with failing("replace", "once"), pytest.raises(SaveError) as info:
        store.update(set_progress("I-007", 59))
    assert info.value.path.name in ("initiatives.csv", ".forumkit-state", ".forumkit-journal.json")
    assert snapshot(store.root) == before
    assert store.update(set_progress("I-007", 59)).initiative_by_id["I-007"].progress == 59


def test_the_example_loads_with_every_table(tmp_path):
    ws = load_workspace(EXAMPLE)
    assert ws.meeting_by_id["M-2025-1"].date == date(2025, 5, 6)
    assert all(len(ws.table(name)) > 0 for name in ("members", "meetings", "initiatives", "networks"))


# --- more of the cache, the diff and the log (second round of survivors) -----------------------------------


def test_a_changed_charter_is_read_again_with_the_cache(workspace):
    cache: dict = {}
    load_workspace(workspace, cache)
    path = workspace / "forum.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('short_name = "Samarbejdsforum"', 'short_name = "Forum"'),
        encoding="utf-8",
    )
    assert load_workspace(workspace, cache).charter.forum.short_name == "Forum"


def test_a_table_that_failed_gives_no_dangling_references_into_it(workspace):
    (workspace / "networks.csv").write_bytes(b"")
    found = problems(workspace)
    assert len(found) == 1 and found[0].startswith("networks.csv:1:fil: filen er tom")


def test_lines_remembered_after_a_save_point_at_the_right_row(store):
    store.update(set_progress("I-007", 60))  # the cache now holds what was written, with its lines
    path = store.root / "networks.csv"
    path.write_text(
        "\n".join(line for line in path.read_text(encoding="utf-8-sig").split("\n") if not line.startswith("N-GASTRO")),
        encoding="utf-8",
    )
    with pytest.raises(WorkspaceError) as info:
        store.load()
    first = info.value.problems[0]
    assert (first.file, first.line, first.column, first.value) == ("initiatives.csv", 2, "netværk", "N-GASTRO")


def test_a_row_replaced_by_another_in_its_place_is_a_remove_and_an_add(store):
    def replace_row(ws):
        new = Initiative(id="I-099", title="Ny idé", pillar="LH", kind="fælles", status="idé")
        return ws.with_table("initiatives", [new if i.id == "I-011" else i for i in ws.initiatives])

    entries = new_entries(store, replace_row)
    assert [(e["row"], e["op"]) for e in entries if e["op"] == "remove"] == [("I-011", "remove")]
    assert {e["row"] for e in entries if e["op"] == "add"} == {"I-099"}
    assert len(entries) == 6


def test_the_log_is_utf8_text_not_escapes(store):
    store.update(
        lambda ws: ws.with_table("networks", [edit(ws.networks[0], name="Ærø og Æbletræ"), *ws.networks[1:]]),
        what="omdøbt",
    )
    last = (store.root / CHANGES_FILE).read_bytes().rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("utf-8")
    assert '"new": "Ærø og Æbletræ"' in last and '"what": "omdøbt"' in last


def test_who_falls_back_to_ukendt(workspace, monkeypatch):
    import getpass

    def no_user():
        raise KeyError("uid")

    monkeypatch.delenv("FORUMKIT_USER", raising=False)
    monkeypatch.setattr(getpass, "getuser", no_user)
    assert Store(workspace).who == "ukendt"


def test_two_added_rows_are_both_logged(store):
    def add_two(ws):
        made = [Initiative(id=f"I-09{n}", title=f"Ny {n}", pillar="LH", kind="fælles", status="idé") for n in (1, 2)]
        return ws.with_table("initiatives", (*ws.initiatives, *made))

    entries = new_entries(store, add_two)
    assert sorted({e["row"] for e in entries}) == ["I-091", "I-092"] and len(entries) == 10


def test_what_is_blank_unless_given(store):
    store.update(set_progress("I-007", 61))
    assert read_changes(store.root)[-1]["what"] == ""


def test_a_save_without_a_log_starts_one(store):
    (store.root / CHANGES_FILE).unlink()
    store.update(set_progress("I-007", 62))
    assert [e["new"] for e in read_changes(store.root)] == ["62"]


def test_a_torn_fragment_cut_inside_a_character_is_kept_with_a_replacement(store):
    log = store.root / CHANGES_FILE
    log.write_bytes(log.read_bytes() + b'{"who": "\xc3')
    store.update(set_progress("I-007", 63))
    assert read_changes(store.root)[-2]["raw"] == '{"who": "\ufffd'


def test_one_second_is_said_in_the_singular(store):
    other = Store(store.root, who="rikke", timeout=1)
    with store.locked():
        (store.root / ".forumkit.lock.holder").write_text("{", encoding="utf-8")
        with pytest.raises(LockTimeoutError) as info:
            other.update(set_progress("I-007", 1))
    assert "gemmer stadig efter 1 sekund. Vent" in str(info.value)
