"""No traceback ever reaches a user of the command line: every command against broken workspaces, garbage files,
symlink loops, '/' as --out, impossible years and a line break in an e-mail ends in one Danish line on stderr
and the contract's exit code (0 done, 1 findings, 2 bad input or usage, 3 unexpected – logged, not shown,
4 not saved)."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from forumkit.cli import main
from forumkit.documents.invitation import write_invitation
from forumkit.model.errors import InputError
from forumkit.model.tables import edit
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY
from tests.corpus_cases import apply_case, cases

DANISH_LINE = re.compile(
    r"^(Fejl: |forumkit[\w -]*: fejl: |Uventet fejl – |\d+ problem\(er\) i datafilerne|"
    r"\d+ fejl, \d+ advarsler|.+: ikke et forumkit-arbejdsområde|.+: kan ikke læses \()"
)
LOADING = [
    "check {ws}",
    "plan 2027 --dir {ws}",
    "invitation M-2027-1 --out {out} --dir {ws}",
    "minutes M-2026-2 --out {out} --dir {ws}",
    "import {sheet} --dir {ws} --dry-run",
    "export members --out {out}/m.xlsx --dir {ws}",
    "status-report 2026 --out {out} --dir {ws}",
    "forget --dir {ws} --dry-run",
]


@pytest.fixture(autouse=True)
def private_log(tmp_path, monkeypatch):
    monkeypatch.setenv("FORUMKIT_LOG_DIR", str(tmp_path / "log"))
    return tmp_path / "log"


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: --help (0) and usage errors (2)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def one_danish_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert DANISH_LINE.match(lines[0]), lines[0]
    assert not re.search(r"Error|Exception|Traceback|Errno|No such file", lines[0]), lines[0]
    return lines[0]


def expand(template: str, **paths) -> list[str]:
    return [part.format(**paths) for part in template.split()]


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "ark.csv"
    path.write_text("Indsats;Fokusområde\nNy idé;Turisme og Livskvalitet\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_every_loading_command_on_every_broken_workspace(case, tmp_path, capsys, sheet):
    ws = tmp_path / "ws"
    apply_case(case, EXAMPLE, ws)
    for template in LOADING:
        code, out, err = run(capsys, expand(template, ws=ws, out=tmp_path / "ud", sheet=sheet))
        assert code in (1, 2), (template, code, err)
        line = one_danish_line(err)
        assert "Traceback" not in out
        if code == 1:
            assert "kan ikke indlæses" in line or "i datafilerne" in line
    assert not (tmp_path / "ud").exists()  # nothing made from a broken workspace


@pytest.fixture(scope="module")
def garbage(tmp_path_factory):
    folder = tmp_path_factory.mktemp("skrald")
    noise = bytes(random.Random(5).randrange(256) for _ in range(20_000))
    for name in ("skrald.xlsx", "skrald.csv", "skrald.json", "skrald.toml"):
        (folder / name).write_bytes(noise)
    (folder / "liste.json").write_text('["titel"]', encoding="utf-8")
    (folder / "tom.xlsx").write_bytes(b"")
    (folder / "loop").symlink_to(folder / "loop")
    return folder


@pytest.mark.parametrize(
    "template, code",
    [
        # garbage files
        ("import {g}/skrald.xlsx --dir {ws}", 2),
        ("import {g}/tom.xlsx --dir {ws}", 2),
        ("import {g}/skrald.csv --dir {ws}", 2),
        ("import {g}/findes-ikke.csv --dir {ws}", 2),
        ("import {ws}/members.csv --dir {ws} --mapping {g}/skrald.json", 2),
        ("import {ws}/members.csv --dir {ws} --mapping {g}/liste.json", 2),
        ("import {ws}/members.csv --dir {ws} --mapping {g}/findes-ikke.json", 2),
        ("init {tmp}/ny --charter {g}/skrald.toml", 1),
        ("import /dev/zero --dir {ws}", 2),
        ("import {g} --dir {ws}", 2),
        ("import {ws}/members.csv --dir {ws} --mapping /dev/zero", 2),
        # symlink loops
        ("check {g}/loop", 2),
        ("check {g}/loop/x", 2),
        ("plan 2027 --dir {g}/loop", 2),
        ("forget --dir {g}/loop", 2),
        ("export members --out {g}/loop --dir {ws}", 2),
        ("invitation M-2027-1 --out {g}/loop/x --dir {ws}", 2),
        ("import {g}/loop --dir {ws}", 2),
        ("init {g}/loop", 2),
        ("status-report 2026 --out {g}/loop --dir {ws}", 2),
        # the root of the file system
        ("invitation M-2027-1 --out / --dir {ws}", 2),
        ("minutes M-2026-2 --out / --dir {ws}", 2),
        ("export members --out / --dir {ws}", 2),
        ("status-report 2026 --out / --dir {ws}", 2),
        ("init /", 2),
        ("check /", 2),
        # years 27 and 9999
        ("plan 27 --dir {ws}", 2),
        ("plan 9999 --dir {ws}", 2),
        ("plan 1899 --dir {ws}", 2),
        ("plan x --dir {ws}", 2),
        ("status-report 27 --out {tmp}/ud --dir {ws}", 2),
        ("status-report 9999 --out {tmp}/ud --dir {ws}", 2),
        ("check {ws} --date 9999-12-31", 2),
        ("check {ws} --date 0027-01-01", 2),
        ("check {ws} --date 2026-02-30", 2),
        ("forget --dir {ws} --date 9999-12-31", 2),
        ("forget --dir {ws} --date 0027-05-01", 2),
        ("invitation M-2027-1 --out {tmp}/ud --dir {ws} --date 9999-12-31", 2),
        ("minutes M-2026-2 --out {tmp}/ud --dir {ws} --date 0027-01-01", 2),
        ("status-report 2026 --out {tmp}/ud --dir {ws} --date 9999-12-31", 2),
        # unknown things and usage
        ("invitation M-2099-1 --out {tmp}/ud --dir {ws}", 2),
        ("minutes M-2026-X --out {tmp}/ud --dir {ws}", 2),
        ("export ingenting --out {tmp}/x.csv --dir {ws}", 2),
        ("nej", 2),
        ("", 2),
        ("plan", 2),
        ("invitation M-2027-1 --dir {ws}", 2),
        ("check --date", 2),
    ],
)
def test_bad_input_and_usage(template, code, tmp_path, capsys, garbage):
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    got, out, err = run(capsys, expand(template, ws=ws, g=garbage, tmp=tmp_path))
    assert got == code, err
    one_danish_line(err)
    assert "Traceback" not in out
    assert not (tmp_path / "ud").exists()


@pytest.mark.parametrize("command", ["lab", "app"])
def test_lab_and_app_help(command, capsys):
    code, out, err = run(capsys, [command, "--help"])
    assert code == 0 and "vis denne hjælp og afslut" in out and "tilvalg" in out and not err


def test_plan_at_the_edges_of_the_year_range(workspace, capsys):
    assert run(capsys, ["plan", "1900", "--dir", str(workspace)])[0] == 0
    assert run(capsys, ["plan", "2199", "--dir", str(workspace)])[0] == 0
    code, _, err = run(capsys, ["plan", "2200", "--dir", str(workspace)])
    assert code == 2 and "året 2200 ligger uden for 1900–2199" in err


def newline_email_workspace(tmp_path):
    ws = tmp_path / "ws"
    apply_case(next(c for c in cases() if c.name == "44-newline-in-email"), EXAMPLE, ws)
    return ws


@pytest.mark.parametrize("template", LOADING)
def test_a_line_break_in_an_e_mail_is_a_finding_for_every_command(template, tmp_path, capsys, sheet):
    ws = newline_email_workspace(tmp_path)
    code, out, err = run(capsys, expand(template, ws=ws, out=tmp_path / "ud", sheet=sheet))
    assert code == 1
    one_danish_line(err)
    assert "members.csv:11:email: e-mailadressen for Camilla Brink indeholder et linjeskift" in out
    assert not (tmp_path / "ud").exists()


def test_an_invitation_set_is_all_or_nothing(tmp_path):
    ws = load_workspace(EXAMPLE)
    ws = ws.with_table("members", [edit(m, email="camilla@exa\nmple.dk") if m.id == "A-010" else m for m in ws.members])
    with pytest.raises(InputError, match="Camilla Brinks e-mailadresse indeholder et linjeskift"):
        write_invitation(ws, "M-2027-1", tmp_path / "ud", TODAY)
    assert not (tmp_path / "ud").exists()  # not even the Word letter


def test_an_unexpected_error_is_one_danish_line_and_a_private_log(workspace, capsys, monkeypatch, private_log):
    import forumkit.rules.planning as planning

    monkeypatch.setattr(planning, "propose_year", lambda *a: 1 / 0)
    code, _out, err = run(capsys, ["plan", "2027", "--dir", str(workspace)])
    assert code == 3
    line = one_danish_line(err)
    logs = list(private_log.iterdir())
    assert line == (
        f"Uventet fejl – handlingen blev ikke gennemført. Detaljerne er skrevet i {logs[0]}; send filen "
        "til den, der vedligeholder forumkit."
    )
    text = logs[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError" in text and f"forumkit plan 2027 --dir {workspace}" in text
    assert logs[0].stat().st_mode & 0o077 == 0  # only the user can read it
    assert not any(p.suffix == ".log" for p in workspace.rglob("*"))


def test_the_log_falls_back_to_the_temp_folder(workspace, capsys, monkeypatch, tmp_path):
    import forumkit.rules.planning as planning

    blocker = tmp_path / "fil"
    blocker.write_text("x")
    monkeypatch.setenv("FORUMKIT_LOG_DIR", str(blocker / "log"))
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(planning, "propose_year", lambda *a: 1 / 0)
    code, _, err = run(capsys, ["plan", "2027", "--dir", str(workspace)])
    assert code == 3 and f"Detaljerne er skrevet i {tmp_path / 'tmp'}/forumkit-" in err


def test_a_looping_workspace_variable_is_refused_not_replaced(garbage, monkeypatch, capsys):
    monkeypatch.setenv("FORUMKIT_WORKSPACE", str(garbage / "loop"))
    code, _, err = run(capsys, ["forget", "--dry-run"])
    assert code == 2
    assert one_danish_line(err) == (
        f"Fejl: FORUMKIT_WORKSPACE: stien '{garbage / 'loop'}' kan ikke følges (en genvej, der peger på sig selv?)"
    )


# --- a save that cannot be made: exit 4, never 1 (which means findings) ----------------------------------------


def test_a_busy_workspace_is_exit_4_with_one_danish_line(workspace, capsys, monkeypatch):
    from forumkit.storage.store import Store

    monkeypatch.setenv("FORUMKIT_LOCK_TIMEOUT", "0.2")
    before = (workspace / "members.csv").read_bytes()
    with Store(workspace, who="anne").locked():  # another save holds the lock
        code, _out, err = run(capsys, ["forget", "--dir", str(workspace), "--date", "2199-01-01"])
    assert code == 4, err
    assert (
        err.startswith("Fejl: Arbejdsområdet er optaget: ")
        and "gemmer stadig efter 0,2 sekunder. Vent et øjeblik og prøv igen – intet er ændret." in err
    )
    one_danish_line(err)
    assert (workspace / "members.csv").read_bytes() == before


def test_a_save_that_fails_is_exit_4_with_one_danish_line(workspace, capsys, monkeypatch):
    import errno

    from forumkit.storage import atomic

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.steps, "write", full)
    before = (workspace / "members.csv").read_bytes()
    code, _out, err = run(capsys, ["forget", "--dir", str(workspace), "--date", "2199-01-01"])
    assert code == 4, err
    one_danish_line(err)
    assert "disken er fuld" in err and "Intet er tabt" in err
    assert (workspace / "members.csv").read_bytes() == before
