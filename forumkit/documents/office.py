"""Shared Word (python-docx) helpers: fixed document properties and plain paragraphs from user text."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from ..storage.atomic import write_atomic

__all__ = ["docx_bytes", "fixed_properties", "normalized_zip", "plain", "save_docx"]


def plain(text: object) -> str:
    """User text as plain Word text: control characters (illegal in XML) removed."""
    return "".join(ch for ch in str(text or "") if ch in "\t\n" or ord(ch) >= 32)


def fixed_properties(doc, title: str, day: date) -> None:
    """Author, title and dates fixed by the data, so the same data gives the same document."""
    props = doc.core_properties
    props.author = props.last_modified_by = "forumkit"
    props.title = plain(title)
    props.created = props.modified = datetime(day.year, day.month, day.day)
    props.revision = 1


def docx_bytes(doc) -> bytes:
    """A Word document's file content (normalized), for writing it together with other files."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())


def save_docx(doc, path: Path) -> Path:
    write_atomic(Path(path), docx_bytes(doc))
    return Path(path)


def normalized_zip(data: bytes) -> bytes:
    """Rewrite an Office file (a zip) with fixed timestamps and order, so equal content gives equal bytes."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
