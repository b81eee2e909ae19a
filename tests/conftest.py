"""Shared fixtures: a fixed 'today', a private copy of the example workspace per test, hypothesis profiles."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example"
TODAY = date(2026, 11, 26)

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=1000, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
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
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".forumkit.lock")}


@pytest.fixture
def soffice() -> str:
    """LibreOffice for PDF tests: skipped with a reason outside CI, a failure under CI=true when missing."""
    from forumkit.documents.pdf import find_soffice

    found = find_soffice()
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("LibreOffice (soffice) mangler under CI – .ci/run skal installere libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) er ikke installeret")
    return found
