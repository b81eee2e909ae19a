"""The annual status bundle: charts (PNG, SVG, PDF, numbers as CSV and Excel), the deck, the case note and a
manifest naming the data.

The bundle is reproducible: it names its data snapshot (a hash of the workspace files) and the "today" it
was made for, and the same workspace and date give byte-identical files. It is built in a hidden folder inside
the target and moved in at the end, so an existing bundle is never half-overwritten; only an empty folder or
an earlier bundle (recognised by its manifest) is filled (storage.outputs).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model.charter import CHARTER_FILE
from ..model.errors import InputError
from ..model.tables import TABLES
from ..model.workspace import Workspace
from ..storage.atomic import write_atomic
from ..storage.history import Snapshot
from ..storage.outputs import (
    MAKER,
    abandon_bundle,
    bundle_folder,
    finish_bundle,
    start_bundle,
)
from ..storage.store import CHANGES_FILE, read_changes

__all__ = [
    "Bundle",
    "check_output_folder",
    "deck_template",
    "snapshot_hash",
    "write_chart_files",
    "write_status_report",
]

FORMATS = ("png", "svg", "pdf")


def snapshot_hash(root: Path, files: dict[str, bytes] | None = None) -> str:
    """sha256 over the workspace's data files (names and bytes), in a fixed order; ``files`` gives the bytes
    instead of the folder (a workspace rebuilt as it stood on a day, storage.history)."""
    digest = hashlib.sha256()
    for name in [CHARTER_FILE, *(spec.file for spec in TABLES.values()), CHANGES_FILE]:
        if files is not None:
            data = files.get(name, b"")
        else:
            path = Path(root) / name
            data = path.read_bytes() if path.exists() else b""
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(data)
        digest.update(b"\0")
    return digest.hexdigest()


def check_output_folder(out: Path, workspace: Path | None = None) -> Path:
    """Refuse, before any work, a folder the bundle may not fill (see storage.outputs.bundle_folder)."""
    return bundle_folder(out, workspace)


@dataclass(frozen=True)
class Bundle:
    folder: Path
    files: tuple[Path, ...]
    snapshot: str
    takeaways: dict[str, str]
    notes: tuple[str, ...] = ()  # e.g. why there is no PDF


def write_status_report(
    ws: Workspace,
    root: Path,
    year: int,
    out: Path,
    today: date,
    charts: list[str] | None = None,
    pdf: bool = False,
    as_of: Snapshot | None = None,
) -> Bundle:
    """Build the whole bundle for ``year`` into ``out`` (replacing an earlier bundle there as a whole).

    With ``as_of`` (the workspace as it stood on a day, rebuilt from the change log) the bundle is built from
    that data and log, and names that data's hash: the same bytes a bundle made on that day has."""
    from ..rules.status_data import CHART_FILES, CHARTS, chart_data, year_facts
    from .case_note import build_case_note
    from .deck import build_deck, open_template
    from .office import save_docx, workspace_template

    out = check_output_folder(out, root)
    chosen = list(CHARTS) if charts is None else [c for c in CHARTS if c in charts]
    unknown = sorted(set(charts or []) - set(CHARTS))
    if unknown:
        raise InputError("grafer", ", ".join(unknown), f"ukendt graf '{unknown[0]}' – brug: {', '.join(CHARTS)}")
    template = deck_template(ws, root)
    open_template(template)  # a broken template is reported before any work
    if as_of is not None:
        ws = as_of.workspace
    changes = as_of.changes if as_of is not None else read_changes(root)
    facts = year_facts(ws, changes, year, today)
    if facts.is_empty:
        raise InputError(
            "år",
            str(year),
            f"der er ingen møder og ingen initiativer sat i gang eller gennemført i "
            f"{year} – der er intet at rapportere",
        )
    previous = (
        year_facts(ws, changes, year - 1, today)
        if date(year - 1, 12, 31) >= min([m.date for m in ws.meetings] or [today])
        else None
    )
    snapshot = snapshot_hash(root, as_of.files if as_of is not None else None)
    data = [c for c in chart_data(ws, changes, year, today) if c.key in chosen]
    pillars = [p.name for p in ws.charter.pillars]
    notes: list[str] = []
    staging, made = start_bundle(out, root)
    municipality = ws.charter.forum.municipality
    try:
        (staging / "grafer").mkdir()
        files: list[Path] = []
        stems = {}
        for number, chart in enumerate(data, start=1):
            stems[chart.key] = stem = f"{number:02d}_{CHART_FILES[chart.key]}"
            files += write_chart_files(chart, staging / "grafer" / stem, municipality, facts.as_of, pillars)

        def render(chart, width: float, height: float) -> bytes:
            from .charts import draw
            from .style import figure_bytes

            return figure_bytes(
                draw(chart, municipality, facts.as_of, pillars, framed=False, size=(width, height)), "png", dpi=150
            )

        deck_name = f"Status {year} – præsentation.pptx"
        note_name = f"Status {year} – sagsfremstilling.docx"
        write_atomic(
            staging / deck_name,
            build_deck(
                ws.charter.forum.name,
                municipality,
                facts,
                data,
                today,
                previous,
                snapshot,
                render=render,
                template=template,
                pillar_names={p.id: p.name for p in ws.charter.pillars},
            ),
        )
        attachments = [f"Præsentation: Status {year}"] + [f"Graf: {c.title}" for c in data]
        note = build_case_note(
            forum_name=ws.charter.forum.name,
            municipality=municipality,
            committee=ws.charter.council.committee,
            recommendation=ws.charter.council.recommendation,
            facts=facts,
            previous=previous,
            attachments=attachments,
            made=today,
            snapshot=snapshot,
            takeaways=[c.takeaway for c in data],
            template=workspace_template(ws.charter, root),
            dates={m.id: m.date for m in ws.meetings},
        )
        save_docx(note, staging / note_name)
        files += [staging / deck_name, staging / note_name]
        if pdf:  # one LibreOffice call for the case note and one for the deck; dates fixed, so reproducible
            from .pdf import PdfUnavailable, to_pdf

            try:
                files += to_pdf([staging / note_name, staging / deck_name], staging, today, guarded=False)
            except PdfUnavailable as exc:
                notes.append(str(exc))
        manifest = {
            "lavet_af": MAKER,
            "år": year,
            "dato": today.isoformat(),
            "data_pr": facts.as_of.isoformat(),
            "datagrundlag": snapshot,
            "grafer": {c.key: c.takeaway for c in data},
            "filer": {str(p.relative_to(staging)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)},
        }
        write_atomic(staging / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        finish_bundle(staging, root)
    except BaseException:
        abandon_bundle(staging, made)
        raise
    final = tuple(out / p.relative_to(staging) for p in files) + (out / "manifest.json",)
    return Bundle(out, final, snapshot, {c.key: c.takeaway for c in data}, tuple(notes))


def deck_template(ws: Workspace, root: Path) -> Path | None:
    """The municipality's PowerPoint template named in forum.toml ([documents] powerpoint_template, relative
    to the workspace), or None for forumkit's own."""
    name = ws.charter.documents.powerpoint_template.strip()
    return (Path(root) / name) if name else None


def write_chart_files(chart, stem: Path, source: str, data_date: date, pillars: list[str]) -> list[Path]:
    """One chart as PNG, SVG and PDF (with title, takeaway and source) and its numbers as CSV and Excel."""
    from ..storage.csvfile import render_csv
    from ..storage.excel import xlsx_bytes
    from .charts import chart_table, csv_cells, draw
    from .office import normalized_zip
    from .style import save_figure

    fig = draw(chart, source, data_date, pillars)
    files = []
    for fmt in FORMATS:
        files.append(save_figure(fig, stem.with_name(f"{stem.name}.{fmt}")))
        fig.set_layout_engine("none")  # laid out once (for the PNG); SVG and PDF keep those positions
    headers, rows = chart_table(chart)
    csv_path, xlsx_path = stem.with_name(f"{stem.name}.csv"), stem.with_name(f"{stem.name}.xlsx")
    write_atomic(csv_path, render_csv(headers, csv_cells(rows)))
    book = xlsx_bytes({chart.title[:31].replace(":", ""): (headers, rows)})
    write_atomic(xlsx_path, normalized_zip(_fixed_modified(book, data_date)))
    return files + [csv_path, xlsx_path]


def _fixed_modified(xlsx: bytes, day: date) -> bytes:
    """openpyxl stamps 'modified' with the clock when it saves; write the data date instead."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                stamp = f"{day.isoformat()}T00:00:00Z".encode()
                blob = re.sub(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2", blob)
            target.writestr(info, blob)
    return out.getvalue()
