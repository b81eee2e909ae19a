"""Fault injection: fail an atomic-save step (write, flush, fsync or replace) once or from then on, or leave a
workspace as a save killed right after its commit leaves it."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

from forumkit.storage import atomic
from forumkit.storage.journal import LogAppend, _prepare

STEPS = ("write", "flush", "fsync", "replace")
MODES = ("once", "always")


@contextmanager
def failing(step: str, mode: str, after: int = 0):
    """Make ``atomic.steps.<step>`` raise ENOSPC on call ``after + 1`` (and every later call if 'always')."""
    real = getattr(atomic.steps, step)
    calls = {"n": 0}

    def faulty(*args):
        calls["n"] += 1
        if calls["n"] == after + 1 or (mode == "always" and calls["n"] > after):
            raise OSError(28, "Ingen plads tilbage på enheden")
        return real(*args)

    setattr(atomic.steps, step, faulty)
    try:
        yield calls
    finally:
        setattr(atomic.steps, step, real)


def pending_save(root: Path) -> None:
    """What a save leaves when it is killed right after its commit: the journal and the staged files (with the
    last-logged copies, as a real save stages them when the copies' folder exists), nothing renamed yet."""
    from forumkit.model.tables import TABLES, edit
    from forumkit.storage.outside import STATE_DIR, state_name
    from forumkit.storage.store import CHANGES_FILE, load_workspace, table_bytes

    ws = load_workspace(root)
    rows = tuple(edit(i, hours=4321) if i.id == "I-001" else i for i in ws.initiatives)
    groups = tuple(edit(g, mandate="Nyt mandat") if g.id == "WG-1" else g for g in ws.working_groups)
    files = {
        "initiatives.csv": table_bytes(TABLES["initiatives"], rows),
        "working_groups.csv": table_bytes(TABLES["working_groups"], groups),
    }
    if (root / STATE_DIR).is_dir():
        files.update({state_name(name): data for name, data in list(files.items())})
    entry = {
        "time": "2026-11-26T10:00:00",
        "who": "t",
        "what": "",
        "table": "initiatives",
        "row": "I-001",
        "op": "change",
        "field": "timer",
        "old": None,
        "new": "4321",
    }
    log = (root / CHANGES_FILE).read_bytes()
    _prepare(root, files, LogAppend(CHANGES_FILE, len(log), (json.dumps(entry) + "\n").encode("utf-8")))
