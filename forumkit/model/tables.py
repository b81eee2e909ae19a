"""The workspace's tables: one pydantic record model per CSV file, its Danish headers, and its key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .cells import (
    Count,
    Date,
    IdList,
    OptCount,
    OptDate,
    OptKroner,
    OptPercent,
    OptText,
    Text,
    Time,
    choice,
    danish,
    errors_of,
    to_text,
)
from .errors import InputError
from .vocab import (
    HELD_STATES,
    ActionState,
    AgendaKind,
    GroupState,
    InitiativeKind,
    MeetingKind,
    MeetingState,
    Presence,
    ReportState,
    Role,
    Status,
)

__all__ = [
    "ACTION_STATES",
    "AGENDA_KINDS",
    "ATTENDANCE",
    "Action",
    "AgendaItem",
    "Appointment",
    "Attendance",
    "CouncilReport",
    "GroupMember",
    "HELD_STATES",
    "INITIATIVE_KINDS",
    "INITIATIVE_STATUSES",
    "Initiative",
    "Input",
    "MEETING_KINDS",
    "MEETING_STATES",
    "Meeting",
    "Milestone",
    "Network",
    "NetworkEvent",
    "ROLES",
    "Record",
    "Staff",
    "TABLES",
    "TableSpec",
    "WorkingGroup",
    "edit",
]

ROLES = tuple(Role)
MEETING_KINDS = tuple(MeetingKind)
MEETING_STATES = tuple(MeetingState)
AGENDA_KINDS = tuple(AgendaKind)
ATTENDANCE = tuple(Presence)
INITIATIVE_STATUSES = tuple(Status)
INITIATIVE_KINDS = tuple(InitiativeKind)
GROUP_STATES = tuple(GroupState)
ACTION_STATES = tuple(ActionState)
REPORT_STATES = tuple(ReportState)


class Record(BaseModel):
    """One row of a workspace table. Attributes are English; CSV headers are the Danish aliases."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="forbid")
    key_fields: ClassVar[tuple[str, ...]] = ("id",)
    optional_fields: ClassVar[tuple[str, ...]] = ()  # trailing columns an older file may lack

    @property
    def key(self) -> str:
        return "/".join(to_text(getattr(self, name)) for name in self.key_fields)

    def cells(self) -> dict[str, str]:
        """The row as the text written to the CSV file, keyed by Danish header."""
        return dict(zip(TABLE_HEADERS[type(self)], self.texts(), strict=False))

    def texts(self) -> list[str]:
        """The row's cells as text, in column order (the fast path used when a table is saved)."""
        out = []
        for value in self.__dict__.values():
            kind = type(value)
            if kind is str:
                out.append(value)
            elif value is None:
                out.append("")
            elif kind is int:
                out.append(str(value))
            else:
                out.append(to_text(value))
        return out


def edit(record: Record, **changes: Any) -> Record:
    """A validated copy of ``record`` with ``changes``; a bad value raises :class:`InputError`."""
    data = {name: getattr(record, name) for name in type(record).model_fields}
    data.update(changes)
    return build(type(record), data)


def build(model: type[Record], data: dict[str, Any]) -> Record:
    """Construct a record from Python values, raising a Danish :class:`InputError` on the first bad field.

    A blank text ("" from a form) means no value, as an empty cell does in a file."""
    data = {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in data.items()}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = errors_of(exc)[0]
        name = str(err["loc"][0]) if err["loc"] else ""
        field = field_by_name(model, name)
        header = (field.alias or name) if field else model.__name__
        raise InputError(header, err.get("input"), danish(err, field)) from None


def field_by_name(model: type[Record], name: str):
    """A model's field by attribute name or by Danish header."""
    fields = model.model_fields
    if name in fields:
        return fields[name]
    return next((f for f in fields.values() if f.alias == name), None)


_REQUIRED: Any = ...


def _alias(name: str, default: Any = _REQUIRED) -> Any:
    return Field(default, alias=name)


class Appointment(Record):
    id: Text
    seat: Text = _alias("sæde")
    name: Text = _alias("navn")
    organisation: OptText = _alias("organisation", None)
    appointed_by: Text = _alias("udpeget_af")
    start: Date = _alias("fra")
    end: OptDate = _alias("til", None)
    role: choice(ROLES, "rolle") = _alias("rolle")
    role_from: OptDate = _alias("rolle_fra", None)
    email: OptText = _alias("email", None)
    phone: OptText = _alias("telefon", None)
    note: OptText = _alias("bemærkning", None)

    def role_on(self, day) -> str:
        """The role held on ``day``: a formand elected later was a plain medlem before."""
        return self.role if self.role_from is None or self.role_from <= day else Role.MEMBER


class Staff(Record):
    id: Text
    role: Text = _alias("rolle")
    name: Text = _alias("navn")
    title: OptText = _alias("titel", None)
    email: OptText = _alias("email", None)
    phone: OptText = _alias("telefon", None)
    start: OptDate = _alias("fra", None)
    end: OptDate = _alias("til", None)


class Meeting(Record):
    id: Text
    date: Date = _alias("dato")
    start: Time = _alias("start")
    end: Time = _alias("slut")
    venue: Text = _alias("sted")
    room: OptText = _alias("lokale", None)
    kind: choice(MEETING_KINDS, "mødetype") = _alias("type")
    state: choice(MEETING_STATES, "mødetilstand") = _alias("tilstand")
    theme: OptText = _alias("tema", None)
    invitation_sent: OptDate = _alias("indkaldelse_sendt", None)
    agenda_sent: OptDate = _alias("dagsorden_sendt", None)
    minutes_sent: OptDate = _alias("referat_sendt", None)
    minutes_approved: OptText = _alias("referat_godkendt_på", None)


class AgendaItem(Record):
    key_fields: ClassVar[tuple[str, ...]] = ("meeting", "number")
    meeting: Text = _alias("møde")
    number: Count = _alias("punkt")
    title: Text = _alias("titel")
    kind: choice(AGENDA_KINDS, "punkttype") = _alias("type")
    presenter: OptText = _alias("oplægsholder", None)
    minutes: OptCount = _alias("minutter", None)
    initiatives: IdList = _alias("initiativer", ())
    recommendation: OptText = _alias("indstilling", None)
    decision: OptText = _alias("beslutning", None)
    carried_from: OptText = _alias("overført_fra", None)
    # Optional columns (a file without them still loads): the case text and the attachments by file name.
    optional_fields: ClassVar[tuple[str, ...]] = ("case", "attachments")
    case: OptText = _alias("sagsfremstilling", None)
    attachments: OptText = _alias("bilag", None)


class Attendance(Record):
    key_fields: ClassVar[tuple[str, ...]] = ("meeting", "member")
    meeting: Text = _alias("møde")
    member: Text = _alias("medlem")
    status: choice(ATTENDANCE, "fremmøde") = _alias("fremmøde")
    note: OptText = _alias("bemærkning", None)


class Initiative(Record):
    id: Text
    title: Text = _alias("titel")
    pillar: Text = _alias("søjle")
    colour: OptText = _alias("farve", None)
    horizon: OptText = _alias("horisont", None)
    status: choice(INITIATIVE_STATUSES, "status") = _alias("status")
    kind: choice(INITIATIVE_KINDS, "initiativtype") = _alias("type")
    owner: OptText = _alias("ejer", None)
    working_group: OptText = _alias("arbejdsgruppe", None)
    network: OptText = _alias("netværk", None)
    budget_asked: OptKroner = _alias("budget_søgt", None)
    budget_secured: OptKroner = _alias("budget_sikret", None)
    hours: OptCount = _alias("timer", None)
    start: OptDate = _alias("start", None)
    due: OptDate = _alias("frist", None)
    progress: OptPercent = _alias("fremdrift", None)
    updated: OptDate = _alias("opdateret", None)
    next_step: OptText = _alias("næste_skridt", None)
    supporters: OptText = _alias("opbakning", None)
    description: OptText = _alias("beskrivelse", None)


class WorkingGroup(Record):
    optional_fields: ClassVar[tuple[str, ...]] = ("reported", "report")
    id: Text
    name: Text = _alias("navn")
    mandate: Text = _alias("mandat")
    meeting: OptText = _alias("nedsat_på", None)
    report_back: OptDate = _alias("tilbagemelding", None)
    state: choice(GROUP_STATES, "tilstand") = _alias("tilstand")
    reported: OptDate = _alias("rapporteret", None)
    report: OptText = _alias("rapport", None)


class GroupMember(Record):
    key_fields: ClassVar[tuple[str, ...]] = ("group", "name")
    group: Text = _alias("gruppe")
    name: Text = _alias("navn")
    organisation: OptText = _alias("organisation", None)
    member: OptText = _alias("medlem", None)
    role: OptText = _alias("rolle", None)


class Network(Record):
    optional_fields: ClassVar[tuple[str, ...]] = ("closed",)
    id: Text
    name: Text = _alias("navn")
    pillar: OptText = _alias("søjle", None)
    coordinator: OptText = _alias("koordinator", None)
    founded: OptDate = _alias("stiftet", None)
    description: OptText = _alias("beskrivelse", None)
    closed: OptDate = _alias("lukket", None)


class NetworkEvent(Record):
    id: Text
    network: Text = _alias("netværk")
    date: Date = _alias("dato")
    title: Text = _alias("titel")
    members: OptCount = _alias("medlemmer", None)


class Action(Record):
    id: Text
    meeting: Text = _alias("møde")
    number: OptCount = _alias("punkt", None)
    text: Text = _alias("tekst")
    owners: IdList = _alias("ansvarlige", ())
    due: OptDate = _alias("frist", None)
    state: choice(ACTION_STATES, "tilstand") = _alias("tilstand")
    initiative: OptText = _alias("initiativ", None)
    closed: OptDate = _alias("lukket", None)


class Input(Record):
    id: Text
    date: Date = _alias("dato")
    meeting: OptText = _alias("møde", None)
    source: Text = _alias("afsender")
    text: Text = _alias("tekst")
    initiatives: IdList = _alias("initiativer", ())


class CouncilReport(Record):
    optional_fields: ClassVar[tuple[str, ...]] = ("decision",)
    id: Text
    date: Date = _alias("dato")
    committee: Text = _alias("udvalg")
    title: Text = _alias("titel")
    state: choice(REPORT_STATES, "tilstand") = _alias("tilstand")
    decision: OptText = _alias("beslutning", None)


class Milestone(Record):
    """A dated step of an initiative; done when it has the date it was done."""

    id: Text
    initiative: Text = _alias("initiativ")
    date: Date = _alias("dato")
    title: Text = _alias("titel")
    done: OptDate = _alias("udført", None)


@dataclass(frozen=True)
class TableSpec:
    """Where a table lives and what its rows are."""

    name: str
    file: str
    model: type[Record]
    may_be_missing: bool = False  # a file an older workspace lacks: read as empty, written on the next save

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(f.alias or n for n, f in self.model.model_fields.items())

    @property
    def optional(self) -> tuple[str, ...]:
        """Headers of columns added later: a file without them loads (their cells are empty)."""
        fields = self.model.model_fields
        return tuple(fields[n].alias or n for n in self.model.optional_fields)

    @property
    def required(self) -> tuple[str, ...]:
        """Headers whose column must be present (empty cells are allowed where optional)."""
        return tuple(h for h in self.headers if h not in self.optional)


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec("members", "members.csv", Appointment),
        TableSpec("secretariat", "secretariat.csv", Staff),
        TableSpec("meetings", "meetings.csv", Meeting),
        TableSpec("agenda", "agenda.csv", AgendaItem),
        TableSpec("attendance", "attendance.csv", Attendance),
        TableSpec("initiatives", "initiatives.csv", Initiative),
        TableSpec("working_groups", "working_groups.csv", WorkingGroup),
        TableSpec("group_members", "group_members.csv", GroupMember),
        TableSpec("networks", "networks.csv", Network),
        TableSpec("network_events", "network_events.csv", NetworkEvent),
        TableSpec("actions", "actions.csv", Action),
        TableSpec("inputs", "inputs.csv", Input),
        TableSpec("council_reports", "council_reports.csv", CouncilReport),
        TableSpec("milestones", "milestones.csv", Milestone, may_be_missing=True),
    )
}

# Each record class's Danish headers in column order (what cells() pairs with texts()).
TABLE_HEADERS: dict[type[Record], tuple[str, ...]] = {spec.model: spec.headers for spec in TABLES.values()}
