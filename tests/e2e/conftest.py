"""Fixtures for the browser tests: a JupyterLab and a Voilà server on a throwaway copy of the example,
and headless Chromium driven by Playwright (the system browser; browsers cannot be downloaded here)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT, missing

# Screenshots go to test-output/ (untracked); scripts/refresh_screenshots.py points this at docs/screenshots.
SCREENSHOTS = Path(os.environ.get("FORUMKIT_SCREENSHOTS") or ROOT / "test-output" / "screenshots")
CHROMIUM_ARGS = [
    "--lang=da-DK",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
MISSING_BROWSER = (
    "Chromium mangler til browsertestene (e2e): installér 'apt-get install chromium', "
    "sæt FORUMKIT_CHROMIUM til stien, eller kør 'python -m playwright install chromium'."
)


# Every wait is for a named signal (a text, a kernel status, a data attribute); this is only the ceiling at
# which a signal that never comes is called a failure, set high so that a loaded machine is slow, not red.
SIGNAL_TIMEOUT = int(os.environ.get("FORUMKIT_E2E_TIMEOUT_MS", "300000"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("FORUMKIT_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        missing(MISSING_BROWSER + " (Playwright er ikke installeret: pip install -e '.[test]')")
    executable = find_chromium()
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        except Error:
            browser = None
        if browser is None:
            missing(MISSING_BROWSER)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(SIGNAL_TIMEOUT)
    yield page
    context.close()


def _wait_http(url: str, proc: subprocess.Popen, log: Path, seconds: float = SIGNAL_TIMEOUT / 1000) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serveren stoppede:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"serveren svarede ikke på {url}:\n{log.read_text(errors='replace')[-3000:]}")


def prepare(tmp: Path) -> tuple[Path, Path]:
    """A workspace with one vacant seat (DE), and a private copy of the notebooks."""
    from forumkit.edits.roster import end_appointment
    from forumkit.storage.store import Store

    workspace, notebooks = tmp / "workspace", tmp / "notebooks"
    shutil.copytree(EXAMPLE, workspace)
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("workspace", ".ipynb_checkpoints"))
    Store(workspace, who="e2e").update(lambda ws: end_appointment(ws, "A-006", date(2026, 11, 20)))
    return workspace, notebooks


class Server:
    def __init__(self, url: str, workspace: Path, notebooks: Path, proc: subprocess.Popen):
        self.url, self.workspace, self.notebooks, self.proc = url, workspace, notebooks, proc


def _start(kind: str, tmp: Path, cull_seconds: int | None = None) -> Server:
    from forumkit.cli.app import CULL_IDLE_SECONDS, app_command, app_environment
    from forumkit.cli.lab import lab_environment, write_lab_settings

    workspace, notebooks = prepare(tmp)
    settings = write_lab_settings(tmp / "lab-settings")
    env = lab_environment(workspace, settings)
    env["FORUMKIT_TODAY"] = "2026-11-26"
    env["JUPYTER_CONFIG_DIR"] = str(tmp / "jupyter-config")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "jupyter-runtime")
    port, token = _free_port(), "forumkit-e2e"
    log = tmp / f"{kind}.log"
    if kind == "lab":
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={notebooks}",
            "--allow-root",
            "--LabApp.news_url=",
            "--ServerApp.disable_check_xsrf=True",
        ]
        url = f"http://127.0.0.1:{port}"
        probe = f"{url}/api/status?token={token}"
    else:
        # The command and environment `forumkit app` uses; only the port, address and cull time differ.
        cmd = app_command(notebooks, port, True, cull_seconds or CULL_IDLE_SECONDS) + ["--Voila.ip=127.0.0.1"]
        env = app_environment(env)
        url = f"http://127.0.0.1:{port}"
        probe = url
    with open(log, "w") as out:  # the server keeps its own copy of the handle
        proc = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_http(probe, proc, log)
    except Exception:
        proc.kill()
        raise
    server = Server(url, workspace, notebooks, proc)
    server.token = token
    return server


def _serve(kind: str, tmp: Path, cull_seconds: int | None = None):
    server = _start(kind, tmp, cull_seconds)
    yield server
    server.proc.terminate()
    try:
        server.proc.wait(20)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture
def lab(tmp_path):
    yield from _serve("lab", tmp_path)


@pytest.fixture
def app(tmp_path):
    yield from _serve("app", tmp_path)


def shoot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
