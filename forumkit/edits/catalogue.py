"""The idea catalogue as pure edits: initiatives and their status workflow, the green 1–3 year list,
working groups and networks."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model.errors import InputError
from ..model.ids import next_id
from ..model.tables import (
    INITIATIVE_KINDS,
    INITIATIVE_STATUSES,
    GroupMember,
    Initiative,
    NetworkEvent,
    WorkingGroup,
    build,
    edit,
)
from ..model.vocab import GroupState, InitiativeKind, Status
from ..model.workspace import Workspace
from .networks import check_event_day

__all__ = [
    "TRANSITIONS",
    "add_group_member",
    "add_network_event",
    "create_initiative",
    "create_working_group",
    "filter_frame",
    "filter_initiatives",
    "implied_progress",
    "update_initiative",
]

# The status workflow: idé → afklaring → igangsat → gennemført, with parkeret and opgivet as exits.
TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.IDEA: (Status.CLARIFYING, Status.PARKED, Status.DROPPED),
    Status.CLARIFYING: (Status.IDEA, Status.STARTED, Status.PARKED, Status.DROPPED),
    Status.STARTED: (Status.CLARIFYING, Status.DONE, Status.PARKED, Status.DROPPED),
    Status.DONE: (Status.STARTED,),
    Status.PARKED: (Status.IDEA, Status.CLARIFYING, Status.STARTED, Status.DROPPED),
    Status.DROPPED: (Status.IDEA,),
}


def _validate_links(ws: Workspace, ini: Initiative) -> None:
    charter = ws.charter
    if ini.pillar not in charter.pillar_by_id:
        names = ", ".join(f"{p.id} ({p.name})" for p in charter.pillars)
        raise InputError("søjle", ini.pillar, f"ukendt søjle '{ini.pillar}' – brug en af: {names}")
    if ini.colour and ini.colour not in charter.catalogue.colours:
        raise InputError(
            "farve", ini.colour, f"ukendt farve '{ini.colour}' – brug en af: {', '.join(charter.catalogue.colours)}"
        )
    if ini.horizon and ini.horizon not in charter.catalogue.horizons:
        raise InputError(
            "horisont",
            ini.horizon,
            f"ukendt horisont '{ini.horizon}' – brug en af: {', '.join(charter.catalogue.horizons)}",
        )
    if ini.working_group and ini.working_group not in {g.id for g in ws.working_groups}:
        raise InputError("arbejdsgruppe", ini.working_group, f"arbejdsgruppen '{ini.working_group}' findes ikke")
    if ini.network and ini.network not in {n.id for n in ws.networks}:
        raise InputError("netværk", ini.network, f"netværket '{ini.network}' findes ikke")
    if ini.start and ini.due and ini.due < ini.start:
        raise InputError("frist", ini.due.isoformat(), f"fristen {ini.due} ligger før start {ini.start}")
    if ini.status == Status.STARTED:
        missing = [name for name, value in (("ejer", ini.owner), ("start", ini.start)) if not value]
        if missing:
            raise InputError(missing[0], "", f"et igangsat initiativ skal have {' og '.join(missing)}")


def implied_progress(status: str) -> int | None:
    """The progress a status sets by itself: a completed initiative stands at 100 %."""
    return 100 if status == Status.DONE else None


def create_initiative(
    ws: Workspace,
    *,
    title: str,
    pillar: str,
    today: date,
    kind: str = InitiativeKind.MUNICIPAL,
    status: str = Status.IDEA,
    **fields: Any,
) -> Workspace:
    """Add an initiative (new id I-nnn); private initiatives (kind 'privat') are owned by a business."""
    if kind not in INITIATIVE_KINDS:
        raise InputError("type", kind, f"ukendt initiativtype '{kind}' – brug en af: {', '.join(INITIATIVE_KINDS)}")
    if status not in INITIATIVE_STATUSES:
        raise InputError("status", status, f"ukendt status '{status}'")
    data = {
        "id": next_id([i.id for i in ws.initiatives], "I"),
        "title": title,
        "pillar": pillar,
        "kind": kind,
        "status": status,
        "updated": today,
        **fields,
    }
    if implied_progress(status) is not None:
        data["progress"] = implied_progress(status)
    ini = build(Initiative, data)
    _validate_links(ws, ini)
    return ws.with_table("initiatives", (*ws.initiatives, ini))


def update_initiative(ws: Workspace, initiative_id: str, today: date, **changes: Any) -> Workspace:
    """Change an initiative; the status must follow the workflow, and 'opdateret' becomes today."""
    current = ws.initiative_by_id.get(initiative_id)
    if current is None:
        raise InputError("id", initiative_id, f"initiativet '{initiative_id}' findes ikke")
    new_status = changes.get("status", current.status)
    if new_status != current.status:
        if new_status not in INITIATIVE_STATUSES:
            raise InputError(
                "status", new_status, f"ukendt status '{new_status}' – brug en af: {', '.join(INITIATIVE_STATUSES)}"
            )
        if new_status not in TRANSITIONS[current.status]:
            raise InputError(
                "status",
                new_status,
                f"{initiative_id} kan ikke gå fra '{current.status}' til '{new_status}' – mulige: "
                f"{', '.join(TRANSITIONS[current.status])}",
            )
        if new_status == Status.DONE and str(changes.get("progress", 100)).strip() not in ("100", "None"):
            raise InputError("fremdrift", str(changes["progress"]), "et gennemført initiativ har fremdrift 100")
        if implied_progress(new_status) is not None:
            changes["progress"] = implied_progress(new_status)
    updated = edit(current, **changes, updated=today)
    _validate_links(ws, updated)
    return ws.with_table("initiatives", [updated if i.id == initiative_id else i for i in ws.initiatives])


def create_working_group(
    ws: Workspace, *, name: str, mandate: str, meeting: str | None, report_back: date | None
) -> Workspace:
    """Set up a sub-working group at a meeting, with a mandate and a report-back date."""
    if not name or not name.strip():
        raise InputError("navn", name, "arbejdsgruppen skal have et navn")
    if not mandate or not mandate.strip():
        raise InputError("mandat", mandate, "arbejdsgruppen skal have et mandat")
    if meeting and meeting not in ws.meeting_by_id:
        raise InputError("nedsat_på", meeting, f"mødet '{meeting}' findes ikke")
    if meeting and report_back and report_back < ws.meeting_by_id[meeting].date:
        raise InputError("tilbagemelding", report_back.isoformat(), "tilbagemeldingen ligger før mødet")
    group = build(
        WorkingGroup,
        {
            "id": next_id([g.id for g in ws.working_groups], "WG", 1),
            "name": name,
            "mandate": mandate,
            "meeting": meeting,
            "report_back": report_back,
            "state": GroupState.ACTIVE,
        },
    )
    return ws.with_table("working_groups", (*ws.working_groups, group))


def add_group_member(
    ws: Workspace,
    group: str,
    *,
    name: str,
    organisation: str | None = None,
    member: str | None = None,
    role: str | None = None,
) -> Workspace:
    """Add a forum member (by appointment id) or an outside actor (by name and organisation) to a group."""
    if group not in {g.id for g in ws.working_groups}:
        raise InputError("gruppe", group, f"arbejdsgruppen '{group}' findes ikke")
    if member:
        appointment = ws.member_by_id.get(member)
        if appointment is None:
            raise InputError("medlem", member, f"udpegningen '{member}' findes ikke")
        name, organisation = appointment.name, organisation or appointment.organisation
    if any(gm.group == group and gm.name == name for gm in ws.group_members):
        raise InputError("navn", name, f"{name} er allerede med i {group}")
    row = build(
        GroupMember, {"group": group, "name": name, "organisation": organisation, "member": member, "role": role}
    )
    return ws.with_table("group_members", (*ws.group_members, row))


def add_network_event(
    ws: Workspace, network: str, *, day: date, title: str, members: int | None, today: date
) -> Workspace:
    """A network milestone, with its membership count on that day (a day that has come, while the network
    existed)."""
    if network not in {n.id for n in ws.networks}:
        raise InputError("netværk", network, f"netværket '{network}' findes ikke")
    check_event_day(ws, network, day, today)
    row = build(
        NetworkEvent,
        {
            "id": next_id([e.id for e in ws.network_events], "NE"),
            "network": network,
            "date": day,
            "title": title,
            "members": members,
        },
    )
    return ws.with_table("network_events", (*ws.network_events, row))


def filter_initiatives(
    initiatives,
    *,
    pillar: str | None = None,
    status: str | None = None,
    colour: str | None = None,
    horizon: str | None = None,
    owner: str | None = None,
    network: str | None = None,
    working_group: str | None = None,
    text: str = "",
    kind: str | None = None,
) -> list:
    """The initiatives matching every given criterion; ``text`` searches id, title, owner and next step;
    ``kind`` picks municipal, private or joint ones (private initiatives are owned by a business)."""
    needle = text.strip().casefold()
    out = []
    for ini in initiatives:
        if (
            (pillar and ini.pillar != pillar)
            or (status and ini.status != status)
            or (colour and ini.colour != colour)
            or (horizon and ini.horizon != horizon)
            or (owner and ini.owner != owner)
            or (network and ini.network != network)
            or (working_group and ini.working_group != working_group)
            or (kind and ini.kind != kind)
        ):
            continue
        if (
            needle
            and needle
            not in f"{ini.id} {ini.title} {ini.owner or ''} {ini.next_step or ''} {ini.description or ''}".casefold()
        ):
            continue
        out.append(ini)
    return out


_HAYSTACKS: dict[int, tuple] = {}


def _haystack(frame):
    """The text the free-text filter searches (id, title, owner, next step, description), casefolded, kept
    per frame (frames of a loaded workspace do not change)."""
    import weakref

    hit = _HAYSTACKS.get(id(frame))
    if hit is not None and hit[0]() is frame:
        return hit[1]
    parts = [frame[c].fillna("").astype(str) for c in ("id", "title", "owner", "next_step", "description")]
    hay = (parts[0] + " " + parts[1] + " " + parts[2] + " " + parts[3] + " " + parts[4]).str.casefold()
    for key in [k for k, (ref, _) in _HAYSTACKS.items() if ref() is None]:
        del _HAYSTACKS[key]
    _HAYSTACKS[id(frame)] = (weakref.ref(frame), hay)
    return hay


def filter_frame(
    frame,
    *,
    pillar: str | None = None,
    status: str | None = None,
    colour: str | None = None,
    horizon: str | None = None,
    owner: str | None = None,
    network: str | None = None,
    working_group: str | None = None,
    text: str = "",
    kind: str | None = None,
):
    """The rows of an initiatives frame (``ws.base_frame("initiatives")`` or ``ws.frame("initiatives")``)
    matching every given criterion, as :func:`filter_initiatives` picks them, with vectorised comparisons."""
    import numpy as np

    keep = np.ones(len(frame), bool)
    for column, value in (
        ("pillar", pillar),
        ("status", status),
        ("colour", colour),
        ("horizon", horizon),
        ("owner", owner),
        ("network", network),
        ("working_group", working_group),
        ("kind", kind),
    ):
        if value:
            keep &= (frame[column] == value).fillna(False).to_numpy(dtype=bool)
    needle = text.strip().casefold()
    if needle:
        keep &= _haystack(frame).str.contains(needle, regex=False).to_numpy(dtype=bool)
    return frame[keep]
