"""Import an existing idea catalogue from the user's own Excel or CSV sheet, and export any table.

An import is two steps: :func:`preview_import` reads the sheet, maps its headings to ours and lists every
row's problems and what would change; :func:`apply_import` merges a clean preview by id. An exported
sheet imports back without loss: the same headings, formula-guarded cells unguarded again.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from ..model.cells import danish, errors_of
from ..model.danish import da_number
from ..model.errors import DataProblem, InputError
from ..model.ids import IdSequence
from ..model.safe import csv_cell, uncsv_cell
from ..model.tables import TABLES, Initiative, edit, field_by_name
from ..model.vocab import InitiativeKind, Status
from ..model.workspace import Workspace
from ..storage.atomic import write_atomic
from ..storage.csvfile import BOM
from ..storage.excel import xlsx_bytes
from ..storage.outputs import output_folder, write_outputs
from ..storage.sheets import SheetData, read_sheet, read_sheet_data

__all__ = [
    "DEFAULT_MAPPING",
    "ImportPreview",
    "MAPPING_FILE",
    "RowPlan",
    "SheetData",
    "apply_import",
    "export_table",
    "load_mapping",
    "preview_import",
    "read_mapping",
    "read_sheet",
    "read_sheet_data",
    "save_mapping",
]

MAPPING_FILE = "import_mapping.json"
IGNORE = ""

# Headings people write in their own catalogue sheets, mapped to ours (lower case, trimmed).
DEFAULT_MAPPING: dict[str, str] = {
    **{h: h for h in TABLES["initiatives"].headers},
    "nr": "id",
    "nr.": "id",
    "id-nr": "id",
    "løbenummer": "id",
    "indsats": "titel",
    "initiativ": "titel",
    "navn": "titel",
    "titel på indsats": "titel",
    "overskrift": "titel",
    "fokusområde": "søjle",
    "strategisk søjle": "søjle",
    "tema": "søjle",
    "søjle/fokusområde": "søjle",
    "farvekode": "farve",
    "prioritet": "farve",
    "tidshorisont": "horisont",
    "implementeringstid": "horisont",
    "ansvarlig": "ejer",
    "tovholder": "ejer",
    "ejer/ansvarlig": "ejer",
    "budget": "budget_søgt",
    "søgt budget": "budget_søgt",
    "budget (kr.)": "budget_søgt",
    "sikret budget": "budget_sikret",
    "bevilget": "budget_sikret",
    "finansiering": "budget_sikret",
    "startdato": "start",
    "påbegyndt": "start",
    "deadline": "frist",
    "slutdato": "frist",
    "fremdrift (%)": "fremdrift",
    "fremdrift %": "fremdrift",
    "færdiggørelse": "fremdrift",
    "næste skridt": "næste_skridt",
    "beskrivelse af indsatsen": "beskrivelse",
    "bemærkninger": "beskrivelse",
    "opbakning fra": "opbakning",
    "partnere": "opbakning",
    "arbejdsgruppe-id": "arbejdsgruppe",
    "sidst opdateret": "opdateret",
}


def _norm(heading: str) -> str:
    return " ".join(str(heading or "").strip().lower().split())


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file (JSON: the sheet's heading → our column, "" to ignore); a broken one is an InputError."""
    path = Path(path)
    if path.exists() and (not path.is_file() or path.stat().st_size > 1_000_000):
        raise InputError("fil", path.name, f"{path} er ikke en almindelig, lille JSON-fil")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError("fil", path.name, f"{path.name} er ikke gemt som UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            "fil", path.name, f"{path.name} er ikke gyldig JSON (linje {exc.lineno}, kolonne {exc.colno})"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise InputError(
            "fil", path.name, f'{path.name} skal være et JSON-objekt med tekst, fx {{"Indsats": "titel", "Noter": ""}}'
        )
    return {_norm(k): v for k, v in data.items()}


def load_mapping(root: Path | None) -> dict[str, str]:
    """The default mapping plus what the user chose last time (remembered in the workspace)."""
    mapping = dict(DEFAULT_MAPPING)
    if root and (Path(root) / MAPPING_FILE).is_file():
        mapping.update(read_mapping(Path(root) / MAPPING_FILE))
    return mapping


def save_mapping(root: Path, chosen: dict[str, str]) -> None:
    """Remember the user's own choices (only those that differ from the defaults), keeping the choices
    remembered from earlier sheets whose headings this sheet does not have."""
    path = Path(root) / MAPPING_FILE
    try:
        earlier = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        earlier = None
    if not isinstance(earlier, dict):
        raise InputError(
            "fil", str(path), f"{path} kan ikke læses som JSON – ret eller flyt den; kolonnevalgene er ikke husket"
        )
    merged = {_norm(k): v for k, v in earlier.items()} | {_norm(k): v for k, v in chosen.items()}
    own = {k: v for k, v in merged.items() if DEFAULT_MAPPING.get(k) != v}
    write_atomic(
        Path(root) / MAPPING_FILE, json.dumps(own, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    )


@dataclass
class RowPlan:
    """What one sheet row would do: add a new initiative, change one, or nothing."""

    sheet_row: int
    action: str  # "ny", "ændret", "uændret"
    initiative: Initiative
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class ImportPreview:
    """Every problem in the sheet and every row's plan; apply only when ``problems`` is empty."""

    sheet: str
    mapping: dict[str, str]
    problems: list[DataProblem]
    rows: list[RowPlan]
    warnings: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        counts = {a: sum(r.action == a for r in self.rows) for a in ("ny", "ændret", "uændret")}
        head = (
            f"{counts['ny']} nye, {counts['ændret']} ændrede, {counts['uændret']} uændrede initiativer; "
            f"{len(self.problems)} problem(er)"
        )
        return "\n".join([head, *self.warnings, *map(str, self.problems)])


_DANISH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$")


def _cell_text(value: object, heading: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, float) and math.isfinite(value):  # a number from Excel: shown the Danish way, so the
        exact = Decimal(repr(value))  # one parser refuses its decimals in a whole-number column by name
        return da_number(exact, max(0, -exact.as_tuple().exponent))
    text = uncsv_cell(str(value)).strip()
    return text or None


def _date_hint(text: str) -> str | None:
    match = _DANISH_DATE.match(text)
    if not match:
        return None
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    year += 2000 if year < 100 else 0
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def preview_import(ws: Workspace, path: Path, mapping: dict[str, str] | None = None) -> ImportPreview:
    """Read a catalogue sheet and say, row by row, what is wrong and what would change. Writes nothing."""
    data = read_sheet_data(path)
    sheet, headings, body = data.name, data.headings, data.body
    mapping = {**DEFAULT_MAPPING, **{_norm(k): v for k, v in (mapping or {}).items()}}
    ours = set(TABLES["initiatives"].headers)
    problems: list[DataProblem] = []
    columns: list[str | None] = []
    for heading in headings:
        target = mapping.get(_norm(heading))
        if not heading:
            columns.append(None)
        elif target is None:
            problems.append(
                DataProblem(
                    sheet,
                    1,
                    heading,
                    f"overskriften '{heading}' er ikke tilknyttet en kolonne – vælg hvilken, eller 'ignorér'",
                    heading,
                )
            )
            columns.append(None)
        elif target == IGNORE:
            columns.append(None)
        elif target not in ours:
            problems.append(
                DataProblem(sheet, 1, heading, f"'{heading}' er tilknyttet en ukendt kolonne '{target}'", target)
            )
            columns.append(None)
        else:
            columns.append(target)
    used = [c for c in columns if c]
    for dup in sorted({c for c in used if used.count(c) > 1}):
        problems.append(DataProblem(sheet, 1, dup, f"to overskrifter er tilknyttet '{dup}'", dup))
    if "titel" not in used and "id" not in used:
        problems.append(DataProblem(sheet, 1, "titel", "arket har hverken en titel- eller en id-kolonne"))
    pillars = {p.id.lower(): p.id for p in ws.charter.pillars} | {p.name.lower(): p.id for p in ws.charter.pillars}
    existing = ws.initiative_by_id
    seen_ids: dict[str, int] = {}
    id_columns = [n for n, c in enumerate(columns) if c == "id"]
    ids = IdSequence(
        [i.id for i in ws.initiatives]
        + [t for _, cells in body for n in id_columns if n < len(cells) and (t := _cell_text(cells[n], "id"))],
        "I",
    )
    plans: list[RowPlan] = []
    for sheet_row, cells in body:
        values: dict[str, str | None] = {}
        heading_of: dict[str, str] = {}
        for heading, target, value in zip(headings, columns, cells, strict=False):
            if target:
                values[target] = _cell_text(value, target)
                heading_of[target] = heading
        row_problems: list[DataProblem] = []

        def problem(
            col: str,
            message: str,
            value: object = None,
            into: list[DataProblem] = row_problems,
            row: int = sheet_row,
            headings: dict[str, str] = heading_of,
        ) -> None:
            into.append(DataProblem(sheet, row, headings.get(col, col), message, None if value is None else str(value)))

        iid = values.get("id")
        if iid:
            if iid in seen_ids:
                problem("id", f"id '{iid}' står også i række {seen_ids[iid]}", iid)
            seen_ids[iid] = sheet_row
        if values.get("søjle"):
            pid = pillars.get(values["søjle"].lower())
            if pid is None:
                problem(
                    "søjle",
                    f"ukendt søjle '{values['søjle']}' – brug en af: {', '.join(p.name for p in ws.charter.pillars)}",
                    values["søjle"],
                )
            else:
                values["søjle"] = pid
        for col in ("start", "frist", "opdateret"):
            text = values.get(col)
            if text and not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
                hint = _date_hint(text)
                problem(
                    col, f"ugyldig dato '{text}' – skriv ÅÅÅÅ-MM-DD" + (f" (mente du {hint}?)" if hint else ""), text
                )
                values[col] = None
        current = existing.get(iid) if iid else None
        base = (
            current.cells()
            if current
            else {"id": iid or "", "status": Status.IDEA, "type": InitiativeKind.MUNICIPAL, "opdateret": None}
        )
        merged = {**base, **{k: v for k, v in values.items() if k in ours}}
        if not current and not merged.get("id"):
            merged["id"] = ids.take()
        try:
            ini = Initiative.model_validate({k: (v if v != "" else None) for k, v in merged.items()}, by_alias=True)
        except ValidationError as exc:
            for err in errors_of(exc):
                col = str(err["loc"][0]) if err["loc"] else "id"
                problem(col, danish(err, field_by_name(Initiative, col)), merged.get(col))
            problems.extend(row_problems)
            continue
        if ini.colour and ini.colour not in ws.charter.catalogue.colours:
            problem(
                "farve",
                f"ukendt farve '{ini.colour}' – brug en af: {', '.join(ws.charter.catalogue.colours)}",
                ini.colour,
            )
        if ini.horizon and ini.horizon not in ws.charter.catalogue.horizons:
            problem(
                "horisont",
                f"ukendt horisont '{ini.horizon}' – brug en af: {', '.join(ws.charter.catalogue.horizons)}",
                ini.horizon,
            )
        if ini.working_group and ini.working_group not in {g.id for g in ws.working_groups}:
            problem("arbejdsgruppe", f"arbejdsgruppen '{ini.working_group}' findes ikke", ini.working_group)
        if ini.network and ini.network not in {n.id for n in ws.networks}:
            problem("netværk", f"netværket '{ini.network}' findes ikke", ini.network)
        problems.extend(row_problems)
        if row_problems:
            continue
        if current is None:
            plans.append(RowPlan(sheet_row, "ny", ini))
        else:
            before, after = current.cells(), ini.cells()
            changes = {k: (before[k], after[k]) for k in after if before[k] != after[k]}
            plans.append(RowPlan(sheet_row, "ændret" if changes else "uændret", ini, changes))
    return ImportPreview(
        sheet, {h: c or IGNORE for h, c in zip(headings, columns, strict=False) if h}, problems, plans, data.warnings
    )


def apply_import(ws: Workspace, preview: ImportPreview, today: date) -> Workspace:
    """Merge a clean preview by id: new initiatives are added, changed ones replaced; others untouched."""
    if not preview.clean:
        raise InputError("import", preview.sheet, f"importen har {len(preview.problems)} problem(er) – ret dem først")
    by_id = {i.id: i for i in ws.initiatives}
    for plan in preview.rows:
        if plan.action == "uændret":
            continue
        ini = plan.initiative
        if ini.updated is None or (plan.action == "ændret" and "opdateret" not in plan.changes):
            ini = edit(ini, updated=today)
        by_id[ini.id] = ini
    return ws.with_table("initiatives", list(by_id.values()))


def export_table(ws: Workspace, table: str, fmt: str, path: Path, workspace: Path | None = None) -> Path:
    """Export any workspace table with its own headings; typed text can never become a formula.

    Never into ``workspace`` and never over a file forumkit did not make (see storage.outputs)."""
    spec = TABLES.get(table)
    if spec is None:
        raise InputError("tabel", table, f"ukendt tabel '{table}' – brug en af: {', '.join(TABLES)}")
    rows = ws.table(table)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(spec.headers)
        for row in rows:
            writer.writerow([csv_cell(v) for v in row.cells().values()])
        data = (BOM + buffer.getvalue()).encode("utf-8")
    elif fmt == "xlsx":
        body = []
        for row in rows:
            out = []
            for name, value in zip(spec.headers, (getattr(row, f) for f in type(row).model_fields), strict=False):
                out.append(
                    value
                    if isinstance(value, (int, date)) and not isinstance(value, bool)
                    else row.cells()[name] or None
                )
            body.append(out)
        data = xlsx_bytes({table: (spec.headers, body)})
    else:
        raise InputError("format", fmt, f"ukendt format '{fmt}' – brug csv eller xlsx")
    output_folder(Path(path).parent, workspace, create=False)  # the workspace refusal comes first
    _suffix_fits(Path(path), fmt)
    return write_outputs(Path(path).parent, {Path(path).name: data}, workspace)[0]


def _suffix_fits(path: Path, fmt: str) -> None:
    """A file name must end in its format's suffix: an Excel file named .csv would open as garbage (a folder
    or no name at all is left to the output guard, which says so)."""
    if not path.name or path.is_dir() or path.suffix.lower() == f".{fmt}":
        return
    raise InputError(
        "--out",
        path.name,
        f"filnavnet '{path.name}' passer ikke til formatet {fmt} – kald filen "
        f"fx '{path.stem or 'tabel'}.{fmt}' (eller vælg formatet, der passer til "
        "navnet)",
    )
