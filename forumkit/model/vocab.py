"""The one vocabulary: every closed set of Danish values as a StrEnum, and the Danish ↔ English glossary.

A member compares equal to its Danish text (``Status.DONE == "gennemført"``), so files keep their Danish
values while code names them in English: a typo is a NameError and a rename is one edit here. Colours and
horizons are the defaults a charter may change; the charter's own lists are the ones in force.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ActionState",
    "AgendaKind",
    "Blank",
    "Colour",
    "FIELD_WORDS",
    "GLOSSARY",
    "GroupState",
    "HELD_STATES",
    "Horizon",
    "InitiativeKind",
    "MeetingKind",
    "MeetingState",
    "OPEN_STATUSES",
    "Presence",
    "ReportState",
    "Role",
    "SHELVED_STATUSES",
    "SeatState",
    "Severity",
    "Status",
    "VOCABULARIES",
    "Weighting",
    "attribute_for",
    "field_words",
]


class Role(StrEnum):
    """A member's role in the forum."""

    MEMBER = "medlem"
    CHAIR = "formand"
    VICE_CHAIR = "næstformand"


class MeetingKind(StrEnum):
    CONSTITUENT = "konstituerende"
    ORDINARY = "ordinær"
    EXTRAORDINARY = "ekstraordinær"


class MeetingState(StrEnum):
    PLANNED = "planlagt"
    CALLED = "indkaldt"
    HELD = "afholdt"
    MINUTES_APPROVED = "referat godkendt"


HELD_STATES = (MeetingState.HELD, MeetingState.MINUTES_APPROVED)  # a meeting in one of these has taken place


class AgendaKind(StrEnum):
    BRIEFING = "orientering"
    DISCUSSION = "drøftelse"
    DECISION = "beslutning"


class Presence(StrEnum):
    """Attendance: legal proof of who took part."""

    PRESENT = "deltog"
    APOLOGIES = "afbud"
    ABSENT = "fraværende"


class Status(StrEnum):
    """An initiative's place in the workflow idé → afklaring → igangsat → gennemført (or parked/dropped)."""

    IDEA = "idé"
    CLARIFYING = "afklaring"
    STARTED = "igangsat"
    DONE = "gennemført"
    PARKED = "parkeret"
    DROPPED = "opgivet"


OPEN_STATUSES = (Status.IDEA, Status.CLARIFYING, Status.STARTED)
SHELVED_STATUSES = (Status.PARKED, Status.DROPPED)  # out of the running: left out of budgets and live counts


class InitiativeKind(StrEnum):
    MUNICIPAL = "kommunal"
    PRIVATE = "privat"
    JOINT = "fælles"


class GroupState(StrEnum):
    ACTIVE = "aktiv"
    CLOSED = "afsluttet"


class ActionState(StrEnum):
    OPEN = "åben"
    IN_PROGRESS = "i gang"
    CLOSED = "lukket"


class ReportState(StrEnum):
    """A status to the municipal council: only a presented one satisfies the yearly rule."""

    PLANNED = "planlagt"
    PRESENTED = "forelagt"


class Severity(StrEnum):
    ERROR = "fejl"
    WARNING = "advarsel"
    INFO = "info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class Colour(StrEnum):
    """The catalogue's colour code (the charter's default; a charter may name its own)."""

    GREEN = "grøn"
    YELLOW = "gul"
    RED = "rød"


class Horizon(StrEnum):
    """Implementation time bands (the charter's default; a charter may name its own)."""

    SHORT = "0–1 år"
    MEDIUM = "1–3 år"
    LONG = "3+ år"


class Weighting(StrEnum):
    """How initiatives weigh in a progress roll-up."""

    EQUAL = "lige"
    BUDGET = "budget"


class Blank(StrEnum):
    """What a blank progress counts as in a roll-up."""

    SKIP = "udelad"
    ZERO = "nul"


class SeatState(StrEnum):
    VACANT = "ledig"
    FILLED = "besat"
    EXPIRING = "udløber snart"


VOCABULARIES: tuple[type[StrEnum], ...] = (
    Role,
    MeetingKind,
    MeetingState,
    AgendaKind,
    Presence,
    Status,
    InitiativeKind,
    GroupState,
    ActionState,
    ReportState,
    Severity,
    Colour,
    Horizon,
    Weighting,
    Blank,
    SeatState,
)

# Danish column heading → English attribute: the one rule by which every table's attributes are named
# (tests/test_vocab.py checks every field of every table against it).
GLOSSARY: dict[str, str] = {
    "afsender": "source",
    "ansvarlige": "owners",
    "arbejdsgruppe": "working_group",
    "beskrivelse": "description",
    "beslutning": "decision",
    "bemærkning": "note",
    "bilag": "attachments",
    "budget_sikret": "budget_secured",
    "budget_søgt": "budget_asked",
    "dagsorden_sendt": "agenda_sent",
    "dato": "date",
    "ejer": "owner",
    "email": "email",
    "farve": "colour",
    "fra": "start",
    "fremdrift": "progress",
    "fremmøde": "status",
    "frist": "due",
    "gruppe": "group",
    "horisont": "horizon",
    "id": "id",
    "indkaldelse_sendt": "invitation_sent",
    "indstilling": "recommendation",
    "initiativ": "initiative",
    "initiativer": "initiatives",
    "koordinator": "coordinator",
    "lokale": "room",
    "lukket": "closed",
    "mandat": "mandate",
    "medlem": "member",
    "medlemmer": "members",
    "minutter": "minutes",
    "møde": "meeting",
    "nedsat_på": "meeting",
    "navn": "name",
    "netværk": "network",
    "næste_skridt": "next_step",
    "opbakning": "supporters",
    "opdateret": "updated",
    "organisation": "organisation",
    "overført_fra": "carried_from",
    "oplægsholder": "presenter",
    "punkt": "number",
    "referat_godkendt_på": "minutes_approved",
    "referat_sendt": "minutes_sent",
    "rolle": "role",
    "rolle_fra": "role_from",
    "sagsfremstilling": "case",
    "sted": "venue",
    "start": "start",
    "slut": "end",
    "status": "status",
    "stiftet": "founded",
    "søjle": "pillar",
    "sæde": "seat",
    "tekst": "text",
    "telefon": "phone",
    "tema": "theme",
    "tilbagemelding": "report_back",
    "tilstand": "state",
    "til": "end",
    "timer": "hours",
    "titel": "title",
    "rapport": "report",
    "rapporteret": "reported",
    "udført": "done",
    "type": "kind",
    "udpeget_af": "appointed_by",
    "udvalg": "committee",
}


# Column headings that are not plain words (CSV headings carry underscores), said in words for people: a
# refusal on a screen or in the CLI names "søgt budget", a file/line/column report keeps the heading.
FIELD_WORDS: dict[str, str] = {
    "budget_sikret": "sikret budget",
    "budget_søgt": "søgt budget",
    "dagsorden_sendt": "dagsorden sendt",
    "indkaldelse_sendt": "indkaldelse sendt",
    "nedsat_på": "nedsat på mødet",
    "næste_skridt": "næste skridt",
    "overført_fra": "overført fra",
    "referat_godkendt_på": "referatet godkendt på mødet",
    "referat_sendt": "referat sendt",
    "rolle_fra": "rolle fra",
    "udpeget_af": "udpeget af",
    "word_template": "Word-skabelon",
}


def field_words(field: str) -> str:
    """A field (a column heading such as 'budget_søgt') as people say it ('søgt budget'); other names as given."""
    if field in FIELD_WORDS:
        return FIELD_WORDS[field]
    if "_" in field and field.islower() and all(part.isalpha() for part in field.split("_")):
        return field.replace("_", " ")
    return field


def attribute_for(heading: str) -> str:
    """The English attribute of a Danish column heading (the glossary's one rule)."""
    return GLOSSARY[heading]
