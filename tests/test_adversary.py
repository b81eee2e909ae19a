"""Adversarial regressions for issue #12 ("Nothing lost, nothing silently wrong"): one test per bug found
by trying to break forumkit from the outside (CLI and API), named after the promise it broke."""

from __future__ import annotations

from pathlib import Path

import pytest

from forumkit.cli.commands import main


def _status_report(workspace: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["status-report", "2026", "--out", str(out), "--dir", str(workspace), "--charts", "status"])
    return code, capsys.readouterr().err


def test_promise_1_a_bundle_never_removes_the_users_empty_folders(workspace, tmp_path, capsys):
    """An output folder holding only the user's (empty) sub-folders is not empty: it used to count as empty,
    and the bundle moved the user's folders aside and deleted them."""
    out = tmp_path / "årsstatus"
    (out / "mine mapper" / "tom").mkdir(parents=True)
    code, err = _status_report(workspace, out, capsys)
    assert code == 2, err
    assert "vælg en tom eller ny mappe" in err and "mine mapper" in err
    assert (out / "mine mapper" / "tom").is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["mine mapper"]


def test_promise_1_an_earlier_bundle_with_a_folder_of_the_users_is_not_replaced(workspace, tmp_path, capsys):
    """An earlier bundle is replaced only if every file *and folder* in it is the bundle's own."""
    out = tmp_path / "årsstatus"
    code, err = _status_report(workspace, out, capsys)
    assert code == 0, err
    (out / "noter").mkdir()
    code, err = _status_report(workspace, out, capsys)
    assert code == 2, err
    assert "noter" in err
    assert (out / "noter").is_dir()
    (out / "noter").rmdir()
    code, err = _status_report(workspace, out, capsys)  # its own earlier bundle (with grafer/) is replaced
    assert code == 0, err


def test_promise_1_a_mistyped_workspace_is_not_made_nor_littered(tmp_path, capsys):
    """`forget` / `import` on a folder that is no workspace used to make the folder (and a lock file in it)."""
    typo = tmp_path / "arbejdsomrde"
    assert main(["forget", "--dir", str(typo)]) != 0
    assert not typo.exists()
    users = tmp_path / "Dokumenter"
    users.mkdir()
    assert main(["forget", "--dir", str(users)]) != 0
    assert list(users.iterdir()) == []
    assert "forum.toml mangler" in capsys.readouterr().out


def test_promise_6_check_never_hangs_on_a_pipe_where_a_data_file_should_be(workspace, tmp_path):
    """A named pipe in place of members.csv made `forumkit check` wait for ever (a reader must always end)."""
    import os
    import subprocess
    import sys

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    (workspace / "members.csv").unlink()
    os.mkfifo(workspace / "members.csv")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "forumkit.cli", "check", str(workspace)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "members.csv" in done.stdout and "Traceback" not in done.stderr


def _finding_about(findings, key: str, severity: str = "fejl") -> list:
    return [f for f in findings if key in str(f) and str(f).startswith(severity)]


def test_promise_10_minutes_are_not_approved_at_a_meeting_whose_day_has_not_come(store):
    """mark_held accepted a meeting in the future, approve_minutes then accepted it as 'held', and
    `forumkit check` reported nothing wrong: the minutes stood approved at a meeting that had not taken place.
    Both edits now take today and refuse a meeting whose day has not come, naming it and its date."""
    from forumkit.edits.meetings import approve_minutes, mark_held
    from forumkit.model.danish import da_date
    from forumkit.model.errors import InputError
    from forumkit.model.tables import edit

    from .conftest import TODAY

    ws = store.load()
    future = next(m for m in ws.meetings if m.date > TODAY)
    earlier = next(
        m
        for m in sorted(ws.meetings, key=lambda m: m.date, reverse=True)
        if m.date < TODAY and m.minutes_approved is None
    )
    before = store.load()
    with pytest.raises(InputError) as held:
        store.update(lambda w: mark_held(w, future.id, TODAY), what="test")
    assert held.value.message == (
        f"mødet {future.id} holdes først {da_date(future.date, False)} – det kan først "
        "markeres som afholdt, når dagen er kommet"
    )
    as_if_held = ws.with_table(
        "meetings", [edit(m, state="afholdt") if m.id == future.id else m for m in ws.meetings]
    )  # e.g. edited by hand
    with pytest.raises(InputError) as approved:
        approve_minutes(as_if_held, earlier.id, future.id, TODAY)
    assert f"mødet {future.id} holdes først {da_date(future.date, False)}" in approved.value.message
    assert store.load().meetings == before.meetings
    on_the_day = approve_minutes(mark_held(ws, future.id, future.date), earlier.id, future.id, future.date)
    assert on_the_day.meeting_by_id[earlier.id].minutes_approved == future.id


def test_promise_10_a_council_report_presented_in_the_future_does_not_satisfy_the_yearly_rule(workspace):
    """KB-2026 dated 2026-12-08 but set to 'forelagt' on 2026-11-26 (by hand in the file): the yearly rule was
    silently satisfied (no finding at all), although the status has not been given yet. The edit refuses it;
    the check no longer counts it and says why."""
    from forumkit.rules.checks import run_checks
    from forumkit.storage.store import load_workspace

    from .conftest import TODAY

    path = workspace / "council_reports.csv"
    text = path.read_text(encoding="utf-8-sig")
    future = [line for line in text.splitlines() if line.endswith(";planlagt")]
    assert future and future[0].split(";")[1] > TODAY.isoformat()
    path.write_text("\ufeff" + text.replace(future[0], future[0][: -len("planlagt")] + "forelagt"), encoding="utf-8")
    findings = run_checks(load_workspace(workspace), TODAY)
    report_id = future[0].split(";")[0]
    assert [f.code for f in findings if f.ref == report_id] == ["council-status-future", "council-status-planned"]
    assert _finding_about(findings, f"{report_id} står som forelagt")


def test_promise_4_forumkit_still_owns_the_exports_forget_scrubbed(workspace, capsys):
    """`forget` scrubs forumkit's exports in eksport/ but left their ledger hashes behind, so the next export to
    the same file was refused as 'changed since forumkit made it' – forumkit's own file, changed by forumkit."""
    from datetime import date

    from forumkit.edits.privacy import forget
    from forumkit.edits.transfer import export_table
    from forumkit.storage.store import Store, load_workspace

    targets = [workspace / "eksport" / "medlemmer.xlsx", workspace / "eksport" / "medlemmer.csv"]
    for target in targets:
        export_table(load_workspace(workspace), "members", target.suffix[1:], target, workspace=workspace)
    report = forget(Store(workspace, who="test"), date(2199, 1, 1))
    assert sorted(report.exports) == ["eksport/medlemmer.csv", "eksport/medlemmer.xlsx"]
    for target in targets:
        code = main(["export", "members", "--format", target.suffix[1:], "--out", str(target), "--dir", str(workspace)])
        assert code == 0, capsys.readouterr().err


def test_promise_8_a_file_name_that_is_not_utf8_is_a_danish_line_not_an_unexpected_error(workspace, tmp_path, capsys):
    """`export --out` with a name of undecodable bytes (a Linux file name from a Windows share) ended as exit 3
    'Uventet fejl' (the ledger could not hold the name)."""
    out = tmp_path / "ud" / "\udcff\udcfe.csv"
    code = main(["export", "members", "--format", "csv", "--out", str(out), "--dir", str(workspace)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "vælg et andet navn" in err
    assert not (tmp_path / "ud").exists() or not any((tmp_path / "ud").iterdir())


def test_promise_8_the_error_log_is_written_even_when_the_details_are_not_utf8(tmp_path, monkeypatch):
    """The private error log was left empty ('Detaljerne kunne ikke gemmes') when the command line or the
    traceback held a path that is not UTF-8; an empty log file was left in both log folders."""
    from forumkit.storage.errorlog import write_error_log

    monkeypatch.setenv("FORUMKIT_LOG_DIR", str(tmp_path / "log"))
    try:
        raise RuntimeError("kunne ikke skrive /tmp/\udcff.csv")
    except RuntimeError as exc:
        path = write_error_log(exc, "forumkit export members --out /tmp/\udcff.csv")
    assert path is not None and path.parent == tmp_path / "log"
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "\\udcff" in text


def test_promise_8_a_full_disk_is_said_in_danish(store, monkeypatch):
    """A save on a full disk said 'Kunne ikke gemme members.csv: [Errno 28] No space left on device' – the
    operating system's English text in the user's message."""
    import errno

    from forumkit.model.errors import SaveError
    from forumkit.storage import atomic

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.steps, "write", full)  # the hook the reliability tests fail writes through
    from forumkit.edits.catalogue import update_initiative

    from .conftest import TODAY

    with pytest.raises(SaveError) as caught:
        store.update(lambda ws: update_initiative(ws, ws.initiatives[0].id, TODAY, title="Ny titel"), what="test")
    message = str(caught.value)
    assert "disken er fuld" in message and "Intet er tabt" in message
    assert "Errno" not in message and "No space" not in message


def test_a_folder_where_a_data_file_belongs_is_said_in_danish(workspace):
    """A folder named milestones.csv made a save say '… milestones.csv: Is a directory' (the system's English).
    Now the load reports it, in Danish, before any edit (it was read as an empty table of milestones)."""
    from datetime import date

    from forumkit.edits.milestones import add_milestone
    from forumkit.model.errors import WorkspaceError
    from forumkit.storage.store import Store

    (workspace / "milestones.csv").unlink()
    (workspace / "milestones.csv").mkdir()
    (workspace / "milestones.csv" / "noter.txt").write_text("mine noter", encoding="utf-8")
    with pytest.raises(WorkspaceError) as caught:
        Store(workspace).update(lambda ws: add_milestone(ws, "I-001", day=date(2026, 12, 1), title="x"), what="x")
    assert [str(p) for p in caught.value.problems] == [
        "milestones.csv:1:fil: her ligger en mappe eller anden ikke-fil med filens navn – "
        "flyt den væk, så filen kan læses"
    ]
    assert "Is a directory" not in str(caught.value)
    assert (workspace / "milestones.csv" / "noter.txt").read_text(encoding="utf-8") == "mine noter"


def test_promise_1_forget_does_not_rewrite_a_file_of_the_users_in_the_export_folder(workspace, capsys):
    """A note the user keeps in eksport/ (no ledger names it) was rewritten by `forget` ('[slettet]'). Now only
    forumkit's own exports (named in the folder's ledger with their current bytes) are scrubbed; the user's
    note and an export the user has edited since are left as they are and named, in Danish, in the report."""
    from forumkit.edits.transfer import export_table
    from forumkit.storage.store import load_workspace

    member = next(m for m in load_workspace(workspace).members if m.email)
    folder = workspace / "eksport"
    folder.mkdir()
    note = folder / "mine noter.txt"
    note.write_text(f"Ring til {member.name}: {member.email}\n", encoding="utf-8")
    ours, edited = folder / "medlemmer.csv", folder / "medlemmer rettet.csv"
    for target in (ours, edited):
        export_table(load_workspace(workspace), "members", "csv", target, workspace=workspace)
    edited.write_bytes(edited.read_bytes() + b"Min egen linje\n")  # the user's edit
    before = {p.name: p.read_bytes() for p in (note, edited)}
    args = ["forget", "--dir", str(workspace), "--date", "2199-01-01"]
    assert main([*args, "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert "Eksport: eksport/medlemmer.csv ville blive renset" in preview
    assert (
        "OBS: eksport/mine noter.txt indeholder oplysninger, der skal slettes, men ændres ikke – forumkit retter "
        "kun filer, den selv har lavet og ingen har ændret siden; ret eller slet filen selv"
    ) in preview
    assert main(args) == 0
    out = capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in (note, edited)} == before  # the user's files: not a byte changed
    assert member.email not in ours.read_text(encoding="utf-8-sig")  # forumkit's own: scrubbed
    for name in ("eksport/mine noter.txt", "eksport/medlemmer rettet.csv"):
        assert (
            f"OBS: {name} indeholder stadig slettede oplysninger og ændres ikke – forumkit retter kun filer, "
            "den selv har lavet og ingen har ændret siden; ret eller slet filen selv"
        ) in out
    assert "Eksport: eksport/medlemmer.csv er renset" in out
    assert "ingen rester" not in out


def test_promise_9_an_id_cannot_pass_for_another_ids_tagged_file_name():
    """'M/2027' is made safe as 'M_2027~2c77379a'; an id typed as exactly that was used as it is, so the two
    meetings' invitations and minutes shared file names (and the ledger let one overwrite the other)."""
    from forumkit.model.safe import safe_id

    tagged = safe_id("M/2027")
    assert tagged != "M/2027" and "~" in tagged
    assert safe_id(tagged) != tagged
    assert safe_id("M-2027-1") == "M-2027-1"  # ordinary ids keep their names
