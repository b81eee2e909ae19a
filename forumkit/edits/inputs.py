"""The forum as a platform for dialogue and experience exchange: inputs from businesses, as pure edits,
each linked to the meeting it came up at and the initiatives it concerns."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..model.errors import InputError
from ..model.ids import next_id
from ..model.tables import Input, build, edit
from ..model.workspace import Workspace

__all__ = ["add_input", "remove_input", "update_input"]


def _check_links(ws: Workspace, row: Input) -> None:
    if row.meeting and row.meeting not in ws.meeting_by_id:
        raise InputError("møde", row.meeting, f"mødet '{row.meeting}' findes ikke")
    for ini in row.initiatives:
        if ini not in ws.initiative_by_id:
            raise InputError("initiativer", ini, f"initiativet '{ini}' findes ikke")


def _input(ws: Workspace, input_id: str) -> Input:
    row = next((i for i in ws.inputs if i.id == input_id), None)
    if row is None:
        raise InputError("id", input_id, f"inputtet '{input_id}' findes ikke")
    return row


def add_input(
    ws: Workspace, *, day: date, source: str, text: str, meeting: str | None = None, initiatives: Iterable[str] = ()
) -> Workspace:
    """Write down an input (who said what, when), linked to a meeting and to initiatives (new id IN-nnn)."""
    row = build(
        Input,
        {
            "id": next_id([i.id for i in ws.inputs], "IN"),
            "date": day,
            "meeting": meeting or None,
            "source": source,
            "text": text,
            "initiatives": tuple(initiatives),
        },
    )
    _check_links(ws, row)
    return ws.with_table("inputs", (*ws.inputs, row))


def update_input(ws: Workspace, input_id: str, **changes: Any) -> Workspace:
    """Change an input: its text, sender, date, meeting or linked initiatives."""
    if "initiatives" in changes and not isinstance(changes["initiatives"], str):
        changes["initiatives"] = tuple(changes["initiatives"])
    row = edit(_input(ws, input_id), **changes)
    _check_links(ws, row)
    return ws.with_table("inputs", [row if i.id == input_id else i for i in ws.inputs])


def remove_input(ws: Workspace, input_id: str) -> Workspace:
    """Take an input out (written by mistake); the change log keeps what it said."""
    _input(ws, input_id)
    return ws.with_table("inputs", [i for i in ws.inputs if i.id != input_id])
