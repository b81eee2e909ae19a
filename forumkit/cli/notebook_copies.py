"""The user's own copies of the curated notebooks, in the workspace folder (``notesbøger/``).

`forumkit lab` places each notebook there once. A copy the user has not changed (its bytes are still the ones
forumkit placed) is brought up to date on an upgrade; a copy the user has changed – edited, or just run and
saved with its outputs – is never touched: the new version goes beside it as "NN_navn (ny version).ipynb",
and the user is told. What forumkit placed is remembered in a hidden file in the folder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..storage.atomic import write_atomic

__all__ = ["MANIFEST", "NOTEBOOK_FOLDER", "Placed", "place_notebooks"]

NOTEBOOK_FOLDER = "notesbøger"
MANIFEST = ".forumkit-notesbøger.json"  # file name → sha256 of the bytes forumkit wrote there


@dataclass(frozen=True)
class Placed:
    """What placing the notebooks did: the folder and one Danish line per thing the user should know."""

    folder: Path
    messages: tuple[str, ...]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _beside(folder: Path, stem: str, ours: dict[str, str]) -> Path:
    """Where the new version goes: "(ny version)", or "(ny version 2)" … when the user changed that one too."""
    number = 1
    while True:
        name = f"{stem} (ny version{'' if number == 1 else f' {number}'}).ipynb"
        path = folder / name
        if not path.exists() or _digest(path.read_bytes()) == ours.get(name):
            return path
        number += 1


def place_notebooks(source: Path, workspace: Path) -> Placed:
    """Put the notebooks of ``source`` into ``workspace/notesbøger`` without overwriting anything of the user's."""
    folder = Path(workspace) / NOTEBOOK_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    ours = _read_manifest(folder / MANIFEST)
    messages: list[str] = []
    for path in sorted(Path(source).glob("*.ipynb")):
        new = path.read_bytes()
        target = folder / path.name
        if not target.exists():
            write_atomic(target, new)
            ours[path.name] = _digest(new)
            continue
        current = _digest(target.read_bytes())
        if current == _digest(new):
            ours[path.name] = current
            continue
        if current == ours.get(path.name):  # the user never changed our copy: bring it up to date
            write_atomic(target, new)
            ours[path.name] = _digest(new)
            messages.append(f"{path.stem} er opdateret til den nye version.")
            continue
        if ours.get(path.name) == _digest(new):  # this version was offered before; the user kept their own
            continue
        beside = _beside(folder, path.stem, ours)
        write_atomic(beside, new)
        ours[beside.name] = ours[path.name] = _digest(new)
        messages.append(
            f"Der er en ny version af {path.stem}: den ligger i '{beside.name}'. Din egen {path.name} er ikke ændret."
        )
    write_atomic(folder / MANIFEST, json.dumps(ours, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return Placed(folder, tuple(messages))
