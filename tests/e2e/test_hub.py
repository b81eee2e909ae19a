"""Several staff at once: JupyterHub (deploy/jupyterhub/jupyterhub_config.py) serves the app to two logged-in users
over one shared workspace; they save at the same moment, both changes land, each logged under their hub name."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import ROOT, missing
from tests.e2e.conftest import _free_port, _wait_http, prepare
from tests.e2e.test_lab import choose, widget

pytestmark = pytest.mark.e2e

CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PASSWORD = "forum-e2e-kode"
USERS = ("anna", "bo")

# Only for this test: the repo's config as it is, with made-up users (no OS accounts) instead of PAM, and
# every server on 127.0.0.1. Never use DummyAuthenticator or SimpleLocalProcessSpawner for real.
TEST_CONFIG = """
c = get_config()
load_subconfig({config!r})
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
from jupyterhub.spawner import SimpleLocalProcessSpawner


class OneServiceAccount(SimpleLocalProcessSpawner):
    # Every server as one OS account (as with a service user): only the hub knows who is logged in.

    def user_env(self, env):
        env = super().user_env(env)
        env["USER"] = env["LOGNAME"] = "forumkit-tjeneste"
        return env


c.JupyterHub.spawner_class = OneServiceAccount
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.ip = "127.0.0.1"
c.Spawner.args = c.Spawner.args + {extra_args!r}
c.Spawner.environment.update({environment!r})
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.JupyterHub.hub_port = {hub_port}
"""


@pytest.fixture
def hub(tmp_path):
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        missing("JupyterHub mangler til flerbrugertesten: pip install -e '.[test]'")
    if shutil.which("configurable-http-proxy") is None:
        missing("configurable-http-proxy mangler til flerbrugertesten: npm install -g configurable-http-proxy")
    workspace, notebooks = prepare(tmp_path)
    port = _free_port()
    config = tmp_path / "jupyterhub_test_config.py"
    config.write_text(
        TEST_CONFIG.format(
            config=str(CONFIG),
            password=PASSWORD,
            homes=str(tmp_path / "homes"),
            proxy_api=_free_port(),
            hub_port=_free_port(),
            extra_args=["--allow-root"] if os.geteuid() == 0 else [],
            environment={"FORUMKIT_TODAY": "2026-11-26"},
        ),
        encoding="utf-8",
    )
    env = dict(os.environ)
    for name in ("FORUMKIT_USER", "JUPYTERHUB_USER", "FORUMKIT_WORKSPACE"):
        env.pop(name, None)
    env.update(
        FORUMKIT_HUB_WORKSPACE=str(workspace),
        FORUMKIT_HUB_USERS=",".join(USERS),
        FORUMKIT_HUB_STATE=str(tmp_path / "hub"),
        FORUMKIT_HUB_NOTEBOOKS=str(notebooks),
        FORUMKIT_HUB_IP="127.0.0.1",
        FORUMKIT_HUB_PORT=str(port),
        PYTHONPATH=str(ROOT),
        JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    log = tmp_path / "hub.log"
    with open(log, "w") as out:  # the hub keeps its own copy of the handle
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{url}/hub/api", proc, log)
        yield url, workspace, log
    finally:
        proc.send_signal(signal.SIGTERM)  # the hub stops the users' servers and the proxy it started
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def log_in(browser, url: str, user: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    page.goto(f"{url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit", no_wait_after=True)
    return context, page


def check_the_danish_login_page(browser, url: str) -> None:
    """The log-in page is the secretary's first sight of the app: Danish words, lang="da", the forum's name, a
    Danish message for a wrong password, and no axe finding."""
    from tests.e2e.axe import describe, violations

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    page.goto(f"{url}/hub/login")
    assert page.get_attribute("html", "lang") == "da"
    assert page.title() == "Log ind – Samarbejdsforum mellem Kommune og Erhvervsliv"
    assert page.get_by_role("heading", level=1).inner_text() == "Log ind"
    assert page.get_by_label("Brugernavn").get_attribute("id") == "username_input"
    assert page.get_by_label("Adgangskode", exact=True).get_attribute("id") == "password_input"
    assert page.get_by_role("button", name="Log ind").get_attribute("id") == "login_submit"
    body = page.inner_text("body")
    assert "Log ind med dit kommunale brugernavn." in body
    assert not any(word in body for word in ("Sign in", "Username", "Password", "Warning")), body
    found = violations(page)
    assert not found, describe(found)
    page.fill("#username_input", USERS[0])
    page.fill("#password_input", "forkert-kode")
    page.click("#login_submit")
    page.get_by_role("alert").get_by_text("Forkert brugernavn eller adgangskode. Prøv igen.").wait_for()
    assert page.get_attribute("html", "lang") == "da" and page.input_value("#username_input") == USERS[0]
    context.close()


def test_two_staff_edit_the_shared_workspace_at_once(browser, hub):
    from tests.e2e.conftest import SIGNAL_TIMEOUT

    url, workspace, _log = hub
    check_the_danish_login_page(browser, url)
    began = time.monotonic()
    sessions = {user: log_in(browser, url, user) for user in USERS}
    pages = {user: page for user, (_, page) in sessions.items()}
    for user, page in pages.items():  # both land on the app's first screen, in their own server
        page.set_default_timeout(SIGNAL_TIMEOUT)
        page.wait_for_url(f"**/user/{user}/voila/render/00_overblik.ipynb**")
    for page in pages.values():
        page.get_by_text("Kontrol af kommissoriet").first.wait_for()
    for user, page in pages.items():
        page.goto(f"{url}/user/{user}/voila/render/03_idekatalog.ipynb", wait_until="commit")
    for page in pages.values():
        page.get_by_role("tab", name="Redigér").first.wait_for()
        page.get_by_role("tab", name="Redigér").click()
    anna, bo = pages["anna"], pages["bo"]
    choose(anna, "Initiativ:", "I-021 ")
    choose(anna, "Status:", "parkeret")
    choose(bo, "Initiativ:", "I-007 ")
    widget(bo, "Næste skridt:").fill("Planlæg forårets caféer")
    widget(bo, "Næste skridt:").press("Tab")
    for page in (anna, bo):
        page.get_by_role("button", name="Gem ændringer").wait_for()
        assert page.get_by_role("button", name="Gem ændringer").is_enabled()
    anna.get_by_role("button", name="Gem ændringer").click(no_wait_after=True)  # at the same moment
    bo.get_by_role("button", name="Gem ændringer").click(no_wait_after=True)
    anna.get_by_text("I-021 er gemt.").wait_for()
    bo.get_by_text("I-007 er gemt.").wait_for()
    for page in pages.values():
        text = page.inner_text("body")
        assert not any(bad in text for bad in ("Fejl", "Ikke gemt", "Traceback", "optaget")), text[-2000:]
    ws = load_workspace(workspace)
    assert ws.initiative_by_id["I-021"].status == "parkeret"
    assert ws.initiative_by_id["I-007"].next_step == "Planlæg forårets caféer"
    who = {(e.get("row"), e.get("field")): e["who"] for e in read_changes(workspace) if "row" in e}
    assert who[("I-021", "status")] == "anna" and who[("I-007", "næste_skridt")] == "bo"
    anna.get_by_role("tab", name="Initiativer").click()  # a download works through the hub's proxy too
    anna.get_by_role("button", name="Hent listen (CSV)").click()
    link = anna.get_by_role("region", name="Hent listen").locator("a[download]")
    with anna.expect_download() as info:
        link.click()
    rows = Path(info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert any(row.startswith("I-021;") and ";parkeret;" in row for row in rows)
    for context, _ in sessions.values():
        context.close()
    print(f"\nto brugere på JupyterHub: {time.monotonic() - began:.0f} s fra login til begge gemt")
