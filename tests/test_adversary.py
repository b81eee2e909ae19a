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
