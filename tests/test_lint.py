"""ruff keeps the code's lint rules and its format (both configured in pyproject.toml) as part of the test
command, so that a change that breaks either fails here and not only in someone's editor."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [sys.executable, "-m", "ruff", *args, "--no-cache", "."],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except FileNotFoundError:  # pragma: no cover - ruff is a test dependency
        pytest.fail("ruff mangler: pip install -e '.[test]'")


def test_ruff_lint_is_clean():
    done = _ruff("check", "--output-format", "concise")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_kept():
    done = _ruff("format", "--check")
    assert done.returncode == 0, "Kør 'ruff format .':\n" + done.stdout + done.stderr
