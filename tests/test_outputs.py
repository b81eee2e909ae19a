"""Nothing lost on output (issue #12, items 1 and 9): every command that writes output refuses the
workspace, a folder of the user's own files and a file it did not make; it replaces only its own earlier
output; it keeps folder permissions; and file names from ids are safe, bounded, distinct and keep their
extension."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.cli import main
from forumkit.documents.invitation import write_invitation
from forumkit.documents.member_exports import write_public_xlsx
from forumkit.documents.minutes import write_minutes
from forumkit.edits.transfer import (
    MAPPING_FILE,
    export_table,
    load_mapping,
    save_mapping,
)
from forumkit.model.safe import MAX_BYTES, MAX_NAME, safe_filename, safe_id
from forumkit.storage import outputs
from forumkit.storage.outputs import LEDGER, OutputError
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (relative path → bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def users_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "noter.txt").write_text("mine egne noter", encoding="utf-8")
    (folder / "budget.xlsx").write_bytes(b"ikke forumkits")
    folder.chmod(0o755)
    return folder


def refused(capsys, *argv: str) -> str:
    """Run the CLI, expect exit 2 with one Danish line on stderr and no traceback; return that line."""
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fejl: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def status(out, workspace, *more) -> list[str]:
    return [
        "status-report",
        "2026",
        "--out",
        str(out),
        "--dir",
        str(workspace),
        "--charts",
        "status",
        "--no-pdf",
        *more,
    ]


# --- 1. status-report: the reported failure ------------------------------------------------------


def test_status_report_into_a_folder_of_the_users_files_deletes_nothing(workspace, tmp_path, capsys):
    folder = users_folder(tmp_path)
    before = tree(folder)
    err = refused(capsys, *status(folder, workspace))
    assert "er ikke tom og er ikke en årsstatus, forumkit har lavet" in err and "vælg en tom eller ny mappe" in err
    assert tree(folder) == before and mode(folder) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "workspace"]


def test_status_report_out_dot_deletes_nothing(workspace, tmp_path, capsys, monkeypatch):
    folder = users_folder(tmp_path)
    before = tree(folder)
    monkeypatch.chdir(folder)
    assert "vælg en tom eller ny mappe" in refused(capsys, *status(".", workspace))
    assert tree(folder) == before and mode(folder) == 0o755


@pytest.mark.parametrize(
    "where", ["itself", "inside", "a data file", "around it", "symlink to it", "dot-dot into it", "relative"]
)
def test_status_report_never_touches_the_workspace(workspace, tmp_path, capsys, monkeypatch, where):
    (tmp_path / "link").symlink_to(workspace)
    monkeypatch.chdir(tmp_path)
    out = {
        "itself": workspace,
        "inside": workspace / "rapport",
        "a data file": workspace / "members.csv",
        "around it": tmp_path,
        "symlink to it": tmp_path / "link",
        "relative": "workspace",
        "dot-dot into it": tmp_path / "andet" / ".." / "workspace" / "x",
    }[where]
    before = tree(tmp_path)
    err = refused(capsys, *status(out, workspace))
    assert "arbejdsområdet" in err
    assert tree(tmp_path) == before


def test_status_report_to_the_root_of_the_file_system(workspace, capsys):
    assert "vælg" in refused(capsys, *status("/", workspace))


def test_status_report_onto_a_file(workspace, tmp_path, capsys):
    (tmp_path / "fil.txt").write_text("x")
    assert "findes og er en fil, ikke en mappe" in refused(capsys, *status(tmp_path / "fil.txt", workspace))
    assert (tmp_path / "fil.txt").read_text() == "x"


@pytest.mark.skipif(ROOT_USER, reason="root may write anywhere")
def test_status_report_into_a_read_only_folder(workspace, tmp_path, capsys):
    folder = tmp_path / "skrivebeskyttet"
    folder.mkdir(mode=0o555)
    try:
        assert "der kan ikke skrives i" in refused(capsys, *status(folder / "ny", workspace))
        assert "der kan ikke skrives i" in refused(capsys, *status(folder, workspace))
    finally:
        folder.chmod(0o755)


def test_an_unwritable_place_is_one_line_and_makes_nothing(workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(outputs.os, "access", lambda *a, **k: False)
    assert "der kan ikke skrives i" in refused(capsys, *status(tmp_path / "ny", workspace))
    assert not (tmp_path / "ny").exists()


def test_status_report_keeps_an_empty_folders_permissions(workspace, tmp_path, capsys):
    folder = tmp_path / "tom"
    folder.mkdir()
    folder.chmod(0o751)
    assert main(status(folder, workspace)) == 0
    assert mode(folder) == 0o751 and (folder / "manifest.json").is_file()
    assert not [p for p in folder.iterdir() if p.name.startswith(".forumkit-")]


def test_a_new_bundle_folder_gets_the_usual_mode(workspace, tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    assert main(status(tmp_path / "ny" / "Årsstatus", workspace)) == 0
    assert mode(tmp_path / "ny" / "Årsstatus") == 0o777 & ~umask != 0o700


def test_the_bundle_replaces_only_its_own_earlier_bundle(workspace, tmp_path):
    out = tmp_path / "Årsstatus 2026"
    assert main(status(out, workspace, "--charts", "status,budget")) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["lavet_af"] == "forumkit" and "grafer/02_budget_soegt_og_sikret.png" in manifest["filer"]
    out.chmod(0o750)
    assert main(status(out, workspace)) == 0  # fewer charts: the old budget chart goes with the old bundle
    assert mode(out) == 0o750
    assert sorted(tree(out)) == sorted(
        [*json.loads((out / "manifest.json").read_text("utf-8"))["filer"], "manifest.json"]
    )
    assert not (out / "grafer" / "02_budget_soegt_og_sikret.png").exists()


@pytest.mark.parametrize(
    "change", ["a file of the user's", "an edited case note", "a forged manifest", "a symlink", "no manifest"]
)
def test_an_earlier_bundle_the_user_touched_is_kept(workspace, tmp_path, capsys, change):
    out = tmp_path / "Årsstatus 2026"
    assert main(status(out, workspace)) == 0
    note = out / "Status 2026 – sagsfremstilling.docx"
    if change == "a file of the user's":
        (out / "grafer" / "min kommentar.txt").write_text("vigtigt")
    elif change == "an edited case note":
        note.write_bytes(note.read_bytes() + b"rettet")
    elif change == "a forged manifest":
        (out / "manifest.json").write_text('{"filer": {}}', encoding="utf-8")
    elif change == "a symlink":
        (out / "grafer" / "data").symlink_to(workspace)
    else:
        (out / "manifest.json").unlink()
    before = tree(out)
    err = refused(capsys, *status(out, workspace))
    assert "vælg en tom eller ny mappe" in err or "er ændret, siden forumkit lavede den" in err
    assert tree(out) == before
    assert tree(workspace) == tree(workspace)  # and the symlinked workspace was not followed into
    assert (workspace / "members.csv").is_file()


def test_a_killed_runs_staging_folder_does_not_block_the_next(workspace, tmp_path):
    out = tmp_path / "Årsstatus 2026"
    assert main(status(out, workspace)) == 0
    (out / ".forumkit-ny-abc").mkdir()
    (out / ".forumkit-ny-abc" / "halv.png").write_bytes(b"halv")
    assert main(status(out, workspace)) == 0
    assert not (out / ".forumkit-ny-abc").exists()


def test_a_failure_while_moving_in_puts_the_old_bundle_back(workspace, tmp_path, monkeypatch):
    out = tmp_path / "Årsstatus 2026"
    assert main(status(out, workspace)) == 0
    before = tree(out)
    real, calls = outputs._move, {"n": 0}

    def flaky(src, dst):  # the old bundle's 4 entries go aside, then the 2nd new entry fails
        calls["n"] += 1
        if calls["n"] == 6:
            raise OSError(5, "I/O-fejl")
        return real(src, dst)

    monkeypatch.setattr(outputs, "_move", flaky)
    assert main(status(out, workspace, "--charts", "status,budget")) == 2
    monkeypatch.setattr(outputs, "_move", real)
    assert tree(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("killed_at", range(1, 10))
def test_a_run_killed_while_moving_in_leaves_a_folder_the_next_run_takes_over(workspace, tmp_path, killed_at):
    out = tmp_path / "Årsstatus 2026"
    assert main(status(out, workspace, "--charts", "status,budget")) == 0
    real, calls = outputs._move, {"n": 0}

    def dead(src, dst):  # from this rename on nothing happens any more, not even the roll-back
        calls["n"] += 1
        if calls["n"] >= killed_at:
            raise OSError(5, "processen er dræbt")
        return real(src, dst)

    outputs._move = dead
    try:
        main(status(out, workspace))
    finally:
        outputs._move = real
    assert main(status(out, workspace)) == 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert sorted(tree(out)) == sorted(
        [*manifest["filer"], "manifest.json"]
    ) and "grafer/02_budget_soegt_og_sikret.png" not in tree(out)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_the_status_screen_writes_into_eksport_and_not_into_the_workspace(store):
    from forumkit.ui.common import output_text
    from forumkit.ui.status import StatusScreen

    screen = StatusScreen(store, TODAY)
    assert screen.export() is not None
    assert (store.root / "eksport" / "Årsstatus 2026" / "manifest.json").is_file()
    before = tree(store.root)
    screen.out_dir = store.root.parent  # "Årsstatus 2026" beside the workspace is fine ...
    assert screen.export() is not None
    screen.out_dir = store.root
    assert screen.export() is None
    assert "ligger i arbejdsområdet" in output_text(screen.message)
    assert tree(store.root) == before


# --- invitation and minutes ----------------------------------------------------------------------


def test_running_invitation_again_updates_forumkits_own_files(workspace, tmp_path, capsys):
    out = tmp_path / "ud"
    cmd = ["invitation", "M-2027-1", "--out", str(out), "--dir", str(workspace), "--no-pdf"]
    assert main([*cmd, "--date", "2026-11-26"]) == 0
    first = tree(out)
    assert main([*cmd, "--date", "2027-01-05"]) == 0
    second = tree(out)
    assert first["Indkaldelse M-2027-1.docx"] != second["Indkaldelse M-2027-1.docx"]
    ledger = json.loads(second[LEDGER])
    assert ledger["lavet_af"] == "forumkit" and set(ledger["filer"]) == {
        "Indkaldelse M-2027-1.docx",
        "Indkaldelse M-2027-1.ics",
        "Indkaldelse M-2027-1 (e-mail).txt",
    }


@pytest.mark.parametrize(
    "command, meeting, name",
    [
        ("invitation", "M-2027-1", "Indkaldelse M-2027-1.ics"),
        ("minutes", "M-2026-2", "Referat M-2026-2.md"),
    ],
)
def test_a_file_the_user_made_or_changed_is_never_overwritten(workspace, tmp_path, capsys, command, meeting, name):
    out = users_folder(tmp_path)
    (out / name).write_text("brugerens egen fil", encoding="utf-8")
    before = tree(out)
    err = refused(capsys, command, meeting, "--out", str(out), "--dir", str(workspace))
    assert "findes allerede og er ikke lavet af forumkit" in err
    assert tree(out) == before  # and none of the other files of the document was written either
    (out / name).unlink()
    assert main([command, meeting, "--out", str(out), "--dir", str(workspace)]) == 0
    (out / name).write_text("rettet i hånden", encoding="utf-8")
    assert "er ændret, siden forumkit lavede den" in refused(
        capsys, command, meeting, "--out", str(out), "--dir", str(workspace)
    )
    assert (out / name).read_text(encoding="utf-8") == "rettet i hånden"
    assert mode(out) == 0o755 and (out / "noter.txt").read_text(encoding="utf-8") == "mine egne noter"


@pytest.mark.parametrize("command, meeting", [("invitation", "M-2027-1"), ("minutes", "M-2026-2")])
@pytest.mark.parametrize("where", ["itself", "inside", "symlink into it", "dot-dot into it", "root", "a file"])
def test_invitation_and_minutes_never_write_into_the_workspace(workspace, tmp_path, capsys, command, meeting, where):
    (tmp_path / "link").symlink_to(workspace / "eksport-ikke", target_is_directory=True)
    (tmp_path / "fil").write_text("x")
    out = {
        "itself": workspace,
        "inside": workspace / "ud",
        "symlink into it": tmp_path / "link",
        "dot-dot into it": tmp_path / "ud" / ".." / "workspace",
        "root": "/",
        "a file": tmp_path / "fil",
    }[where]
    before = tree(tmp_path)
    refused(capsys, command, meeting, "--out", str(out), "--dir", str(workspace))
    assert tree(tmp_path) == before


def test_the_workspaces_export_folder_is_allowed(workspace, capsys):
    assert main(["invitation", "M-2027-1", "--out", str(workspace / "eksport"), "--dir", str(workspace)]) == 0
    assert (workspace / "eksport" / "Indkaldelse M-2027-1.ics").is_file()


def test_an_export_folder_that_is_a_symlink_to_the_workspace_is_not(workspace, tmp_path, capsys):
    (workspace / "eksport").symlink_to(workspace)
    before = tree(tmp_path)
    assert "ligger i arbejdsområdet" in refused(
        capsys, "invitation", "M-2027-1", "--out", str(workspace / "eksport"), "--dir", str(workspace)
    )
    assert tree(tmp_path) == before


def test_the_meeting_screen_refuses_the_workspace(store):
    from forumkit.ui.common import output_text
    from forumkit.ui.meetings import MeetingScreen

    screen = MeetingScreen(store, TODAY)
    screen.with_pdf.value = False  # (the PDFs have tests of their own)
    screen._on_export_invitation()
    assert (store.root / "eksport" / "Indkaldelse M-2027-1.docx").is_file()
    screen._on_export_invitation()  # again: its own files are updated
    assert output_text(screen.message).startswith("Indkaldelsen til mødet den 22. april 2027 er klar: 3 filer.")
    screen.export_dir = store.root
    before = tree(store.root)
    screen._on_export_minutes()
    assert "ligger i arbejdsområdet" in output_text(screen.message)
    assert tree(store.root) == before


# --- 9. file names from ids ----------------------------------------------------------------------


def _with_meeting_ids(ids: list[str]):
    ws = load_workspace(EXAMPLE)
    model = ws.meeting_by_id["M-2027-1"]
    return ws.with_table("meetings", [*ws.meetings, *(model.model_copy(update={"id": i}) for i in ids)])


LONG = "M-" + "langt-id-" * 20


@pytest.mark.parametrize(
    "ids",
    [
        [LONG + "a", LONG + "b"],  # 120+ characters, differing only at the end
        ["M-1.", "M-1"],  # an id ending in "." and one without
        ["A/B", "A_B", "A:B"],  # ids the file system cannot hold as they are
        ["Ærø–møde " * 30, "Ærø–møde " * 31],  # long and non-ASCII: bounded in bytes too
    ],
)
def test_every_id_gives_its_own_bounded_file_names_with_their_extensions(tmp_path, ids):
    ws = _with_meeting_ids(ids)
    names = []
    for meeting_id in ids:
        names += [p.name for p in write_invitation(ws, meeting_id, tmp_path, TODAY)]
        names += [p.name for p in write_minutes(ws, meeting_id, tmp_path, TODAY)]
    assert len(set(names)) == len(names) == 5 * len(ids)
    assert sorted(Path(n).suffix for n in names) == sorted([".docx", ".ics", ".txt", ".docx", ".md"] * len(ids))
    assert all(len(n) <= MAX_NAME and len(n.encode("utf-8")) <= MAX_BYTES for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names, LEDGER])


def test_a_plain_id_keeps_its_plain_name():
    assert safe_id("M-2027-1") == "M-2027-1"
    assert safe_filename("Referat M-2027-1..docx") == "Referat M-2027-1.docx"
    assert safe_filename("Indkaldelse M-2027-1 (e-mail).txt") == "Indkaldelse M-2027-1 (e-mail).txt"


@given(st.text(max_size=300), st.sampled_from([".docx", ".ics", ".txt", ".md", ".xlsx"]))
def test_any_name_keeps_its_extension_and_stays_bounded(text, ext):
    name = safe_filename(f"Referat {text}{ext}")
    assert name.endswith(ext) and len(name) <= MAX_NAME and len(name.encode("utf-8")) <= MAX_BYTES
    assert "/" not in name and "\\" not in name and name not in ("", ".", "..")


@given(st.text(min_size=1, max_size=200), st.text(min_size=1, max_size=200))
def test_two_ids_never_share_a_file_name(a, b):
    if a != b:
        assert safe_filename(f"Indkaldelse {safe_id(a)}.docx") != safe_filename(f"Indkaldelse {safe_id(b)}.docx")


# --- export --------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["members.csv", "changes.jsonl", "forum.toml", "ny.csv", "eksport-ikke/x.csv"])
def test_export_never_writes_into_the_workspace(workspace, capsys, target):
    before = tree(workspace)
    err = refused(
        capsys, "export", "members", "--format", "csv", "--out", str(workspace / target), "--dir", str(workspace)
    )
    assert "ligger i arbejdsområdet" in err
    assert tree(workspace) == before


def test_export_over_a_file_of_the_users_is_refused_and_its_own_is_updated(workspace, tmp_path, capsys):
    mine = tmp_path / "medlemmer.csv"
    mine.write_text("mine", encoding="utf-8")
    args = ["export", "members", "--format", "csv", "--dir", str(workspace), "--out"]
    assert "findes allerede og er ikke lavet af forumkit" in refused(capsys, *args, str(mine))
    assert mine.read_text(encoding="utf-8") == "mine"
    ours = tmp_path / "ud" / "medlemmer.csv"
    assert main([*args, str(ours)]) == 0
    assert main([*args, str(ours)]) == 0  # its own export: updated
    assert "findes allerede" not in capsys.readouterr().err


@pytest.mark.parametrize("where", ["a folder", "root", "inside a file", "nothing"])
def test_export_to_a_place_that_is_no_file_name(workspace, tmp_path, capsys, where):
    (tmp_path / "fil").write_text("x")
    out = {"a folder": tmp_path, "root": "/", "inside a file": tmp_path / "fil" / "x.csv", "nothing": ""}[where]
    before = tree(tmp_path)
    refused(capsys, "export", "members", "--format", "csv", "--out", str(out), "--dir", str(workspace))
    assert tree(tmp_path) == before


def test_export_table_without_a_workspace_still_keeps_the_users_files(tmp_path):
    ws = load_workspace(EXAMPLE)
    (tmp_path / "katalog.xlsx").write_bytes(b"brugerens")
    with pytest.raises(OutputError):
        export_table(ws, "initiatives", "xlsx", tmp_path / "katalog.xlsx")
    assert (tmp_path / "katalog.xlsx").read_bytes() == b"brugerens"


# --- member lists (the Opsætning screen) ---------------------------------------------------------


def test_member_lists_keep_the_users_files_and_update_their_own(store, tmp_path):
    from forumkit.ui.common import output_text
    from forumkit.ui.setup import SetupScreen

    screen = SetupScreen(store, TODAY)
    assert screen._export("public_xlsx") == store.root / "eksport" / "Medlemsliste 2026-11-26.xlsx"
    assert screen._export("public_xlsx") is not None  # again: its own list is updated
    mine = store.root / "eksport" / "Kontaktliste INTERN 2026-11-26.xlsx"
    mine.write_bytes(b"brugerens egen liste")
    assert screen._export("contacts") is None
    assert "findes allerede og er ikke lavet af forumkit" in output_text(screen.export_out)
    assert mine.read_bytes() == b"brugerens egen liste"
    screen.export_dir = store.root
    before = tree(store.root)
    assert screen._export("public_docx") is None
    assert "ligger i arbejdsområdet" in output_text(screen.export_out)
    assert tree(store.root) == before


def test_write_public_xlsx_refuses_a_workspace_file(workspace):
    with pytest.raises(OutputError):
        write_public_xlsx(load_workspace(workspace), TODAY, workspace / "members.csv", workspace=workspace)


def test_a_ledger_that_is_not_forumkits_is_not_overwritten(tmp_path):
    (tmp_path / LEDGER).write_text("mit eget", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        write_public_xlsx(load_workspace(EXAMPLE), TODAY, tmp_path / "m.xlsx")
    assert "fortegnelse" in info.value.message and (tmp_path / LEDGER).read_text(encoding="utf-8") == "mit eget"


def test_a_crash_between_ledger_and_file_leaves_a_file_forumkit_still_owns(tmp_path, monkeypatch):
    from forumkit.storage import atomic

    ws = load_workspace(EXAMPLE)
    write_public_xlsx(ws, TODAY, tmp_path / "m.xlsx")
    later = TODAY.replace(year=2027)
    real = atomic.steps.replace
    calls = {"n": 0}

    def die_after_the_ledger(*args):
        calls["n"] += 1
        if calls["n"] == 3:  # 1: the ledger learns the new hash, 2: the file, 3: the ledger forgets the old
            raise KeyboardInterrupt  # as if killed after the file was written
        return real(*args)

    monkeypatch.setattr(atomic.steps, "replace", die_after_the_ledger)
    with pytest.raises(KeyboardInterrupt):
        write_public_xlsx(ws, later, tmp_path / "m.xlsx")
    monkeypatch.setattr(atomic.steps, "replace", real)
    assert len(json.loads((tmp_path / LEDGER).read_text("utf-8"))["filer"]["m.xlsx"]) == 2
    write_public_xlsx(ws, later, tmp_path / "m.xlsx")  # not refused as "changed"
    assert len(json.loads((tmp_path / LEDGER).read_text("utf-8"))["filer"]["m.xlsx"]) == 1


# --- init and the remembered import mapping ------------------------------------------------------


@pytest.mark.parametrize("where", ["the workspace", "a folder of the user's", "a file", "root"])
def test_init_never_fills_a_folder_in_use(workspace, tmp_path, capsys, where):
    (tmp_path / "fil").write_text("x")
    target = {
        "the workspace": workspace,
        "a folder of the user's": users_folder(tmp_path),
        "a file": tmp_path / "fil",
        "root": Path("/"),
    }[where]
    before = tree(tmp_path)
    code = main(["init", str(target)])
    err = capsys.readouterr().err
    assert code in (1, 2) and "Fejl:" in err and "Traceback" not in err and err.count("\n") == 1
    assert tree(tmp_path) == before


def test_the_remembered_mapping_keeps_earlier_sheets_choices(tmp_path):
    save_mapping(tmp_path, {"Kommentar": "", "Pris": "budget_søgt"})
    save_mapping(tmp_path, {"Ansvarlig enhed": "ejer", "Indsats": "titel"})
    assert json.loads((tmp_path / MAPPING_FILE).read_text("utf-8")) == {
        "ansvarlig enhed": "ejer",
        "kommentar": "",
        "pris": "budget_søgt",
    }
    assert load_mapping(tmp_path)["pris"] == "budget_søgt"
    save_mapping(tmp_path, {"Pris": "budget_sikret"})  # a new choice for the same heading wins
    assert load_mapping(tmp_path)["pris"] == "budget_sikret"


def test_an_unreadable_mapping_file_is_not_overwritten(tmp_path):
    (tmp_path / MAPPING_FILE).write_text("{ikke json", encoding="utf-8")
    with pytest.raises(Exception) as info:
        save_mapping(tmp_path, {"Pris": "budget_søgt"})
    assert "kan ikke læses som JSON" in str(info.value)
    assert (tmp_path / MAPPING_FILE).read_text(encoding="utf-8") == "{ikke json"
