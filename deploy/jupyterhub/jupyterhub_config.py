"""JupyterHub for the forum's secretariat: each member logs in and gets `forumkit app` (the Voilà screens, no
code) in their own server, all over ONE shared workspace. See README.md beside this file (in Danish, for IT).

Start:  jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
Set with environment variables (the service's unit file), nothing forum-specific in here:

  FORUMKIT_HUB_WORKSPACE  the shared workspace folder (required; made with 'forumkit init' first)
  FORUMKIT_HUB_USERS      the log-ins allowed in, comma-separated (e.g. "anna,bo")
  FORUMKIT_HUB_ADMINS     of those, who may see and stop the others' servers (optional)
  FORUMKIT_HUB_STATE      folder for the hub's own database, cookie secret and proxy pid (/srv/forumkit/hub)
  FORUMKIT_HUB_IP / _PORT where the hub listens (127.0.0.1:8000: put the municipality's TLS proxy in front)
  FORUMKIT_HUB_NOTEBOOKS  the screens' notebooks (default: the ones installed with forumkit)
  FORUMKIT_HUB_START      the screen a user lands on (default 00_overblik.ipynb)

Every staff member's saves go through forumkit's lock, so two people saving at once both land; the change log
names each by their hub log-in (JUPYTERHUB_USER)."""

import os
import sys
from pathlib import Path

from forumkit.cli.lab import notebooks_path

c = get_config()  # noqa: F821 - provided by JupyterHub when it reads this file


def _names(variable: str) -> set[str]:
    return {name.strip() for name in os.environ.get(variable, "").split(",") if name.strip()}


def _forum_name(root: Path) -> str:
    """The forum's name from the workspace's charter, for the log-in page ('' when it cannot be read)."""
    from forumkit.model.charter import CHARTER_FILE, load_charter

    charter, _problems = load_charter(root / CHARTER_FILE)
    return charter.forum.name if charter is not None else ""


workspace = os.environ.get("FORUMKIT_HUB_WORKSPACE", "")
if not workspace:
    sys.exit("FORUMKIT_HUB_WORKSPACE mangler: sæt den til det fælles arbejdsområde (se deploy/jupyterhub/README.md)")
state = Path(os.environ.get("FORUMKIT_HUB_STATE", "/srv/forumkit/hub"))
state.mkdir(parents=True, exist_ok=True)
notebooks = Path(os.environ.get("FORUMKIT_HUB_NOTEBOOKS") or notebooks_path())
start = os.environ.get("FORUMKIT_HUB_START", "00_overblik.ipynb")

# --- the hub -----------------------------------------------------------------------------------------
c.JupyterHub.ip = os.environ.get("FORUMKIT_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("FORUMKIT_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's API is for the proxy and the users' servers only
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
c.JupyterHub.template_paths = [str(Path(__file__).resolve().parent / "templates")]  # the log-in page in Danish
c.JupyterHub.template_vars = {
    "announcement_login": "Log ind med dit kommunale brugernavn.",
    "forum_name": _forum_name(Path(workspace)),
}

# --- who may log in: the municipality's own log-ins (PAM: local or AD users via SSSD) -------------------
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = _names("FORUMKIT_HUB_USERS")
c.Authenticator.admin_users = _names("FORUMKIT_HUB_ADMINS")

# --- each user's server: forumkit's screens in Voilà, on the shared workspace ---------------------------
c.JupyterHub.spawner_class = "localprocess"  # each server runs as the logged-in OS user
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.notebook_dir = str(notebooks)
c.Spawner.default_url = f"/voila/render/{start}"  # the app, not JupyterLab
c.Spawner.args = [
    "--VoilaConfiguration.strip_sources=True",  # no code shown, as `forumkit app`
    "--VoilaConfiguration.theme=light",
    "--VoilaConfiguration.show_tracebacks=False",
    "--ServerApp.terminals_enabled=False",  # the secretariat needs no shell on the server
]
c.Spawner.environment = {"FORUMKIT_WORKSPACE": workspace, "LANG": "da_DK.UTF-8"}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
