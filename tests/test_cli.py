"""The forumkit command: init, check (exit codes 0/1/2, never writes), plan, forget."""

from __future__ import annotations

import subprocess
import sys

from forumkit.cli import main
from forumkit.storage.store import load_workspace
from tests.conftest import snapshot
from tests.test_load_errors import set_cell


def test_init_makes_a_valid_empty_workspace(tmp_path, capsys):
    assert main(["init", str(tmp_path / "ny")]) == 0
    ws = load_workspace(tmp_path / "ny")
    assert ws.members == () and ws.charter.seat_total == 10
    assert main(["check", str(tmp_path / "ny"), "--date", "2026-11-26"]) == 0
    out = capsys.readouterr().out
    assert "[seat-vacant] Repræsentant fra visionsgruppen (VG): 3 af 3 pladser er ledige" in out
    assert "[chair-not-yet]" in out


def test_init_refuses_a_folder_in_use(workspace, capsys):
    assert main(["init", str(workspace)]) == 2
    assert "er ikke tom" in capsys.readouterr().err


def test_init_with_another_charter(tmp_path):
    from forumkit.model.charter import default_charter_path

    charter = tmp_path / "andet.toml"
    charter.write_text(
        default_charter_path().read_text(encoding="utf-8").replace("per_year = 2", "per_year = 3", 1), encoding="utf-8"
    )
    assert main(["init", str(tmp_path / "ny"), "--charter", str(charter)]) == 0
    assert load_workspace(tmp_path / "ny").charter.meetings.per_year == 3


def test_check_sound_workspace_exits_0_and_prints_warnings(workspace, capsys):
    assert main(["check", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "advarsel: [term-expiring] Peter Mølgaard" in out


def test_check_with_problems_exits_1_and_prints_file_line_column(workspace, capsys):
    set_cell(workspace / "meetings.csv", "M-2025-2", "dato", "2025-02-30")
    assert main(["check", str(workspace)]) == 1
    assert "meetings.csv:3:dato: datoen '2025-02-30' findes ikke i kalenderen" in capsys.readouterr().out


def test_check_with_a_rule_error_exits_1(workspace, capsys):
    set_cell(workspace / "members.csv", "A-007", "rolle", "medlem")
    assert main(["check", str(workspace)]) == 1
    assert "fejl: [chair-missing]" in capsys.readouterr().out


def test_check_not_a_workspace_exits_2(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "ikke et forumkit-arbejdsområde" in capsys.readouterr().err


def test_check_never_writes(workspace):
    before = snapshot(workspace)
    main(["check", str(workspace)])
    assert snapshot(workspace) == before
    assert not (workspace / ".forumkit.lock").exists()


def test_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "forumkit.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "Sekretariatets værktøj" in result.stdout and "vis denne hjælp" in result.stdout


def test_plan_prints_dates_and_deadlines(workspace, capsys):
    assert main(["plan", "2028", "--dir", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert "Forslag: torsdag den 27. april 2028 kl. 16.00, Dragør Rådhus" in out
    assert "indkaldelse senest 30. marts 2028" in out


def test_every_option_and_argument_has_a_danish_help_text():
    import argparse

    from forumkit.cli.commands import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        (name, action.dest)
        for name, sub in commands.choices.items()
        for action in sub._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert missing == []
    for name in ("minutes", "board-pack", "invitation", "agenda", "status-report"):
        assert "mappen, filerne gemmes i (uden for arbejdsområdet)" in commands.choices[name].format_help()
    assert "filen, tabellen gemmes i" in commands.choices["export"].format_help()
