"""The charter's business networks as pure edits: founded from the charter's list, changed, closed."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model.errors import InputError
from ..model.tables import Network, NetworkEvent, build, edit
from ..model.workspace import Workspace
from ..rules.catalogue_rules import event_day_problem

__all__ = [
    "check_event_day",
    "close_network",
    "create_network",
    "remove_network_event",
    "reopen_network",
    "update_network",
    "update_network_event",
]


def _network(ws: Workspace, network_id: str) -> Network:
    row = next((n for n in ws.networks if n.id == network_id), None)
    if row is None:
        raise InputError("netværk", network_id, f"netværket '{network_id}' findes ikke")
    return row


def _replace(ws: Workspace, new: Network) -> Workspace:
    return ws.with_table("networks", [new if n.id == new.id else n for n in ws.networks])


def create_network(
    ws: Workspace,
    network_id: str,
    *,
    founded: date | None = None,
    coordinator: str | None = None,
    description: str | None = None,
) -> Workspace:
    """Found one of the networks the charter names (its id, name and pillar come from the charter)."""
    known = {n.id: n for n in ws.charter.networks}
    if network_id not in known:
        names = ", ".join(f"{n.id} ({n.name})" for n in ws.charter.networks) or "ingen"
        raise InputError(
            "netværk", network_id, f"kommissoriet nævner ikke netværket '{network_id}' – det kender: {names}"
        )
    if any(n.id == network_id for n in ws.networks):
        raise InputError("netværk", network_id, f"netværket '{network_id}' er allerede oprettet")
    spec = known[network_id]
    row = build(
        Network,
        {
            "id": spec.id,
            "name": spec.name,
            "pillar": spec.pillar,
            "coordinator": coordinator,
            "founded": founded,
            "description": description,
        },
    )
    return ws.with_table("networks", (*ws.networks, row))


def update_network(ws: Workspace, network_id: str, **changes: Any) -> Workspace:
    """Change a network's coordinator, founding date, description or name."""
    if "id" in changes and changes["id"] != network_id:
        raise InputError("id", changes["id"], "et netværks id kan ikke ændres")
    new = edit(_network(ws, network_id), **changes)
    if new.founded and new.closed and new.closed < new.founded:
        raise InputError("lukket", new.closed.isoformat(), f"lukkedatoen ligger før stiftelsen {new.founded}")
    return _replace(ws, new)


def close_network(ws: Workspace, network_id: str, *, day: date) -> Workspace:
    """Close a network on ``day``; its events and history stay."""
    current = _network(ws, network_id)
    if current.closed:
        raise InputError("lukket", current.closed.isoformat(), f"netværket '{network_id}' er allerede lukket")
    return update_network(ws, network_id, closed=day)


def reopen_network(ws: Workspace, network_id: str) -> Workspace:
    return update_network(ws, network_id, closed=None)


def _event(ws: Workspace, event_id: str) -> NetworkEvent:
    row = next((e for e in ws.network_events if e.id == event_id), None)
    if row is None:
        raise InputError("id", event_id, f"netværksbegivenheden '{event_id}' findes ikke")
    return row


def check_event_day(ws: Workspace, network_id: str, day: date, today: date) -> None:
    """Refuse a network event dated after ``today``, before its network was founded or after it closed."""
    found = event_day_problem(_network(ws, network_id), day, today)
    if found:
        raise InputError("dato", day.isoformat(), found[1])


def update_network_event(ws: Workspace, event_id: str, *, today: date, **changes: Any) -> Workspace:
    """Change a network event's date, title or membership count (its id stays); a new date must lie between
    the network's founding and closing and not after ``today``."""
    if "id" in changes and changes["id"] != event_id:
        raise InputError("id", changes["id"], "en netværksmilepæls id kan ikke ændres")
    old = _event(ws, event_id)
    new = edit(old, **changes)
    _network(ws, new.network)
    if (new.date, new.network) != (old.date, old.network):
        check_event_day(ws, new.network, new.date, today)
    return ws.with_table("network_events", [new if e.id == event_id else e for e in ws.network_events])


def remove_network_event(ws: Workspace, event_id: str) -> Workspace:
    """Take out an event registered by mistake (the change log keeps it)."""
    _event(ws, event_id)
    return ws.with_table("network_events", [e for e in ws.network_events if e.id != event_id])
