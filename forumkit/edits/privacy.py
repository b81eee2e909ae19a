"""Personal data: purge contact details past their retention date, and scrub them from the change log."""

from __future__ import annotations

import json
from datetime import date

from ..model.tables import edit
from ..model.workspace import Workspace
from ..storage.atomic import write_atomic
from ..storage.store import CHANGES_FILE, Store
from .roster import forget_plan

__all__ = ["PURGED", "forget"]

PURGED = "[slettet]"
_CONTACT = {"email", "telefon"}


def forget(store: Store, day: date, *, dry_run: bool = False) -> list[tuple[str, str, str, date]]:
    """Purge e-mail and phone of people past retention; keep name, organisation and seat history."""
    plan = forget_plan(store.load(), day)
    if dry_run or not plan:
        return plan
    targets = {(table, row_id) for table, row_id, _, _ in plan}

    def purge(ws: Workspace) -> Workspace:
        for table in ("members", "secretariat"):
            rows = [edit(r, email=None, phone=None) if (table, r.id) in targets else r for r in ws.table(table)]
            ws = ws.with_table(table, rows)
        return ws

    store.update(purge, what="GDPR: kontaktoplysninger slettet")
    with store.locked():  # the log is rewritten whole, so no other save may append meanwhile
        _scrub_log(store, targets)
    return plan


def _scrub_log(store: Store, targets: set[tuple[str, str]]) -> None:
    """Rewrite the change log with the purged values replaced by a marker (the entries themselves stay)."""
    path = store.root / CHANGES_FILE
    if not path.exists():
        return
    out = []
    for raw in path.read_bytes().splitlines():
        try:
            entry = json.loads(raw)
        except ValueError:
            out.append(raw)
            continue
        if (entry.get("table"), entry.get("row")) in targets and entry.get("field") in _CONTACT:
            entry["old"] = PURGED if entry.get("old") else None
            entry["new"] = PURGED if entry.get("new") else None
            raw = json.dumps(entry, ensure_ascii=False).encode("utf-8")
        out.append(raw)
    write_atomic(path, b"\n".join(out) + b"\n")
