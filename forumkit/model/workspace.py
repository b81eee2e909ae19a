"""The in-memory workspace: the charter plus one tuple of records per table, and its reference rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from typing import Any

from .charter import Charter
from .charter_history import Revision, charter_on
from .tables import (
    TABLES,
    Action,
    AgendaItem,
    Appointment,
    Attendance,
    CouncilReport,
    GroupMember,
    Initiative,
    Input,
    Meeting,
    Network,
    NetworkEvent,
    Record,
    Staff,
    WorkingGroup,
)

__all__ = ["RefProblem", "Workspace", "reference_problems"]


@dataclass(frozen=True)
class Workspace:
    """One forum's data. Immutable: edits make a new workspace with :meth:`with_table`."""

    charter: Charter
    members: tuple[Appointment, ...] = ()
    secretariat: tuple[Staff, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    working_groups: tuple[WorkingGroup, ...] = ()
    group_members: tuple[GroupMember, ...] = ()
    networks: tuple[Network, ...] = ()
    network_events: tuple[NetworkEvent, ...] = ()
    actions: tuple[Action, ...] = ()
    inputs: tuple[Input, ...] = ()
    council_reports: tuple[CouncilReport, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    revisions: tuple[Revision, ...] = field(default=(), compare=False)  # charter_history.jsonl

    def charter_as_of(self, day: date) -> Charter:
        """The kommissorium in force on ``day`` (see forumkit.model.charter_history)."""
        return charter_on(self.charter, self.revisions, day)

    def table(self, name: str) -> tuple[Record, ...]:
        return getattr(self, name)

    def tables(self) -> Iterator[tuple[str, tuple[Record, ...]]]:
        for name in TABLES:
            yield name, getattr(self, name)

    def with_table(self, name: str, rows: Any) -> Workspace:
        return replace(self, **{name: tuple(rows)})

    @cached_property
    def meeting_by_id(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    @cached_property
    def member_by_id(self) -> dict[str, Appointment]:
        return {m.id: m for m in self.members}

    @cached_property
    def initiative_by_id(self) -> dict[str, Initiative]:
        return {i.id: i for i in self.initiatives}


assert [f.name for f in fields(Workspace)][1:-2] == list(TABLES), "Workspace fields must follow TABLES"


@dataclass(frozen=True)
class RefProblem:
    """A reference problem in one row: table, row index, column header, Danish message, value."""

    table: str
    row: int
    column: str
    message: str
    value: str | None = None


def _dupes(table: str, rows: tuple[Record, ...], column: str) -> Iterator[RefProblem]:
    if not rows:
        return
    fields = type(rows[0]).key_fields
    keys = [getattr(r, fields[0]) for r in rows] if len(fields) == 1 else \
        [tuple(getattr(r, f) for f in fields) for r in rows]
    if len(set(keys)) == len(keys):
        return
    seen: dict = {}
    for i, key in enumerate(keys):
        key = rows[i].key
        if key in seen:
            yield RefProblem(table, i, column, f"id '{key}' findes allerede (også i række {seen[key] + 2})", key)
        else:
            seen[key] = i


def reference_problems(ws: Workspace, skip: set[str] | frozenset[str] = frozenset()) -> list[RefProblem]:
    """Duplicate ids, dangling references and impossible orderings, across every table.

    References into a table named in ``skip`` (one that failed to load) are not checked."""
    c = ws.charter
    out: list[RefProblem] = []
    for name, rows in ws.tables():
        model = TABLES[name].model
        first = model.key_fields[0]
        out.extend(_dupes(name, rows, model.model_fields[first].alias or first))

    target = {"mødet": "meetings", "udpegningen": "members", "initiativet": "initiatives",
              "arbejdsgruppen": "working_groups", "netværket": "networks"}

    def refs(table: str, rows, attr: str, column: str, known, what: str, many: bool = False) -> None:
        """Dangling references in one column, found with set operations (rows are only walked on a miss)."""
        if target.get(what) in skip:
            return
        values = [v for row in rows for v in getattr(row, attr)] if many else [getattr(row, attr) for row in rows]
        if not (set(values) - known - {None}):
            return
        for i, row in enumerate(rows):
            for value in (getattr(row, attr) if many else (getattr(row, attr),)):
                if value and value not in known:
                    out.append(RefProblem(table, i, column, f"{what} '{value}' findes ikke", value))

    meeting_ids = {m.id for m in ws.meetings}
    member_ids = {m.id for m in ws.members}
    initiative_ids = {i.id for i in ws.initiatives}
    group_ids = {g.id for g in ws.working_groups}
    network_ids = {n.id for n in ws.networks}
    pillar_ids = set(c.pillar_by_id)
    agenda_keys = {(a.meeting, a.number) for a in ws.agenda}

    for i, m in enumerate(ws.members):
        if m.seat not in c.seat_by_id:
            out.append(RefProblem("members", i, "sæde",
                                  f"ukendt sæde '{m.seat}' – kommissoriet kender: {', '.join(c.seat_by_id)}", m.seat))
        if m.end and m.end < m.start:
            out.append(RefProblem("members", i, "til", f"slutdato {m.end} ligger før startdato {m.start}",
                                  m.end.isoformat()))
    for table, people in (("members", ws.members), ("secretariat", ws.secretariat)):
        for i, person in enumerate(people):
            for column, label, value in (("email", "e-mailadressen", person.email),
                                         ("telefon", "telefonnummeret", person.phone)):
                if value and any(ord(ch) < 32 for ch in value):
                    out.append(RefProblem(table, i, column, f"{label} for {person.name} indeholder et linjeskift "
                                          "eller et andet styretegn – skriv den på én linje", value))
    for i, s in enumerate(ws.secretariat):
        if s.role not in c.role_by_id:
            out.append(RefProblem("secretariat", i, "rolle",
                                  f"ukendt sekretariatsrolle '{s.role}' – kommissoriet kender: "
                                  f"{', '.join(c.role_by_id)}", s.role))
        if s.start and s.end and s.end < s.start:
            out.append(RefProblem("secretariat", i, "til", f"slutdato {s.end} ligger før startdato {s.start}",
                                  s.end.isoformat()))
    for i, m in enumerate(ws.meetings):
        if m.end <= m.start:
            out.append(RefProblem("meetings", i, "slut", f"sluttid {m.end:%H:%M} er ikke efter starttid "
                                  f"{m.start:%H:%M}", f"{m.end:%H:%M}"))
    refs("meetings", ws.meetings, "minutes_approved", "referat_godkendt_på", meeting_ids, "mødet")
    refs("agenda", ws.agenda, "meeting", "møde", meeting_ids, "mødet")
    refs("agenda", ws.agenda, "initiatives", "initiativer", initiative_ids, "initiativet", many=True)
    refs("agenda", ws.agenda, "carried_from", "overført_fra", meeting_ids, "mødet")
    refs("attendance", ws.attendance, "meeting", "møde", meeting_ids, "mødet")
    refs("attendance", ws.attendance, "member", "medlem", member_ids, "udpegningen")
    colours, horizons = set(c.catalogue.colours), set(c.catalogue.horizons)
    inis = ws.initiatives
    if {i.pillar for i in inis} - pillar_ids or {i.colour for i in inis} - colours - {None} \
            or {i.horizon for i in inis} - horizons - {None}:
        for i, ini in enumerate(inis):
            if ini.pillar not in pillar_ids:
                out.append(RefProblem("initiatives", i, "søjle",
                                      f"ukendt søjle '{ini.pillar}' – brug en af: {', '.join(p.id for p in c.pillars)}",
                                      ini.pillar))
            if ini.colour and ini.colour not in colours:
                out.append(RefProblem("initiatives", i, "farve",
                                      f"ukendt farve '{ini.colour}' – brug en af: {', '.join(c.catalogue.colours)}",
                                      ini.colour))
            if ini.horizon and ini.horizon not in horizons:
                out.append(RefProblem("initiatives", i, "horisont",
                                      f"ukendt horisont '{ini.horizon}' – brug en af: "
                                      f"{', '.join(c.catalogue.horizons)}", ini.horizon))
    refs("initiatives", inis, "working_group", "arbejdsgruppe", group_ids, "arbejdsgruppen")
    refs("initiatives", inis, "network", "netværk", network_ids, "netværket")
    for i, ini in enumerate(inis):
        if ini.start and ini.due and ini.due < ini.start:
            out.append(RefProblem("initiatives", i, "frist", f"fristen {ini.due} ligger før start {ini.start}",
                                  ini.due.isoformat()))
    refs("working_groups", ws.working_groups, "meeting", "nedsat_på", meeting_ids, "mødet")
    refs("group_members", ws.group_members, "group", "gruppe", group_ids, "arbejdsgruppen")
    refs("group_members", ws.group_members, "member", "medlem", member_ids, "udpegningen")
    refs("networks", ws.networks, "pillar", "søjle", pillar_ids, "søjlen")
    refs("network_events", ws.network_events, "network", "netværk", network_ids, "netværket")
    refs("actions", ws.actions, "meeting", "møde", meeting_ids, "mødet")
    if "agenda" not in skip and "meetings" not in skip:
        for i, a in enumerate(ws.actions):
            if a.item is not None and a.meeting in meeting_ids and (a.meeting, a.item) not in agenda_keys:
                out.append(RefProblem("actions", i, "punkt", f"mødet {a.meeting} har intet punkt {a.item}",
                                      str(a.item)))
    refs("actions", ws.actions, "initiative", "initiativ", initiative_ids, "initiativet")
    if "members" not in skip and "secretariat" not in skip:
        refs("actions", ws.actions, "owners", "ansvarlige", member_ids | {s.id for s in ws.secretariat},
             "den ansvarlige", many=True)
    refs("inputs", ws.inputs, "meeting", "møde", meeting_ids, "mødet")
    refs("inputs", ws.inputs, "initiatives", "initiativer", initiative_ids, "initiativet", many=True)
    return out

