"""What a screen made, offered as downloads in the page: one link per file and, for several, one zip.

The files travel inside the page as ``data:`` links (``<a download href="data:…;base64,…">``) in an HTML
widget. That needs no file server: it works the same in JupyterLab, in Voilà (which serves files only under
its own root) and behind JupyterHub's proxy (whose URL prefix a server link would have to know), and the user
never sees a server path. It costs the file's size a third more in the page; forumkit's largest result, the
annual status (38 files, ~1,7 MB, zip ~1,4 MB), is ~4 MB in the page. A file above :data:`MAX_INLINE` is
named but not linked (it stays in the workspace's export folder)."""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path, PurePosixPath

import ipywidgets as w

from ..model.danish import da_number

__all__ = ["Downloads", "MAX_INLINE", "download_html", "file_size", "reproducible_zip"]

MAX_INLINE = 64 * 1024 * 1024  # bytes of one file (or the zip) put into the page; above it the file is only named
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the zip's one timestamp: equal files give an equal zip
_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".ics": "text/calendar",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".csv": "text/csv",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}
_LINK = (
    "display:inline-block;margin:2px 6px 2px 0;padding:3px 10px;border:1px solid #2166ac;"
    "border-radius:4px;color:#2166ac;text-decoration:none;background:#fff"
)


def file_size(size: int) -> str:
    """'512 byte', '97 kB', '1,4 MB' (Danish decimal comma)."""
    if size < 1000:
        return f"{size} byte"
    if size < 1_000_000:
        return f"{da_number(round(size / 1000))} kB"
    return f"{da_number(size / 1_000_000, 1)} MB"


def reproducible_zip(files: Mapping[str, bytes]) -> bytes:
    """A zip of ``{name inside the zip: bytes}`` with fixed timestamps, modes and order: equal input, equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever the server runs on
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return out.getvalue()


def _link(name: str, data: bytes, label: str | None = None) -> str:
    shown = escape(label or name)
    if len(data) > MAX_INLINE:
        return (
            f"<span>{shown} ({file_size(len(data))}) – for stor til at hente her; den ligger i "
            f"arbejdsområdets eksportmappe</span>"
        )
    kind = _TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")
    href = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
    return (
        f"<a class='fk-download' style='{_LINK}' download='{escape(PurePosixPath(name).name)}' "
        f"href='{href}' title='Hent {shown}'>⬇ {shown}</a> <small>({file_size(len(data))})</small>"
    )


def download_html(headline: str, files: Sequence[tuple[str, bytes]], zip_name: str | None = None) -> str:
    """The links for ``files`` (name shown – may hold a sub-folder – and bytes); with ``zip_name`` the files
    come first as one zip and then one by one, folded away."""
    if not files:
        return ""
    parts = [f"<div class='fk-downloads' role='region' aria-label='{escape(headline)}'><b>{escape(headline)}</b><br>"]
    singles = "".join(f"<li>{_link(name, data)}</li>" for name, data in files)
    if zip_name:  # the documents themselves before the files in sub-folders (the charts)
        ordered = sorted(files, key=lambda f: "/" in f[0])
        singles = "".join(f"<li>{_link(name, data)}</li>" for name, data in ordered)
        parts.append(_link(zip_name, reproducible_zip(dict(files))))
        parts.append(
            f"<details><summary>Enkeltfiler ({len(files)})</summary><ul style='list-style:none;"
            f"padding-left:8px;display:flex;flex-wrap:wrap;gap:0 12px'>{singles}</ul></details>"
        )
    else:
        parts.append(f"<ul style='list-style:none;padding-left:0;margin:2px 0'>{singles}</ul>")
    parts.append("</div>")
    return "".join(parts)


class Downloads(w.HTML):
    """The place under a button where what it made can be downloaded. ``offer(paths)`` after the work,
    ``clear()`` when it no longer applies. ``files`` holds what is offered (name, bytes), for tests."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.files: list[tuple[str, bytes]] = []
        self.zip_name: str | None = None

    def offer(
        self,
        paths: Sequence[Path],
        headline: str = "Hent filerne",
        *,
        base: Path | None = None,
        zip_name: str | None = None,
    ) -> None:
        """Offer ``paths`` (as made on the server). Names are shown relative to ``base`` when given (a
        bundle's sub-folders), else as the file name; with ``zip_name`` also as one zip."""
        files = []
        for path in paths:
            path = Path(path)
            name = path.relative_to(base).as_posix() if base is not None else path.name
            files.append((name, path.read_bytes()))
        self.files, self.zip_name = files, zip_name
        self.value = download_html(headline, files, zip_name)

    def zip_bytes(self) -> bytes | None:
        return reproducible_zip(dict(self.files)) if self.zip_name else None

    def clear(self) -> None:
        self.files, self.zip_name = [], None
        self.value = ""
