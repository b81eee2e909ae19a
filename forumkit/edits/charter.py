"""Changing the kommissorium: a new revision, dated from the day it takes effect, saved as one transaction.

``forum.toml`` becomes the new charter; ``charter_history.jsonl`` gains the revision (and, the first time,
the charter the forum started with); the change log gets one entry with the old and new text (table
``kommissorium``), so the data as of any day can be rebuilt (storage.history). The data must fit the new
charter: a seat someone holds, or a pillar an initiative is under, cannot be removed.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from ..model.charter import CHARTER_FILE, Charter
from ..model.charter_history import HISTORY_FILE, Revision, history_line
from ..model.charter_toml import render_charter
from ..model.danish import da_date
from ..model.errors import InputError
from ..model.workspace import Workspace
from ..storage import store as store_module
from ..storage.history import CHARTER_TABLE
from ..storage.store import CHANGES_FILE, Store

__all__ = ["revise_charter"]


def _check_date(ws: Workspace, effective: date) -> None:
    dated = [r.effective for r in ws.revisions if r.effective]
    if dated and effective < max(dated):
        raise InputError(
            "gælder fra",
            effective.isoformat(),
            f"en ændring kan ikke gælde fra før den seneste ændring ({da_date(max(dated), False)}) – "
            "vælg en senere dato",
        )


def revise_charter(store: Store, charter: Charter, effective: date, note: str = "") -> Workspace:
    """Save ``charter`` as the kommissorium from ``effective`` on; refuses (InputError, in Danish) a charter
    the data do not fit or a date before the last revision."""
    note = " ".join(note.split())
    text = render_charter(charter)
    holder: dict = {}

    def change(ws: Workspace) -> Workspace:
        _check_date(ws, effective)
        if charter == ws.charter:
            raise InputError("kommissorium", "", "intet er ændret i kommissoriet")
        stamp = store_module.now().isoformat(timespec="seconds")
        old_text = (store.root / CHARTER_FILE).read_bytes().decode("utf-8-sig")
        history = (store.root / HISTORY_FILE).read_bytes() if (store.root / HISTORY_FILE).exists() else b""
        if not ws.revisions:  # the charter the forum started with stays, in force until the first revision
            history += history_line(old_text, None, stamp, store.who, "kommissoriet før første ændring")
            revisions = (Revision(None, ws.charter, stamp, store.who),)
        else:
            revisions = ws.revisions
        history += history_line(text, effective, stamp, store.who, note)
        holder.update(stamp=stamp, old=old_text, history=history)
        return replace(
            ws, charter=charter, revisions=(*revisions, Revision(effective, charter, stamp, store.who, note))
        )

    def also(old: Workspace, new: Workspace, log: bytes) -> dict[str, bytes]:
        entry = {
            "time": holder["stamp"],
            "who": store.who,
            "what": f"kommissoriet ændret fra {effective.isoformat()}" + (f": {note}" if note else ""),
            "table": CHARTER_TABLE,
            "row": CHARTER_FILE,
            "op": "change",
            "field": "*",
            "old": holder["old"],
            "new": text,
        }
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        return {CHARTER_FILE: text.encode("utf-8"), HISTORY_FILE: holder["history"], CHANGES_FILE: log + line}

    return store.update(change, what="kommissorium", also=also)
