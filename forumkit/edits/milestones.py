"""An initiative's milestones as pure edits: dated steps, each done (with the day) or not yet."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model.errors import InputError
from ..model.ids import next_id
from ..model.tables import Milestone, build, edit
from ..model.workspace import Workspace
from ..rules.catalogue_rules import milestone_done_problem

__all__ = ["add_milestone", "mark_milestone", "remove_milestone", "update_milestone"]


def _milestone(ws: Workspace, milestone_id: str) -> Milestone:
    row = next((m for m in ws.milestones if m.id == milestone_id), None)
    if row is None:
        raise InputError("id", milestone_id, f"milepælen '{milestone_id}' findes ikke")
    return row


def _replace(ws: Workspace, new: Milestone) -> Workspace:
    if new.initiative not in ws.initiative_by_id:
        raise InputError("initiativ", new.initiative, f"initiativet '{new.initiative}' findes ikke")
    return ws.with_table("milestones", [new if m.id == new.id else m for m in ws.milestones])


def add_milestone(ws: Workspace, initiative: str, *, day: date, title: str) -> Workspace:
    """Add a dated step to an initiative (new id MP-nnn), not done yet."""
    if initiative not in ws.initiative_by_id:
        raise InputError("initiativ", initiative, f"initiativet '{initiative}' findes ikke")
    row = build(
        Milestone,
        {"id": next_id([m.id for m in ws.milestones], "MP"), "initiative": initiative, "date": day, "title": title},
    )
    return ws.with_table("milestones", (*ws.milestones, row))


def update_milestone(ws: Workspace, milestone_id: str, **changes: Any) -> Workspace:
    """Change a milestone's date, title or initiative (its id stays)."""
    if "id" in changes and changes["id"] != milestone_id:
        raise InputError("id", changes["id"], "en milepæls id kan ikke ændres")
    return _replace(ws, edit(_milestone(ws, milestone_id), **changes))


def mark_milestone(ws: Workspace, milestone_id: str, done: date | None, today: date) -> Workspace:
    """Mark a milestone done on ``done``, or not done (None); a day after ``today`` has not come and is refused."""
    problem = milestone_done_problem(done, today)
    if problem:
        raise InputError("udført", done.isoformat() if done else "", f"{milestone_id}: {problem}")
    return update_milestone(ws, milestone_id, done=done)


def remove_milestone(ws: Workspace, milestone_id: str) -> Workspace:
    """Take out a milestone (the change log keeps the whole row, so it can be read and rebuilt)."""
    _milestone(ws, milestone_id)
    return ws.with_table("milestones", [m for m in ws.milestones if m.id != milestone_id])
