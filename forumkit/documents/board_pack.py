"""The board pack (mødemappe): one PDF per meeting with a cover, the agenda, the previous minutes for approval,
each item's attachments in order and a status sheet per initiative on the agenda; one bookmark per part and
page numbers "Side X af Y" across the whole pack.

LibreOffice makes the PDFs (two calls: the parts, then the cover with its page numbers and a page-number
overlay); pypdf joins them, keeps their tags (pdf_structure), adds the bookmarks and lays the numbers over every
page as artifacts."""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..edits.meetings import _meeting, agenda_for, previous_meeting
from ..model.danish import da_date
from ..model.errors import InputError
from ..model.safe import safe_filename, safe_id
from ..model.tables import HELD_STATES
from ..model.workspace import Workspace
from ..storage.outputs import output_folder, write_outputs
from .agenda import (
    ATTACHMENT_FOLDER,
    agenda_docx,
    attachment_names,
    attachment_title,
    meeting_facts,
)
from .office import (
    Letter,
    add_heading,
    fixed_properties,
    new_document,
    plain,
    save_docx,
    sized_table,
)
from .pdf import convertible, fix_pdf, to_pdf
from .pdf_structure import as_artifact, join_structure

__all__ = ["BoardPack", "Part", "write_board_pack"]


@dataclass
class Part:
    """One piece of the pack: its bookmark title, its level (0 = top, 1 = under an item) and its PDF."""

    title: str
    level: int
    source: Path | None = None  # an office file to convert, or
    pdf: Path | None = None  # a PDF taken as it is
    pages: int = 0
    first: int = 0  # 0-based page index in the pack


@dataclass(frozen=True)
class BoardPack:
    path: Path
    pages: int
    outline: tuple[tuple[str, int, int], ...]  # (title, level, first page 1-based)
    notes: tuple[str, ...] = field(default=())


def _attachment_paths(root: Path, ws: Workspace, meeting_id: str) -> dict[int, list[tuple[str, Path]]]:
    """Each item's attachments as (title, file); a missing or unusable file stops the pack with its name."""
    folder = (Path(root) / ATTACHMENT_FOLDER).resolve()
    out: dict[int, list[tuple[str, Path]]] = {}
    problems = []
    for item in agenda_for(ws, meeting_id):
        for name in attachment_names(item):
            path = (folder / name).resolve()
            if folder not in path.parents:
                problems.append(f"punkt {item.number}: '{name}' ligger uden for mappen {ATTACHMENT_FOLDER}/")
            elif not path.is_file():
                problems.append(f"punkt {item.number}: '{name}' findes ikke i mappen {ATTACHMENT_FOLDER}/")
            elif path.suffix.lower() != ".pdf" and not convertible(path):
                problems.append(
                    f"punkt {item.number}: '{name}' kan ikke sættes ind (brug PDF, Word, Excel eller PowerPoint)"
                )
            elif path.suffix.lower() == ".pdf" and (reason := _unreadable_pdf(path)):
                problems.append(f"punkt {item.number}: '{name}' {reason}")
            else:
                out.setdefault(item.number, []).append((attachment_title(name), path))
    if problems:
        raise InputError("bilag", problems[0], "mødemappen kan ikke laves: " + "; ".join(problems))
    return out


def _unreadable_pdf(path: Path) -> str:
    """Why a PDF attachment cannot go into the pack ('' when it can)."""
    import logging

    from pypdf import PdfReader

    log = logging.getLogger("pypdf")
    level, log.level = log.level, logging.CRITICAL  # its warnings on a damaged file are ours to word
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return "er beskyttet med adgangskode – gem den uden adgangskode"
        if not reader.pages:
            return "har ingen sider"
    except Exception:
        return "er ikke en gyldig PDF-fil – åbn og gem den igen"
    finally:
        log.setLevel(level)
    return ""


def _cover(ws: Workspace, meeting_id: str, day: date, parts: list[Part], cover_pages: int, template: bytes | None):
    m = _meeting(ws, meeting_id)
    forum = ws.charter.forum
    letter = Letter(
        title=f"Mødemappe – møde {da_date(m.date, False)}",
        subject=f"Mødemappe til møde i {forum.name}",
        municipality=forum.municipality,
        day=day,
        unit=forum.name,
        page_numbers=False,
    )
    doc = new_document(letter, template)
    add_heading(doc, "Mødemappe", 1)
    doc.add_paragraph(plain(f"Møde i {forum.name}"))
    sized_table(doc, meeting_facts(ws, m, day), bold_first=True)
    add_heading(doc, "Indhold", 2)
    rows = [(("    " if p.level else "") + p.title, str(p.first + cover_pages + 1)) for p in parts]
    sized_table(doc, rows, header=("Afsnit", "Side"))
    fixed_properties(doc, letter)
    return doc


def _stamp(ws: Workspace, pages: int, day: date):
    """A document of ``pages`` empty A4 pages whose footers say 'Side X af Y' (laid over the pack's pages)."""
    from docx.shared import Cm, Pt

    forum = ws.charter.forum
    letter = Letter(title="Sidetal", subject="", municipality=forum.municipality, day=day, page_numbers=False)
    doc = new_document(letter)
    section = doc.sections[0]
    section.header.paragraphs[0].clear()
    section.footer_distance = Cm(0.6)
    section.bottom_margin = Cm(1.5)
    from .office import _page_numbers

    _page_numbers(doc)
    for run in section.footer.paragraphs[-1].runs:
        run.font.size = Pt(8)
    for n in range(pages):
        p = doc.add_paragraph(" ")
        p.paragraph_format.page_break_before = n > 0
    fixed_properties(doc, letter)
    return doc


def _layout(parts: list[Part]) -> None:
    """Each part's first page in the pack (after the cover). An item's heading points to its first piece, or to
    the agenda when the item has no pages of its own."""
    page = 0
    for part in parts:
        part.first = page
        page += part.pages
    for index, part in enumerate(parts):
        if part.pages == 0:
            children = []
            for later in parts[index + 1 :]:
                if later.level == 0:
                    break
                children.append(later)
            with_pages = [c for c in children if c.pages]
            part.first = with_pages[0].first if with_pages else parts[0].first


def _count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def write_board_pack(
    ws: Workspace,
    root: Path,
    meeting_id: str,
    out_dir: Path,
    day: date,
    changes: list[dict] | None = None,
    template: bytes | None = None,
) -> BoardPack:
    """Build the meeting's board pack as one PDF in ``out_dir``; needs LibreOffice (:class:`PdfUnavailable`)."""
    from .minutes import minutes_docx
    from .status_sheet import status_sheet_docx

    m = _meeting(ws, meeting_id)
    items = agenda_for(ws, meeting_id)
    if not items:
        raise InputError(
            "møde",
            meeting_id,
            f"mødet {da_date(m.date, False)} har ingen dagsorden endnu – der er intet at samle i en mødemappe",
        )
    attachments = _attachment_paths(root, ws, meeting_id)
    output_folder(out_dir, root, create=False)  # refused before any work: never into the workspace
    name = safe_filename(f"Mødemappe {safe_id(meeting_id)}.pdf")
    previous = previous_meeting(ws, meeting_id)
    previous = previous if previous is not None and previous.state in HELD_STATES else None
    work = Path(tempfile.mkdtemp(prefix="forumkit-mappe-"))
    try:
        parts: list[Part] = []

        def office(title: str, level: int, name: str, doc) -> None:
            path = work / f"{len(parts):03d} {name}.docx"
            save_docx(doc, path)
            parts.append(Part(title, level, source=path))

        office("Dagsorden", 0, "dagsorden", agenda_docx(ws, meeting_id, day, template, page_numbers=False))
        minutes_item = next(
            (i.number for i in items if "referat" in i.title.lower() and "godkend" in i.title.lower()), None
        )
        sheets_done: set[str] = set()
        if previous is not None and minutes_item is None:
            office(
                f"Referat af mødet {da_date(previous.date, False)} til godkendelse",
                0,
                "referat",
                minutes_docx(ws, previous.id, day, template, page_numbers=False),
            )
        for item in items:
            parts.append(Part(f"Punkt {item.number}. {item.title}", 0))
            if item.number == minutes_item and previous is not None:
                office(
                    f"Referat af mødet {da_date(previous.date, False)}",
                    1,
                    "referat",
                    minutes_docx(ws, previous.id, day, template, page_numbers=False),
                )
            for n, (title, path) in enumerate(attachments.get(item.number, []), start=1):
                if path.suffix.lower() == ".pdf":
                    parts.append(Part(f"Bilag {n}: {title}", 1, pdf=path))
                else:  # a readable name: LibreOffice's messages name the file
                    copy = work / safe_filename(f"{len(parts):03d} {title}{path.suffix.lower()}")
                    shutil.copyfile(path, copy)
                    parts.append(Part(f"Bilag {n}: {title}", 1, source=copy))
            for ident in item.initiatives:
                if ident in ws.initiative_by_id and ident not in sheets_done:
                    sheets_done.add(ident)
                    office(
                        f"Statusark: {ws.initiative_by_id[ident].title}",
                        1,
                        "statusark",
                        status_sheet_docx(ws, changes or [], ident, m.date, day, template),
                    )
        sources = [p.source for p in parts if p.source]
        made = {p.stem: p for p in to_pdf(sources, work / "pdf", day, guarded=False)}
        for part in parts:
            if part.source is not None:
                part.pdf = made[part.source.stem]
            part.pages = _count(part.pdf) if part.pdf else 0
        cover_pages, cover_pdf, stamp_pdf, total = 1, None, None, 0
        for _attempt in range(3):  # the cover lists page numbers, so its own length must be known
            _layout(parts)
            page = sum(part.pages for part in parts)
            total = cover_pages + page
            save_docx(_cover(ws, meeting_id, day, parts, cover_pages, template), work / "forside.docx")
            save_docx(_stamp(ws, total, day), work / "sidetal.docx")
            cover_pdf, stamp_pdf = to_pdf(
                [work / "forside.docx", work / "sidetal.docx"], work / "pdf2", day, guarded=False
            )
            if _count(cover_pdf) == cover_pages:
                break
            cover_pages = _count(cover_pdf)
        data = _join(ws, m, day, cover_pdf, parts, stamp_pdf, total)
        target = write_outputs(out_dir, {name: data}, root)[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    outline = (("Forside", 0, 1),) + tuple((p.title, p.level, p.first + cover_pages + 1) for p in parts)
    return BoardPack(target, total, outline)


def _join(ws: Workspace, m, day: date, cover: Path, parts: list[Part], stamp: Path, total: int) -> bytes:
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    sources = [(PdfReader(cover), "Forside", 0)]
    writer.append(sources[0][0], import_outline=False)
    cover_pages = len(writer.pages)
    for part in parts:
        if part.pdf is not None:
            reader = PdfReader(part.pdf)
            sources.append((reader, part.title, len(writer.pages)))
            writer.append(reader, import_outline=False)
    join_structure(writer, sources)  # the parts' tags, under one /Part each (pdf_structure)
    writer.add_outline_item(title="Forside", page_number=0)  # bookmarks once every page is in place
    parent = None
    for part in parts:
        if part.level == 0:
            parent = writer.add_outline_item(title=part.title, page_number=cover_pages + part.first)
        else:
            writer.add_outline_item(title=part.title, page_number=cover_pages + part.first, parent=parent)
    if len(writer.pages) != total:
        raise RuntimeError(f"board pack has {len(writer.pages)} pages, expected {total}")
    stamps = PdfWriter(clone_from=PdfReader(stamp))
    if len(stamps.pages) != total:
        raise RuntimeError(f"page-number overlay has {len(stamps.pages)} pages, the pack {total}")
    for page, overlay in zip(writer.pages, stamps.pages, strict=False):
        as_artifact(overlay)  # page numbers are pagination, not content: outside the structure
        width = float(page.mediabox.right) - float(page.mediabox.left)
        dx = float(page.mediabox.left) + width - float(overlay.mediabox.width)
        page.merge_transformed_page(overlay, Transformation().translate(dx, float(page.mediabox.bottom)))
    forum = ws.charter.forum
    writer.add_metadata(
        {
            "/Title": plain(f"Mødemappe – møde {da_date(m.date, False)}"),
            "/Subject": plain(f"Mødemappe til møde i {forum.name}"),
            "/Author": plain(forum.municipality),
            "/Creator": "forumkit",
            "/Producer": "forumkit",
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject("da-DK")
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )  # a reader shows the title, not the file name
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    digest = hashlib.md5(f"Mødemappe {m.id}".encode(), usedforsecurity=False)
    for path in [cover, stamp, *(p.pdf for p in parts if p.pdf is not None)]:  # each already reproducible
        digest.update(path.read_bytes())
    return fix_pdf(buffer.getvalue(), day, f"Mødemappe {m.id}", digest.digest())
