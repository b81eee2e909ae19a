"""The annual status bundle: charts (PNG, SVG, PDF), the deck, the case note and a manifest naming the data.

The bundle is reproducible: it names its data snapshot (a hash of the workspace files) and the "today" it
was made for, and the same workspace and date give byte-identical files. It is written to a new folder
beside the target and swapped in at the end, so an existing bundle is never half-overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model.charter import CHARTER_FILE
from ..model.errors import InputError
from ..model.tables import TABLES
from ..model.workspace import Workspace
from ..storage.atomic import write_atomic
from ..storage.store import CHANGES_FILE, read_changes

__all__ = ["Bundle", "check_output_folder", "snapshot_hash", "write_status_report"]

FORMATS = ("png", "svg", "pdf")


def snapshot_hash(root: Path) -> str:
    """sha256 over the workspace's data files (names and bytes), in a fixed order."""
    digest = hashlib.sha256()
    for name in [CHARTER_FILE, *(spec.file for spec in TABLES.values()), CHANGES_FILE]:
        path = Path(root) / name
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"")
        digest.update(b"\0")
    return digest.hexdigest()


def check_output_folder(out: Path) -> Path:
    """Refuse, before any work, an output folder that cannot be written."""
    out = Path(out).resolve()
    parent = out.parent
    if out.exists() and not out.is_dir():
        raise InputError("--out", str(out), f"{out} findes og er ikke en mappe")
    probe_dir = out if out.exists() else parent
    if not probe_dir.exists():
        try:
            probe_dir.mkdir(parents=True)
        except OSError as exc:
            raise InputError("--out", str(out), f"mappen {probe_dir} kan ikke oprettes: {exc.strerror}") from None
    try:  # the only sure test: make (and remove) a folder where the bundle will be staged
        os.rmdir(tempfile.mkdtemp(prefix=".forumkit-probe-", dir=parent))
    except OSError:
        raise InputError("--out", str(out), f"der kan ikke skrives i {parent} – vælg en anden mappe") from None
    return out


@dataclass(frozen=True)
class Bundle:
    folder: Path
    files: tuple[Path, ...]
    snapshot: str
    takeaways: dict[str, str]
    notes: tuple[str, ...] = ()  # e.g. why there is no PDF


def write_status_report(ws: Workspace, root: Path, year: int, out: Path, today: date,
                        charts: list[str] | None = None, pdf: bool = False) -> Bundle:
    """Build the whole bundle for ``year`` into ``out`` (replacing an earlier bundle there as a whole)."""
    from ..rules.status_data import CHARTS, chart_data, year_facts
    from .case_note import build_case_note
    from .charts import draw
    from .deck import build_deck
    from .office import save_docx, workspace_template
    from .style import save_figure

    out = check_output_folder(out)
    chosen = list(CHARTS) if charts is None else [c for c in CHARTS if c in charts]
    unknown = sorted(set(charts or []) - set(CHARTS))
    if unknown:
        raise InputError("grafer", ", ".join(unknown), f"ukendt graf '{unknown[0]}' – brug: {', '.join(CHARTS)}")
    changes = read_changes(root)
    facts = year_facts(ws, changes, year, today)
    if facts.is_empty:
        raise InputError("år", str(year), f"der er ingen møder og ingen initiativer sat i gang eller gennemført i "
                                          f"{year} – der er intet at rapportere")
    previous = year_facts(ws, changes, year - 1, today) if date(year - 1, 12, 31) >= min(
        [m.date for m in ws.meetings] or [today]) else None
    snapshot = snapshot_hash(root)
    data = [c for c in chart_data(ws, changes, year, today) if c.key in chosen]
    pillars = [p.name for p in ws.charter.pillars]
    notes: list[str] = []
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (staging / "grafer").mkdir()
        files: list[Path] = []
        pngs = []
        for number, chart in enumerate(data, start=1):
            fig = draw(chart, ws.charter.forum.municipality, facts.as_of, pillars)
            for fmt in FORMATS:
                path = save_figure(fig, staging / "grafer" / f"{number:02d}_{chart.key}.{fmt}")
                files.append(path)
                if fmt == "png":
                    pngs.append((chart, path))
        deck_name = f"Status {year} – præsentation.pptx"
        note_name = f"Status {year} – sagsfremstilling.docx"
        write_atomic(staging / deck_name, build_deck(ws.charter.forum.name, ws.charter.forum.municipality, facts,
                                                     pngs, today, previous, snapshot))
        attachments = [f"Præsentation: Status {year}"] + [f"Graf: {c.title}" for c, _p in pngs]
        note = build_case_note(forum_name=ws.charter.forum.name, municipality=ws.charter.forum.municipality,
                               committee=ws.charter.council.committee,
                               recommendation=ws.charter.council.recommendation, facts=facts, previous=previous,
                               attachments=attachments, made=today, snapshot=snapshot,
                               takeaways=[c.takeaway for c in data], template=workspace_template(ws.charter, root),
                               dates={m.id: m.date for m in ws.meetings})
        save_docx(note, staging / note_name)
        files += [staging / deck_name, staging / note_name]
        if pdf:  # one LibreOffice call for the case note and one for the deck; dates fixed, so reproducible
            from .pdf import PdfUnavailable, to_pdf

            try:
                files += to_pdf([staging / note_name, staging / deck_name], staging, today)
            except PdfUnavailable as exc:
                notes.append(str(exc))
        manifest = {
            "år": year, "dato": today.isoformat(), "data_pr": facts.as_of.isoformat(), "datagrundlag": snapshot,
            "grafer": {c.key: c.takeaway for c in data},
            "filer": {str(p.relative_to(staging)): hashlib.sha256(p.read_bytes()).hexdigest()
                      for p in sorted(files)},
        }
        write_atomic(staging / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    final = tuple(out / p.relative_to(staging) for p in files) + (out / "manifest.json",)
    return Bundle(out, final, snapshot, {c.key: c.takeaway for c in data}, tuple(notes))


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by the finished ``staging`` folder: the old bundle stays whole until the new one is."""
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, out)
