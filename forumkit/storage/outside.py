"""Edits made outside forumkit (Excel, a text editor): noticed on open and written into the change log.

Every save also writes the bytes it saved to a hidden copy in ``.forumkit-state/`` in the same journaled
transaction, so the copy is always "the last logged state" of each data file. When a data file differs from
its copy, someone changed it outside forumkit: the field-level difference (the same diff a save logs) goes
into the change log as "ændret uden for forumkit", by the file's owner, and the copy is brought up to date.

The copy holds exactly what the data file held when it was last logged, nothing more: a GDPR purge rewrites
the data files and so, in the same transaction, their copies (see docs/workspace.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model.tables import TABLES

__all__ = [
    "OUTSIDE_WHAT",
    "OutsideChanges",
    "STATE_DIR",
    "file_owner",
    "find_outside_changes",
    "prepare_state_dir",
    "state_name",
]

STATE_DIR = ".forumkit-state"
OUTSIDE_WHAT = "ændret uden for forumkit"


def state_name(file: str) -> str:
    """The workspace-relative name of a data file's last-logged copy."""
    return f"{STATE_DIR}/{file}"


def prepare_state_dir(root: Path) -> bool:
    """Make the copies' folder; False when it cannot be made (a file of that name, a read-only folder)."""
    folder = Path(root) / STATE_DIR
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return False
    return folder.is_dir()


def file_owner(path: Path) -> str:
    """The user name owning ``path`` (who edited it outside forumkit, as far as the system knows), or 'ukendt'."""
    try:
        import pwd

        return pwd.getpwuid(os.stat(path).st_uid).pw_name or "ukendt"
    except (ImportError, KeyError, OSError):
        return "ukendt"


@dataclass
class OutsideChanges:
    """What differs between the data files and their last-logged copies."""

    entries: list[dict] = field(default_factory=list)  # change-log entries with "who", without time/what
    copies: dict[str, bytes | None] = field(default_factory=dict)  # copy name → its bytes now (None: remove)
    files: list[str] = field(default_factory=list)  # data files changed outside forumkit

    def __bool__(self) -> bool:
        return bool(self.copies)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def find_outside_changes(root: Path, names: list[str] | None = None) -> OutsideChanges:
    """Compare the data files (all, or the table names given) with their copies; reads only, writes nothing.

    A file without a copy (a workspace from before copies existed) gets one, with no log entries: its
    present state becomes the baseline. A copy that cannot be read as a table is replaced the same way."""
    from .store import _diff, _parse_table  # the very parser and diff a save uses

    root = Path(root)
    out = OutsideChanges()
    for name, spec in TABLES.items():
        if names is not None and name not in names:
            continue
        path = root / spec.file
        data = _read(path)
        copy = _read(root / state_name(spec.file))
        if copy == data or (data is None and not spec.may_be_missing):
            continue  # a required file that is missing is the loader's error, not an edit
        out.copies[state_name(spec.file)] = data
        if copy is None:
            continue
        before, _, old_problems = _parse_table(spec, copy)
        after, _, new_problems = _parse_table(spec, data) if data is not None else ((), [], [])
        if old_problems or new_problems:
            continue  # a file that does not load is refused by the loader; a bad copy is only replaced
        who = file_owner(path) if data is not None else "ukendt"
        entries = [{"who": who, **entry} for entry in _diff(name, before, after)]
        if entries:
            out.files.append(spec.file)
            out.entries.extend(entries)
    return out
