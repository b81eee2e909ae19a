"""Voilà hooks for the app: the start page's data, human page titles, and no notebook-only cells.

Loaded by ``app_files/voila.py`` (the Voilà config ``forumkit app`` points at); the template
``app_files/share/voila/templates/forumkit`` renders what these hooks put in place.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..model.charter import CHARTER_FILE, load_charter
from .screens import NOTEBOOK_ONLY, SCREENS, screen_for

__all__ = ["APP_FILES", "forum_name", "forum_names", "page_config", "page_title", "prelaunch"]

APP_FILES = Path(__file__).resolve().parent / "app_files"
FALLBACK_NAME = "Samarbejdsforum"


def forum_names() -> tuple[str, str]:
    """The forum's short and full name from the workspace's charter (a neutral word when it cannot be read)."""
    root = Path(os.environ.get("FORUMKIT_WORKSPACE") or "workspace")
    try:
        charter, _ = load_charter(root / CHARTER_FILE)
    except (OSError, ValueError):
        charter = None
    return (charter.forum.short_name, charter.forum.name) if charter else (FALLBACK_NAME, FALLBACK_NAME)


def forum_name() -> str:
    return forum_names()[0]


def page_title(path: str, forum: str) -> str:
    """'Idékatalog – Samarbejdsforum' for a screen; 'Forside – Samarbejdsforum' for the start page."""
    screen = screen_for(path) if path.endswith(".ipynb") else None
    return f"{screen.name if screen else 'Forside'} – {forum}"


def page_config(
    current: dict[str, Any], base_url: str, settings: dict, log, voila_configuration, notebook_path: str
) -> dict[str, Any]:
    """Voilà's page_config_hook: the screens and titles the forumkit template renders (changed in place)."""
    forum, full_name = forum_names()
    # Voilà serving one notebook (`forumkit app --notebook …`) has no start page and no other screens to link.
    single = bool(getattr((settings or {}).get("voila"), "notebook_path", None))
    current["forumkit"] = {
        "forum": full_name,
        "title": page_title(notebook_path or "", forum),
        "screens": []
        if single
        else [{"notebook": f"{s.notebook}.ipynb", "name": s.name, "purpose": s.purpose} for s in SCREENS],
    }
    return current


def prelaunch(req_handler, notebook, cwd):
    """Voilà's prelaunch_hook: drop the cells written for the notebook, and title the page."""
    notebook.cells = [c for c in notebook.cells if NOTEBOOK_ONLY not in c.get("metadata", {}).get("tags", [])]
    request = getattr(req_handler, "request", None)
    paths = [request.path if request else "", str(getattr(req_handler, "notebook_path", "") or "")]
    path = next((p for p in paths if screen_for(p)), paths[0])  # one-notebook mode serves it at "/"
    notebook.metadata["title"] = page_title(path, forum_name())
    return notebook
