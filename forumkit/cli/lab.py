"""Starting JupyterLab (or Voilà) on the workspace, in Danish and without the news prompt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..model.errors import InstallationError

__all__ = [
    "lab_command",
    "lab_environment",
    "notebooks_path",
    "write_lab_settings",
]

LAB_SETTINGS = {
    "@jupyterlab/translation-extension/plugin.jupyterlab-settings": {"locale": "da_DK"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": False,
    },
    "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {"theme": "JupyterLab Light"},
    # Draw every cell: the screens are long widgets, and windowed drawing hides what is scrolled away. Start the
    # notebook's own kernel without asking: on a busy server JupyterLab otherwise stops a run on "Select Kernel".
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "autoStartDefaultKernel": True,
    },
}


def notebooks_path() -> Path:
    """The curated notebooks: ``notebooks/`` in a checkout, ``forumkit/_notebooks`` in a wheel."""
    here = Path(__file__).resolve().parents[1]  # the forumkit package
    for candidate in (here.parent / "notebooks", here / "_notebooks"):
        if (candidate / "00_overblik.ipynb").is_file():
            return candidate
    raise InstallationError("Notesbøgerne")


def write_lab_settings(folder: Path) -> Path:
    """JupyterLab user settings that make it Danish and quiet (no news, no update check)."""
    for name, value in LAB_SETTINGS.items():
        plugin_dir, file = name.rsplit("/", 1)
        target = folder / plugin_dir / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value, indent=2), encoding="utf-8")
    return folder


def lab_environment(workspace: Path, settings_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["FORUMKIT_WORKSPACE"] = str(workspace)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings_dir)
    env.setdefault("LANG", "da_DK.UTF-8")
    return env


FIRST_NOTEBOOK = "00_overblik.ipynb"


def lab_command(
    kind: str, notebook: str | None, port: int | None, no_browser: bool, lab_folder: Path | None = None
) -> list[str]:
    """The command line that starts JupyterLab (kind 'lab', on the user's copies in ``lab_folder``, opening
    straight on the notebook – 00 Overblik unless another is named) or Voilà (kind 'app')."""
    folder = notebooks_path()
    if kind == "lab":
        from urllib.parse import quote

        root = lab_folder or folder
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=",
            f"--LabApp.default_url=/lab/tree/{quote(notebook or FIRST_NOTEBOOK)}",
        ]
    else:
        from .app import app_command

        return app_command(folder / notebook if notebook else folder, port, no_browser)
    if kind == "lab" and hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    if port:
        cmd.append(f"--port={port}")
    if no_browser:
        cmd.append("--no-browser")
    return cmd


def run(
    kind: str, workspace: Path, notebook: str | None = None, port: int | None = None, no_browser: bool = False
) -> int:
    settings = write_lab_settings(Path.home() / ".forumkit" / "lab-settings")
    env = lab_environment(workspace, settings)
    lab_folder = None
    if kind == "lab":  # the user's own copies of the notebooks, in the workspace folder
        from .notebook_copies import place_notebooks

        placed = place_notebooks(notebooks_path(), workspace)
        lab_folder = placed.folder
        print(f"Notesbøger: {placed.folder}")
        for line in placed.messages:
            print(line)
    else:
        from .app import app_environment

        env = app_environment(env)
    return subprocess.call(lab_command(kind, notebook, port, no_browser, lab_folder), env=env)
