"""The charter (kommissorium) as data: seats, secretariat, meetings, council reporting, pillars, networks."""

from __future__ import annotations

import re
import tomllib
from datetime import date, time
from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .danish import da_number, parse_time
from .errors import DataProblem, WorkspaceError
from .vocab import Blank, Colour, Horizon, Status, Weighting

__all__ = [
    "Charter",
    "CharterSeat",
    "DocumentSettings",
    "bundled_charters",
    "charter_source",
    "default_charter_path",
    "load_charter",
    "parse_charter",
]

CHARTER_FILE = "forum.toml"
MAX_CHARTER_BYTES = 1_000_000


Name = Annotated[str, Field(min_length=1)]  # a name the documents print: never empty


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ForumInfo(_Model):
    name: Name
    short_name: Name
    municipality: Name
    strategy: str = ""
    kommissorium_approved: date | None = None


class CharterSeat(_Model):
    id: str = Field(pattern=r"^[A-ZÆØÅ0-9_-]{1,20}$")
    name: Name
    appointed_by: Name
    count: int = Field(ge=1, le=50)


class SecretariatRole(_Model):
    id: str = Field(pattern=r"^[a-z0-9_]{1,30}$")
    name: Name
    required: bool = True


class MeetingRules(_Model):
    per_year: int = Field(ge=1, le=24)
    venue: Name
    address: str = ""
    rooms: tuple[str, ...] = ()
    default_room: str = ""
    start: time = time(16, 0)
    length_minutes: int = Field(default=120, ge=15, le=600)
    seasons: tuple[tuple[int, ...], ...] = ((3, 4, 5, 6), (9, 10, 11))
    weekdays: tuple[int, ...] = (2, 3, 4)
    invitation_days: int = Field(default=28, ge=0, le=180)
    agenda_days: int = Field(default=7, ge=0, le=60)
    agenda_working_days: int = Field(default=4, ge=0, le=40)
    minutes_days: int = Field(default=7, ge=1, le=60)
    avoid_dates: tuple[str, ...] = ("12-24", "12-31")
    avoid_months: tuple[int, ...] = (7,)
    avoid_weeks: tuple[int, ...] = (7, 8, 42)
    avoid_easter_week: bool = True
    avoid_day_after_ascension: bool = True
    organiser: str = ""  # the secretariat role that plans meetings and sends invitations ("" = the first role)

    @field_validator("seasons")
    @classmethod
    def _months(cls, value):
        if any(not 1 <= month <= 12 for season in value for month in season):
            raise ValueError("en måned skal være et tal fra 1 til 12")
        if any(not season for season in value):
            raise ValueError("hver periode skal have mindst én måned")
        return value

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value):
        if any(not 1 <= day <= 7 for day in value):
            raise ValueError("en ugedag skal være et tal fra 1 (mandag) til 7 (søndag)")
        return value

    @field_validator("start", mode="before")
    @classmethod
    def _parse_start(cls, value):
        if isinstance(value, str):  # '16.00' or '16:00', through the one parser
            try:
                return parse_time(value)
            except ValueError:
                return value
        return value


class CouncilRules(_Model):
    per_year: int = Field(default=1, ge=1, le=12)
    committee: Name
    recommendation: str = "at orienteringen tages til efterretning"


class TermRules(_Model):
    expiry_warning_days: int = Field(default=42, ge=0, le=365)
    contact_retention_days: int = Field(default=365, ge=0, le=3650)


class Pillar(_Model):
    id: str = Field(pattern=r"^[A-ZÆØÅ0-9_-]{1,20}$")
    name: Name
    foundation: bool = False


class NetworkDef(_Model):
    id: str
    name: Name
    pillar: str | None = None


class CatalogueRules(_Model):
    colours: tuple[str, ...] = tuple(Colour)
    horizons: tuple[str, ...] = tuple(Horizon)
    further_study_colour: str = Colour.GREEN
    further_study_horizon: str = Horizon.MEDIUM


class ProgressRules(_Model):
    weighting: Weighting = Weighting.EQUAL
    statuses: tuple[Status, ...] = (Status.IDEA, Status.CLARIFYING, Status.STARTED, Status.DONE)
    blank: Blank = Blank.SKIP


class DocumentSettings(_Model):
    """[documents]: the municipality's own templates, as paths relative to the workspace folder."""

    word_template: str = ""
    powerpoint_template: str = ""


class Charter(_Model):
    """The whole ``forum.toml``; every rule of the kommissorium that software can check."""

    forum: ForumInfo
    seats: tuple[CharterSeat, ...]
    secretariat: tuple[SecretariatRole, ...]
    meetings: MeetingRules
    council: CouncilRules
    terms: TermRules = TermRules()
    pillars: tuple[Pillar, ...]
    networks: tuple[NetworkDef, ...] = ()
    catalogue: CatalogueRules = CatalogueRules()
    progress: ProgressRules = ProgressRules()
    documents: DocumentSettings = DocumentSettings()

    @model_validator(mode="after")
    def _consistent(self) -> Charter:
        for what, items in (
            ("sæde", self.seats),
            ("sekretariatsrolle", self.secretariat),
            ("søjle", self.pillars),
            ("netværk", self.networks),
        ):
            ids = [item.id for item in items]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{what}-id '{dupes[0]}' står mere end én gang")
        if self.meetings.organiser and self.meetings.organiser not in {r.id for r in self.secretariat}:
            raise ValueError(f"mødearrangøren '{self.meetings.organiser}' er ikke en sekretariatsrolle")
        pillar_ids = {p.id for p in self.pillars}
        for network in self.networks:
            if network.pillar and network.pillar not in pillar_ids:
                raise ValueError(f"netværket {network.id} peger på en ukendt søjle '{network.pillar}'")
        return self

    def model_copy(self, *, update=None, deep: bool = False) -> Charter:
        """A validated copy (pydantic's own copy would keep the cached lookups of the original)."""
        return type(self).model_validate({**{n: getattr(self, n) for n in type(self).model_fields}, **(update or {})})

    @cached_property
    def seat_by_id(self) -> dict[str, CharterSeat]:
        return {seat.id: seat for seat in self.seats}

    @cached_property
    def pillar_by_id(self) -> dict[str, Pillar]:
        return {pillar.id: pillar for pillar in self.pillars}

    def pillar_name(self, pillar_id: str) -> str:
        """A pillar's name, or the id itself when the charter does not know it (the one pillar lookup)."""
        pillar = self.pillar_by_id.get(pillar_id)
        return pillar.name if pillar else pillar_id

    @cached_property
    def role_by_id(self) -> dict[str, SecretariatRole]:
        return {role.id: role for role in self.secretariat}

    @property
    def organiser_role(self) -> str:
        """The secretariat role that plans meetings and signs invitations."""
        return self.meetings.organiser or (self.secretariat[0].id if self.secretariat else "")

    @property
    def seat_total(self) -> int:
        return sum(seat.count for seat in self.seats)


def bundled_charters() -> dict[str, Path]:
    """The charters shipped with forumkit, by name (the file name without .toml)."""
    folder = Path(__file__).resolve().parents[1] / "charters"
    return {path.stem: path for path in sorted(folder.glob("*.toml"))}


def default_charter_path() -> Path:
    """The charter ``forumkit init`` uses when none is named (the first forum forumkit was made for)."""
    return bundled_charters()["dragoer"]


def charter_source(name: str) -> Path:
    """A bundled charter by name, or a charter file by path (``forumkit init --charter``)."""
    bundled = bundled_charters()
    if name in bundled:
        return bundled[name]
    path = Path(name)
    if path.is_file():
        return path
    from .errors import InputError

    raise InputError(
        "--charter", name, f"'{name}' er hverken et medfølgende kommissorium ({', '.join(bundled)}) eller en fil"
    )


_PYDANTIC_DA = {
    "missing": "mangler",
    "extra_forbidden": "ukendt nøgle",
    "string_type": "skal være tekst",
    "string_too_short": "må ikke være tom",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "bool_type": "skal være true eller false",
    "bool_parsing": "skal være true eller false",
    "greater_than_equal": "er for lille",
    "less_than_equal": "er for stor",
    "string_pattern_mismatch": "har et ugyldigt format (store bogstaver, tal, - og _)",
    "date_type": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "tuple_type": "skal være en liste",
    "literal_error": "har en ukendt værdi",
    "enum": "har en ukendt værdi",
    "time_type": "skal være et klokkeslæt (TT.MM eller TT:MM)",
    "time_parsing": "skal være et klokkeslæt (TT.MM eller TT:MM)",
}


def _locate(text: str, loc: tuple) -> tuple[int, str]:
    """Best line and key name in the TOML text for a pydantic error location."""
    lines = text.splitlines()
    line_no, start = 1, 0
    keys = [part for part in loc if isinstance(part, str)]
    # Walk table headers: [name] or the n-th [[name]].
    if loc and isinstance(loc[0], str):
        table = loc[0]
        index = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
        seen = -1
        for i, line in enumerate(lines):
            stripped = line.strip()
            if index is None and stripped == f"[{table}]":
                line_no, start = i + 1, i + 1
                break
            if index is not None and stripped == f"[[{table}]]":
                seen += 1
                if seen == index:
                    line_no, start = i + 1, i + 1
                    break
    key = keys[-1] if keys else ""
    if len(keys) > 1 or (keys and len(loc) > 2):
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(start, len(lines)):
            if lines[i].strip().startswith("["):
                break
            if pattern.match(lines[i]):
                return i + 1, key
    return line_no, key or "forum.toml"


def parse_charter(text: str, file: str = CHARTER_FILE) -> tuple[Charter | None, list[DataProblem]]:
    """Parse charter text; returns the charter or the problems (never raises on bad content)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(match[1]), int(match[2])) if match else (1, 1)
        snippet = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
        return None, [
            DataProblem(
                file, line, f"tegn {col}", f"TOML-syntaksfejl: {_toml_reason(str(exc))} i '{snippet[:60]}'", snippet
            )
        ]
    except RecursionError:
        return None, [DataProblem(file, 1, "forum.toml", "filen er for dybt indlejret til at være et kommissorium")]
    try:
        return Charter.model_validate(raw), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line, key = _locate(text, loc)
            where = ".".join(str(p) for p in loc)
            reason = _PYDANTIC_DA.get(err["type"], err["msg"])
            if err["type"] == "value_error":
                reason = str(err.get("ctx", {}).get("error", err["msg"]))
            value = err.get("input")
            shown = "" if err["type"] == "missing" or isinstance(value, dict) else f" (værdi: {value!r})"
            if err["type"] in ("enum", "literal_error") and err.get("ctx", {}).get("expected"):
                shown += " – brug en af: " + err["ctx"]["expected"].replace(" or ", ", ")
            problems.append(
                DataProblem(
                    file,
                    line,
                    key,
                    f"{where}: {reason}{shown}" if where else reason,
                    None if isinstance(value, dict) else str(value),
                )
            )
        return None, problems


def _toml_reason(message: str) -> str:
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    translations = {
        "Invalid value": "ugyldig værdi",
        "Expected '=' after a key in a key/value pair": "forventede '=' efter nøglen",
        "Invalid statement": "ugyldig linje",
        "Cannot overwrite a value": "nøglen står to gange",
        "Unclosed array": "listen er ikke lukket",
        "Unterminated string": "teksten er ikke afsluttet med anførselstegn",
        "Invalid initial character for a key part": "ugyldigt tegn i nøglen",
        "Expected newline or end of document after a statement": "forventede linjeskift efter værdien",
    }
    return translations.get(reason, reason)


def load_charter(path: Path) -> tuple[Charter | None, list[DataProblem]]:
    """Read and parse ``forum.toml``; a missing, oversized or non-UTF-8 file is a problem, not a crash."""
    if not path.is_file():
        return None, [DataProblem(path.name, 1, "fil", "filen mangler – arbejdsområdet skal have et kommissorium")]
    data = path.read_bytes()
    if len(data) > MAX_CHARTER_BYTES:
        size = da_number(len(data))
        return None, [DataProblem(path.name, 1, "fil", f"filen er {size} byte – for stor til et kommissorium")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            DataProblem(
                path.name, line, "fil", f"filen er ikke UTF-8 (byte 0x{data[exc.start]:02X}) – gem den som UTF-8"
            )
        ]
    return parse_charter(text, path.name)


def require_charter(path: Path) -> Charter:
    """Load a charter or raise :class:`WorkspaceError` with its problems."""
    charter, problems = load_charter(path)
    if charter is None:
        raise WorkspaceError(path.parent, problems)
    return charter
