"""Working groups after they are set up, as pure edits: changed, and closed with their report."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model.errors import InputError
from ..model.tables import WorkingGroup, edit
from ..model.vocab import GroupState
from ..model.workspace import Workspace

__all__ = ["close_working_group", "reopen_working_group", "update_working_group"]


def _group(ws: Workspace, group_id: str) -> WorkingGroup:
    row = next((g for g in ws.working_groups if g.id == group_id), None)
    if row is None:
        raise InputError("gruppe", group_id, f"arbejdsgruppen '{group_id}' findes ikke")
    return row


def update_working_group(ws: Workspace, group_id: str, **changes: Any) -> Workspace:
    """Change a group's name, mandate or report-back date."""
    new = edit(_group(ws, group_id), **changes)
    if new.meeting and new.meeting not in ws.meeting_by_id:
        raise InputError("nedsat_på", new.meeting, f"mødet '{new.meeting}' findes ikke")
    return ws.with_table("working_groups", [new if g.id == group_id else g for g in ws.working_groups])


def close_working_group(ws: Workspace, group_id: str, *, day: date, report: str) -> Workspace:
    """Close a group with its report: the day it reported back and what it concluded."""
    current = _group(ws, group_id)
    if current.state == GroupState.CLOSED:
        raise InputError("tilstand", current.state, f"arbejdsgruppen '{group_id}' er allerede afsluttet")
    if not report or not report.strip():
        raise InputError("rapport", report, "skriv kort, hvad arbejdsgruppen kom frem til")
    if current.meeting in ws.meeting_by_id and day < ws.meeting_by_id[current.meeting].date:
        raise InputError(
            "rapporteret", day.isoformat(), f"rapporten ligger før mødet {current.meeting}, der nedsatte gruppen"
        )
    return update_working_group(ws, group_id, state=GroupState.CLOSED, reported=day, report=report.strip())


def reopen_working_group(ws: Workspace, group_id: str) -> Workspace:
    """Undo a closing (the report stays in the change log)."""
    return update_working_group(ws, group_id, state=GroupState.ACTIVE, reported=None, report=None)
