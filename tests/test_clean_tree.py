"""Tests leave the tree as they found it: nothing they write lands among the tracked files."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import SCREENSHOTS


def test_screenshots_go_to_test_output_unless_refreshed_on_purpose(monkeypatch):
    assert (
        SCREENSHOTS.resolve() == (ROOT / "test-output" / "screenshots").resolve()
        or SCREENSHOTS.resolve() == (ROOT / "docs" / "screenshots").resolve()
    )
    ignored = subprocess.run(["git", "check-ignore", "-q", str(ROOT / "test-output" / "x.png")], cwd=ROOT)
    if ignored.returncode == 128:
        pytest.skip("ikke et git-arkiv")
    assert ignored.returncode == 0, "test-output/ skal være git-ignoreret"
