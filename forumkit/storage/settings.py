"""Where the workspace lives and what "today" is: read from FORUMKIT_WORKSPACE and FORUMKIT_TODAY."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from ..model.cells import parse_day
from ..model.charter import CHARTER_FILE, default_charter_path, require_charter
from ..model.errors import InputError, InstallationError
from ..model.tables import TABLES
from .atomic import replace_files
from .store import CHANGES_FILE, is_workspace, table_bytes

__all__ = [
    "example_path",
    "init_workspace",
    "open_workspace_path",
    "today",
    "workspace_path",
]


def today() -> date:
    """FORUMKIT_TODAY (ISO date) when set, else the real date."""
    value = os.environ.get("FORUMKIT_TODAY", "").strip()
    if not value:
        return date.today()
    return parse_day(value, "FORUMKIT_TODAY")


def example_path() -> Path:
    """The fictional example forum: ``data/example`` in a checkout, ``forumkit/_example`` in a wheel."""
    here = Path(__file__).resolve().parents[1]  # the forumkit package
    for candidate in (here.parent / "data" / "example", here / "_example"):
        if is_workspace(candidate):
            return candidate
    raise InstallationError("Eksempel-arbejdsområdet")


def workspace_path() -> Path:
    """FORUMKIT_WORKSPACE when set, else ``./workspace``."""
    return Path(os.environ.get("FORUMKIT_WORKSPACE") or "workspace").resolve()


def open_workspace_path() -> Path:
    """The working workspace, copied from the example on first run (the example itself is never written)."""
    path = workspace_path()
    if not is_workspace(path):
        if path.exists() and any(path.iterdir()):
            raise InputError(
                "FORUMKIT_WORKSPACE",
                str(path),
                f"mappen {path} findes, men er ikke et arbejdsområde (forum.toml mangler)",
            )
        shutil.copytree(
            example_path(),
            path,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(".forumkit.lock*", "*.forumkit-tmp", ".forumkit-state"),
        )
    return path


def init_workspace(folder: Path, charter_file: Path | None = None) -> Path:
    """Make a new, valid, empty workspace from a charter (the first bundled one, dragoer, by default)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("mappe", str(folder), f"{folder} er en fil, ikke en mappe – vælg en ny mappe")
    if folder.exists() and any(folder.iterdir()):
        raise InputError("mappe", str(folder), f"mappen {folder} er ikke tom – vælg en ny mappe")
    source = Path(charter_file) if charter_file else default_charter_path()
    require_charter(source)
    folder.mkdir(parents=True, exist_ok=True)
    files = {folder / CHARTER_FILE: source.read_bytes()}
    for spec in TABLES.values():
        files[folder / spec.file] = table_bytes(spec, ())
    replace_files(files)
    (folder / CHANGES_FILE).touch()
    return folder
