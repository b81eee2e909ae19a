"""The in-memory workspace: the charter plus one tuple of records per table, and its reference rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
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
    Milestone,
    Network,
    NetworkEvent,
    Record,
    Staff,
    WorkingGroup,
)

__all__ = ["PENDING", "RefProblem", "Workspace", "reference_problems"]

PENDING: Any = type("Pending", (tuple,), {"__repr__": lambda self: "PENDING"})()
"""The value a loader gives a table that it hands over as columns (``Workspace.columns``)."""


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
    milestones: tuple[Milestone, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)
    revisions: tuple[Revision, ...] = field(default=(), compare=False)  # charter_history.jsonl
    columns: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Loaded tables kept as columns (:class:`forumkit.model.frames.LazyTable`): their records are built on
    first use; a table given here is left out of the constructor's arguments."""

    def __post_init__(self) -> None:
        for name in self.columns:  # the records come from the columns, when first asked for
            if self.__dict__.get(name) is PENDING:
                del self.__dict__[name]

    def __getattr__(self, name: str) -> Any:
        lazy = self.__dict__.get("columns", {}).get(name) if name in TABLES else None
        if lazy is None:
            raise AttributeError(name)
        rows = lazy.records()
        self.__dict__[name] = rows
        return rows

    def charter_as_of(self, day: date) -> Charter:
        """The kommissorium in force on ``day`` (see forumkit.model.charter_history)."""
        return charter_on(self.charter, self.revisions, day)

    def table(self, name: str) -> tuple[Record, ...]:
        return getattr(self, name)

    def tables(self) -> Iterator[tuple[str, tuple[Record, ...]]]:
        for name in TABLES:
            yield name, getattr(self, name)

    def with_table(self, name: str, rows: Any) -> Workspace:
        """A copy with ``rows`` as table ``name``; the other tables stay as they are (columns or records)."""
        new = object.__new__(Workspace)
        keep = {k: v for k, v in self.__dict__.items() if k in _FIELDS}
        keep[name] = tuple(rows)
        keep["columns"] = {k: v for k, v in self.columns.items() if k != name}
        ready = self._ready_frame(name)
        if ready is not None:  # the new frame can be this one with the changed rows replaced
            keep["_parent"] = {name: (self.table(name), ready)}
        new.__dict__.update(keep)
        return new

    def _ready_frame(self, name: str):
        """Table ``name``'s base frame if it exists already (loaded, or built earlier), else None."""
        lazy = self.columns.get(name)
        if lazy is not None and (name not in self.__dict__ or self.__dict__[name] is lazy.built):
            return lazy.frame
        return self.__dict__.get("_base", {}).get(name)

    def frame(self, name: str):
        """Table ``name`` as a typed pandas DataFrame (see :func:`forumkit.model.frames.analyst_frame`)."""
        from .frames import analyst_frame

        cache = self.__dict__.setdefault("_frames", {})
        if name not in cache:
            cache[name] = analyst_frame(self, name)
        return cache[name].copy(deep=False)

    def base_frame(self, name: str):
        """Table ``name``'s base frame (English columns, schema types): the loaded columns when the table
        is unchanged since loading, otherwise built from its records."""
        lazy = self.columns.get(name)
        if lazy is not None and (name not in self.__dict__ or self.__dict__[name] is lazy.built):
            return lazy.frame
        from .frames import frame_from_records

        cache = self.__dict__.setdefault("_base", {})
        if name not in cache:
            rows = getattr(self, name)
            parent = self.__dict__.get("_parent", {}).pop(name, None)
            cache[name] = _patched(TABLES[name].model, parent, rows) if parent else None
            if cache[name] is None:
                cache[name] = frame_from_records(TABLES[name].model, rows)
        return cache[name]

    @cached_property
    def meeting_by_id(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    @cached_property
    def member_by_id(self) -> dict[str, Appointment]:
        return {m.id: m for m in self.members}

    @cached_property
    def initiative_by_id(self) -> dict[str, Initiative]:
        return {i.id: i for i in self.initiatives}


def _patched(model, parent, rows):
    """The parent's frame with the rows that changed (by identity) rebuilt; None when too much changed."""
    from .frames import frame_from_records

    old_rows, old_frame = parent
    if len(old_rows) != len(rows) or len(old_frame) != len(rows):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old_rows, rows, strict=False)) if a is not b]
    if len(changed) > 64:
        return None
    frame = old_frame.copy()
    if changed:
        fresh = frame_from_records(model, tuple(rows[i] for i in changed))
        fresh.index = changed
        for column in frame.columns:
            frame.loc[changed, column] = fresh[column]
    return frame


assert [f.name for f in fields(Workspace)][1:-3] == list(TABLES), "Workspace fields must follow TABLES"
_FIELDS = frozenset(f.name for f in fields(Workspace))
for _name in TABLES:  # no class-level defaults, so that a table left out (PENDING) reaches __getattr__
    delattr(Workspace, _name)


@dataclass(frozen=True)
class RefProblem:
    """A reference problem in one row: table, row index, column header, Danish message, value."""

    table: str
    row: int
    column: str
    message: str
    value: str | None = None


def _dangling(table: str, rows, attr: str, column: str, known, what: str, many: bool) -> list[RefProblem]:
    """Dangling references in one column, found with set operations (rows are only walked on a miss)."""
    values = [v for row in rows for v in getattr(row, attr)] if many else [getattr(row, attr) for row in rows]
    if not (set(values) - known - {None}):
        return []
    out = []
    for i, row in enumerate(rows):
        for value in getattr(row, attr) if many else (getattr(row, attr),):
            if value and value not in known:
                out.append(RefProblem(table, i, column, f"{what} '{value}' findes ikke", value))
    return out


def _dupes(table: str, rows: tuple[Record, ...], column: str) -> Iterator[RefProblem]:
    if not rows:
        return
    fields = type(rows[0]).key_fields
    keys = (
        [getattr(r, fields[0]) for r in rows]
        if len(fields) == 1
        else [tuple(getattr(r, f) for f in fields) for r in rows]
    )
    if len(set(keys)) == len(keys):
        return
    seen: dict = {}
    for i, key in enumerate(keys):
        key = rows[i].key
        if key in seen:
            yield RefProblem(table, i, column, f"id '{key}' findes allerede (også i række {seen[key] + 2})", key)
        else:
            seen[key] = i


_MEMO: dict[tuple, tuple[Any, tuple]] = {}
_LAST_IDS: dict[str, set] = {}


def _memo(tag: str, objects: tuple, compute) -> Any:
    """``compute()``, remembered while ``objects`` (immutable tables, sets, the charter) are the very same
    objects: a save re-checks only what involves the tables it changed. The entry keeps the objects alive,
    so their ids are not reused while it exists."""
    key = (tag, *map(id, objects))
    hit = _MEMO.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[1], objects, strict=False)):
        return hit[0]
    result = compute()
    if len(_MEMO) > 128:  # a bounded memory: at most a few dozen past versions of a table stay alive
        _MEMO.clear()
    _MEMO[key] = (result, objects)
    return result


def reference_problems(ws: Workspace, skip: set[str] | frozenset[str] = frozenset()) -> list[RefProblem]:
    """Duplicate ids, dangling references and impossible orderings, across every table.

    References into a table named in ``skip`` (one that failed to load) are not checked."""
    c = ws.charter
    out: list[RefProblem] = []
    for name, rows in ws.tables():
        model = TABLES[name].model
        first = model.key_fields[0]
        column = model.model_fields[first].alias or first
        out.extend(_memo(f"dupes {name}", (rows,), lambda n=name, r=rows, c=column: list(_dupes(n, r, c))))

    target = {
        "mødet": "meetings",
        "udpegningen": "members",
        "initiativet": "initiatives",
        "arbejdsgruppen": "working_groups",
        "netværket": "networks",
    }

    def refs(table: str, rows, attr: str, column: str, known, what: str, many: bool = False) -> None:
        """Dangling references in one column, found with set operations (rows are only walked on a miss)."""
        if target.get(what) in skip:
            return
        out.extend(
            _memo(
                f"refs {table} {attr}", (rows, known), lambda: _dangling(table, rows, attr, column, known, what, many)
            )
        )

    def ids(name: str) -> set:
        """The ids of a table; the same set object as last time when the ids are the same (an edit that
        keeps every id keeps the checks of the references into that table)."""
        found = _memo("ids", (ws.table(name),), lambda: {r.id for r in ws.table(name)})
        last = _LAST_IDS.get(name)
        if last is not None and last is not found and last == found:
            return last
        _LAST_IDS[name] = found
        return found

    meeting_ids = ids("meetings")
    member_ids = ids("members")
    initiative_ids = ids("initiatives")
    group_ids = ids("working_groups")
    network_ids = ids("networks")
    pillar_ids = _memo("pillars", (c,), lambda: set(c.pillar_by_id))
    agenda_keys = _memo("agenda keys", (ws.agenda,), lambda: {(a.meeting, a.number) for a in ws.agenda})

    for i, m in enumerate(ws.members):
        if m.seat not in c.seat_by_id:
            out.append(
                RefProblem(
                    "members",
                    i,
                    "sæde",
                    f"ukendt sæde '{m.seat}' – kommissoriet kender: {', '.join(c.seat_by_id)}",
                    m.seat,
                )
            )
        if m.end and m.end < m.start:
            out.append(
                RefProblem("members", i, "til", f"slutdato {m.end} ligger før startdato {m.start}", m.end.isoformat())
            )
    for table, people in (("members", ws.members), ("secretariat", ws.secretariat)):
        for i, person in enumerate(people):
            for column, label, value in (
                ("email", "e-mailadressen", person.email),
                ("telefon", "telefonnummeret", person.phone),
            ):
                if value and any(ord(ch) < 32 for ch in value):
                    out.append(
                        RefProblem(
                            table,
                            i,
                            column,
                            f"{label} for {person.name} indeholder et linjeskift "
                            "eller et andet styretegn – skriv den på én linje",
                            value,
                        )
                    )
    for i, s in enumerate(ws.secretariat):
        if s.role not in c.role_by_id:
            out.append(
                RefProblem(
                    "secretariat",
                    i,
                    "rolle",
                    f"ukendt sekretariatsrolle '{s.role}' – kommissoriet kender: {', '.join(c.role_by_id)}",
                    s.role,
                )
            )
        if s.start and s.end and s.end < s.start:
            out.append(
                RefProblem(
                    "secretariat", i, "til", f"slutdato {s.end} ligger før startdato {s.start}", s.end.isoformat()
                )
            )
    for i, m in enumerate(ws.meetings):
        if m.end <= m.start:
            out.append(
                RefProblem(
                    "meetings",
                    i,
                    "slut",
                    f"sluttid {m.end:%H:%M} er ikke efter starttid {m.start:%H:%M}",
                    f"{m.end:%H:%M}",
                )
            )
    refs("meetings", ws.meetings, "minutes_approved", "referat_godkendt_på", meeting_ids, "mødet")
    refs("agenda", ws.agenda, "meeting", "møde", meeting_ids, "mødet")
    refs("agenda", ws.agenda, "initiatives", "initiativer", initiative_ids, "initiativet", many=True)
    refs("agenda", ws.agenda, "carried_from", "overført_fra", meeting_ids, "mødet")
    refs("attendance", ws.attendance, "meeting", "møde", meeting_ids, "mødet")
    refs("attendance", ws.attendance, "member", "medlem", member_ids, "udpegningen")
    colours, horizons = set(c.catalogue.colours), set(c.catalogue.horizons)
    inis = ws.initiatives
    if (
        {i.pillar for i in inis} - pillar_ids
        or {i.colour for i in inis} - colours - {None}
        or {i.horizon for i in inis} - horizons - {None}
    ):
        for i, ini in enumerate(inis):
            if ini.pillar not in pillar_ids:
                out.append(
                    RefProblem(
                        "initiatives",
                        i,
                        "søjle",
                        f"ukendt søjle '{ini.pillar}' – brug en af: {', '.join(p.id for p in c.pillars)}",
                        ini.pillar,
                    )
                )
            if ini.colour and ini.colour not in colours:
                out.append(
                    RefProblem(
                        "initiatives",
                        i,
                        "farve",
                        f"ukendt farve '{ini.colour}' – brug en af: {', '.join(c.catalogue.colours)}",
                        ini.colour,
                    )
                )
            if ini.horizon and ini.horizon not in horizons:
                out.append(
                    RefProblem(
                        "initiatives",
                        i,
                        "horisont",
                        f"ukendt horisont '{ini.horizon}' – brug en af: {', '.join(c.catalogue.horizons)}",
                        ini.horizon,
                    )
                )
    refs("initiatives", inis, "working_group", "arbejdsgruppe", group_ids, "arbejdsgruppen")
    refs("initiatives", inis, "network", "netværk", network_ids, "netværket")
    for i, ini in enumerate(inis):
        if ini.start and ini.due and ini.due < ini.start:
            out.append(
                RefProblem(
                    "initiatives", i, "frist", f"fristen {ini.due} ligger før start {ini.start}", ini.due.isoformat()
                )
            )
    refs("working_groups", ws.working_groups, "meeting", "nedsat_på", meeting_ids, "mødet")
    refs("group_members", ws.group_members, "group", "gruppe", group_ids, "arbejdsgruppen")
    refs("group_members", ws.group_members, "member", "medlem", member_ids, "udpegningen")
    refs("networks", ws.networks, "pillar", "søjle", pillar_ids, "søjlen")
    refs("network_events", ws.network_events, "network", "netværk", network_ids, "netværket")
    refs("actions", ws.actions, "meeting", "møde", meeting_ids, "mødet")
    if "agenda" not in skip and "meetings" not in skip:
        out.extend(
            _memo(
                "items",
                (ws.actions, meeting_ids, agenda_keys),
                lambda: [
                    RefProblem("actions", i, "punkt", f"mødet {a.meeting} har intet punkt {a.number}", str(a.number))
                    for i, a in enumerate(ws.actions)
                    if a.number is not None and a.meeting in meeting_ids and (a.meeting, a.number) not in agenda_keys
                ],
            )
        )
    refs("actions", ws.actions, "initiative", "initiativ", initiative_ids, "initiativet")
    if "members" not in skip and "secretariat" not in skip:
        refs(
            "actions",
            ws.actions,
            "owners",
            "ansvarlige",
            member_ids | {s.id for s in ws.secretariat},
            "den ansvarlige",
            many=True,
        )
    refs("inputs", ws.inputs, "meeting", "møde", meeting_ids, "mødet")
    refs("inputs", ws.inputs, "initiatives", "initiativer", initiative_ids, "initiativet", many=True)
    refs("milestones", ws.milestones, "initiative", "initiativ", initiative_ids, "initiativet")
    for i, g in enumerate(ws.working_groups):
        if g.reported and g.meeting in ws.meeting_by_id and g.reported < ws.meeting_by_id[g.meeting].date:
            out.append(
                RefProblem(
                    "working_groups",
                    i,
                    "rapporteret",
                    f"rapporten ({g.reported}) ligger før mødet {g.meeting}, der nedsatte gruppen",
                    g.reported.isoformat(),
                )
            )
    return out
