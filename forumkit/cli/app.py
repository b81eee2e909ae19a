"""`forumkit app`: Voilà over the notebooks with forumkit's Danish template, start page and culled kernels.

Everything Voilà needs comes from the package: the config file ``ui/app_files/voila.py`` (template,
hooks, lang="da") and the template folder ``ui/app_files/share``; the cull times are given on the
command line, so a test can shorten them the same way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["APP_FILES", "CULL_IDLE_SECONDS", "app_command", "app_environment"]

# The ui layer's data folder, found by path (the cli does not import the ui layer).
APP_FILES = Path(__file__).resolve().parents[1] / "ui" / "app_files"
# A screen left open keeps its kernel (it is connected); one whose page is closed is shut down after this.
CULL_IDLE_SECONDS = 600


def app_command(
    target: Path, port: int | None = None, no_browser: bool = False, cull_seconds: int = CULL_IDLE_SECONDS
) -> list[str]:
    """The Voilà command line for a folder of notebooks (the start page) or one notebook."""
    interval = max(1, min(60, cull_seconds // 2))
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(target),
        f"--Voila.config_file_paths={APP_FILES}",
        f"--MappingKernelManager.cull_idle_timeout={cull_seconds}",
        f"--MappingKernelManager.cull_interval={interval}",
        "--MappingKernelManager.cull_connected=False",
    ]
    if port:
        cmd.append(f"--port={port}")
    if no_browser:
        cmd.append("--no-browser")
    return cmd


def app_environment(env: dict[str, str]) -> dict[str, str]:
    """The environment with forumkit's Voilà template folder first on JUPYTER_PATH."""
    env = dict(env)
    share = str(APP_FILES / "share")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (share, env.get("JUPYTER_PATH", "")) if p)
    return env
