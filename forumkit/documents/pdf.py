"""PDF through LibreOffice headless: tagged PDF/A-2b with embedded fonts, several files per call, a private
profile per run, a time limit; then fixed dates and ids (pypdf), so the same data gives the same PDF."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from ..model.errors import ForumkitError
from ..storage.atomic import write_atomic
from ..storage.outputs import write_outputs

__all__ = [
    "INSTALL_HINT",
    "PdfUnavailable",
    "convertible",
    "find_soffice",
    "fix_pdf",
    "screen_note",
    "to_pdf",
    "with_pdfs",
]

INSTALL_HINT = (
    "PDF-filerne kræver LibreOffice, som ikke er installeret. Installér det med "
    "'sudo apt-get install libreoffice-writer-nogui libreoffice-impress-nogui' (Debian/Ubuntu) "
    "eller fra libreoffice.org, og kør kommandoen igen."
)
SCREEN_HINT = (
    "Der er ingen PDF-filer, fordi LibreOffice ikke er installeret på serveren; Word- og "
    "PowerPoint-filerne er lavet. Bed jeres it-afdeling installere LibreOffice "
    "(libreoffice-writer-nogui og libreoffice-impress-nogui), så kommer PDF'erne med næste gang."
)
TIMEOUT = 240  # seconds for one soffice call (a cold start on a busy machine takes ~10 s)

_FILTERS = {  # file kind → LibreOffice's PDF export filter
    ".docx": "writer_pdf_Export",
    ".dotx": "writer_pdf_Export",
    ".doc": "writer_pdf_Export",
    ".odt": "writer_pdf_Export",
    ".rtf": "writer_pdf_Export",
    ".txt": "writer_pdf_Export",
    ".pptx": "impress_pdf_Export",
    ".ppt": "impress_pdf_Export",
    ".odp": "impress_pdf_Export",
    ".xlsx": "calc_pdf_Export",
    ".xls": "calc_pdf_Export",
    ".ods": "calc_pdf_Export",
}
_OPTIONS = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "SelectPdfVersion": {"type": "long", "value": "2"},  # PDF/A-2b: fonts embedded, archivable
    "ExportBookmarks": {"type": "boolean", "value": "true"},
    "ExportNotes": {"type": "boolean", "value": "false"},
}


class PdfUnavailable(ForumkitError):
    """LibreOffice is missing or failed; the Word and PowerPoint files are made all the same."""


def find_soffice() -> str | None:
    """LibreOffice's command: FORUMKIT_SOFFICE, else soffice or libreoffice on PATH."""
    chosen = os.environ.get("FORUMKIT_SOFFICE")
    if chosen is not None:
        return chosen if chosen and shutil.which(chosen) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def screen_note(reason: str) -> str:
    """Why there is no PDF, as a screen says it: no terminal command to run, and the Word and PowerPoint files are
    there all the same."""
    if reason == INSTALL_HINT:
        return SCREEN_HINT
    return f"Der er ingen PDF-filer: {reason.rstrip('.')}. Word- og PowerPoint-filerne er lavet."


def convertible(path: Path) -> bool:
    return Path(path).suffix.lower() in _FILTERS


def to_pdf(
    sources: list[Path],
    out_dir: Path,
    day: date,
    timeout: float = TIMEOUT,
    workspace: Path | None = None,
    guarded: bool = True,
) -> list[Path]:
    """Convert office files to PDFs named like them in ``out_dir`` (one soffice call for all), written
    by the output rules (never into ``workspace``, never over a file forumkit did not make); ``guarded=False``
    for a folder forumkit is building itself (a bundle's staging folder, a board pack's work folder).

    Raises :class:`PdfUnavailable` with a Danish message when LibreOffice is missing, fails or hangs."""
    command = find_soffice()
    if command is None:
        raise PdfUnavailable(INSTALL_HINT)
    sources = [Path(s).resolve() for s in sources]
    stems = [s.stem for s in sources]
    if len(set(stems)) != len(stems):
        raise ValueError("two sources with the same name would give the same PDF")
    out_dir = Path(out_dir)
    work = Path(tempfile.mkdtemp(prefix="forumkit-pdf-"))
    try:
        groups: dict[str, list[Path]] = {}
        for source in sources:
            if not convertible(source):
                raise PdfUnavailable(f"{source.name} kan ikke laves om til PDF")
            groups.setdefault(_FILTERS[source.suffix.lower()], []).append(source)
        # One call for every file (LibreOffice picks each file's own PDF export for the filter named: a second
        # start costs seconds); should a version not do so, the files it left out get a call per kind of file.
        _run(command, next(iter(groups)), sources, work, timeout)
        for export, files in groups.items():
            left = [f for f in files if not (work / "ud" / f"{f.stem}.pdf").is_file()]
            if left and len(groups) > 1:
                _run(command, export, left, work, timeout)
        missing = [s.name for s in sources if not (work / "ud" / f"{s.stem}.pdf").is_file()]
        if missing:  # all or nothing: no PDF is written when one of them failed
            raise PdfUnavailable(f"LibreOffice lavede ingen PDF af {', '.join(missing)}")
        fixed = {f"{s.stem}.pdf": fix_pdf((work / "ud" / f"{s.stem}.pdf").read_bytes(), day, s.name) for s in sources}
        if guarded:
            return write_outputs(out_dir, fixed, workspace)
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, data in fixed.items():
            write_atomic(out_dir / name, data)
        return [out_dir / name for name in fixed]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(command: str, export: str, files: list[Path], work: Path, timeout: float) -> None:
    profile = work / "profil"  # a private profile: parallel runs never share LibreOffice's lock
    args = [
        command,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        f"pdf:{export}:{json.dumps(_OPTIONS, separators=(',', ':'))}",
        "--outdir",
        str(work / "ud"),
        *map(str, files),
    ]
    env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
    try:  # its own process group, so a hung conversion is ended with every process LibreOffice started
        process = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
    except OSError as exc:
        raise PdfUnavailable(f"LibreOffice kunne ikke startes ({exc.strerror}). {INSTALL_HINT}") from None
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise PdfUnavailable(
            f"LibreOffice svarede ikke inden for {int(timeout)} sekunder – PDF'en er ikke lavet; prøv igen"
        ) from None
    except BaseException:
        _kill_group(process)
        raise
    if process.returncode != 0:
        tail = (stderr or stdout).decode("utf-8", "replace").strip().splitlines()[-1:]
        raise PdfUnavailable("LibreOffice kunne ikke lave PDF'en" + (f": {tail[0]}" if tail else ""))


def _kill_group(process: subprocess.Popen) -> None:
    import signal

    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)[^<]*(</xmp:)")
_UUID = re.compile(rb"uuid:[0-9a-fA-F-]{36}")


def fix_pdf(data: bytes, day: date, name: str, digest: bytes | None = None) -> bytes:
    """The same PDF with its dates set to ``day`` and its /ID and XMP uuids derived from its content (or from
    ``digest``), so a conversion is reproducible and PDF/A's two copies of the metadata agree; its language is
    Danish (a screen reader reads it with a Danish voice)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    stamp = f"D:{day:%Y%m%d}000000Z"
    info = {k: v for k, v in (reader.metadata or {}).items()}
    info.update({"/CreationDate": stamp, "/ModDate": stamp})
    writer.add_metadata(info)
    if digest is None:
        digest = hashlib.md5(
            name.encode("utf-8") + b"\0" + b"".join((p.extract_text() or "").encode("utf-8") for p in reader.pages),
            usedforsecurity=False,
        ).digest()
    digest = digest[:16]
    root = writer._root_object
    root[NameObject("/Lang")] = TextStringObject("da-DK")  # Impress writes its UI language, not the slides'
    metadata = root.get("/Metadata")
    if metadata is not None:
        stream = metadata.get_object()
        xmp = _XMP_DATE.sub(rb"\g<1>" + f"{day:%Y-%m-%d}T00:00:00Z".encode() + rb"\g<2>", stream.get_data())
        xmp = _UUID.sub(f"uuid:{_uuid(digest)}".encode(), xmp)
        stream.set_data(xmp)
    for intent in root.get("/OutputIntents") or []:
        profile = intent.get_object().get("/DestOutputProfile")
        if profile is not None:  # an ICC profile carries its creation time in its header (bytes 24–35)
            stream = profile.get_object()
            icc = bytearray(stream.get_data())
            if len(icc) >= 100:
                icc[24:36] = b"".join(n.to_bytes(2, "big") for n in (day.year, day.month, day.day, 0, 0, 0))
                icc[84:100] = bytes(16)  # the profile id is optional; zero means "not computed"
                stream.set_data(bytes(icc))
    writer.pdf_header = reader.pdf_header
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _uuid(digest: bytes) -> str:
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def with_pdfs(paths: list[Path], day: date, workspace: Path | None = None) -> tuple[list[Path], str | None]:
    """``paths`` plus the PDFs of its Word/PowerPoint files (one call), or the Danish reason there are none."""
    office = [p for p in paths if convertible(p) and p.suffix.lower() != ".txt"]
    if not office:
        return list(paths), None
    try:
        return list(paths) + to_pdf(office, Path(office[0]).parent, day, workspace=workspace), None
    except PdfUnavailable as exc:
        return list(paths), str(exc)
