"""Adversarial regressions for issue #12 ("Nothing lost, nothing silently wrong"): one test per bug found
by trying to break forumkit from the outside (CLI and API), named after the promise it broke."""

from __future__ import annotations

from pathlib import Path

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
        import pytest

        pytest.skip("no named pipes on this system")
    (workspace / "members.csv").unlink()
    os.mkfifo(workspace / "members.csv")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-m", "forumkit.cli", "check", str(workspace)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "members.csv" in done.stdout and "Traceback" not in done.stderr
