"""Shared fixtures: a fixed 'today', a private copy of the example workspace per test, hypothesis profiles."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example"
TODAY = date(2026, 11, 26)
_TREE = pytest.StashKey[dict]()

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=1000, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_configure(config):
    # Notebook kernels started by nbval inherit these: a fixed date and a throwaway copy of the example.
    os.environ["FORUMKIT_TODAY"] = TODAY.isoformat()
    os.environ.setdefault("FORUMKIT_LOCK_TIMEOUT", "10")
    session_ws = Path(tempfile.mkdtemp(prefix="forumkit-nb-")) / "workspace"
    shutil.copytree(EXAMPLE, session_ws)
    os.environ["FORUMKIT_WORKSPACE"] = str(session_ws)


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """A private, writable copy of the example forum, also set as FORUMKIT_WORKSPACE."""
    target = tmp_path / "workspace"
    shutil.copytree(EXAMPLE, target)
    monkeypatch.setenv("FORUMKIT_WORKSPACE", str(target))
    return target


@pytest.fixture
def store(workspace):
    from forumkit.storage.store import Store

    return Store(workspace, who="test")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes in a folder (to prove nothing changed)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".forumkit.lock")
    }


def missing(reason: str) -> None:
    """A missing system program: the tests that need it are skipped with one line, but fail under CI=true."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _tree_state() -> dict[str, int] | None:
    """Every changed or untracked file of the checkout with its mtime (None outside a git checkout)."""
    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain=v1", "-uall", "-z"], cwd=ROOT, capture_output=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if listed.returncode:
        return None
    state = {}
    for entry in listed.stdout.decode("utf-8", "replace").split("\0"):
        path = ROOT / entry[3:]
        if entry and path.is_file():
            state[entry[3:]] = path.stat().st_mtime_ns
    return state


def pytest_sessionstart(session):
    session.config.stash[_TREE] = _tree_state()


def pytest_sessionfinish(session, exitstatus):
    """Tests never write tracked files: a file of the checkout that changed during the run fails the run."""
    before = session.config.stash.get(_TREE, None)
    after = _tree_state()
    if before is None or after is None or session.config.option.collectonly:
        return
    touched = sorted(path for path, mtime in after.items() if before.get(path) != mtime)
    if touched:
        print("\nTestene har skrevet i arkivets filer (brug tmp_path eller test-output/): " + ", ".join(touched))
        session.exitstatus = 1


@pytest.fixture
def soffice() -> str:
    """LibreOffice for the PDF tests: skipped with a one-line reason, but a failure under CI=true."""
    from forumkit.documents.pdf import find_soffice

    found = find_soffice()
    if found is None:
        missing(
            "LibreOffice (soffice) er ikke installeret – installér libreoffice-writer-nogui og "
            "libreoffice-impress-nogui"
        )
    return found
