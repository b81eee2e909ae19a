"""Making typed text safe where it is exported: spreadsheet formulas, file names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from .errors import InputError

__all__ = ["FORMULA_TRIGGERS", "csv_cell", "safe_filename", "safe_id", "safe_output_path", "uncsv_cell"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _guarded(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_TRIGGERS)


def csv_cell(text: str) -> str:
    """OWASP's rule for CSV: a cell that starts like a formula gets a leading apostrophe.

    Text that already starts with apostrophes before a trigger gets one more, so :func:`uncsv_cell`
    can always take exactly one off again: the round trip is lossless."""
    return "'" + text if _guarded(text) else text


def uncsv_cell(text: str) -> str:
    """Undo :func:`csv_cell` on import, so an exported sheet round-trips without loss."""
    return text[1:] if text.startswith("'") and _guarded(text[1:]) else text


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
MAX_NAME = 120  # characters, extension included
MAX_BYTES = 240  # UTF-8 bytes: under the 255 every common file system allows


def _tag(text: str) -> str:
    return "~" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _clean(text: str) -> str:
    """``text`` without path separators, reserved or control characters, runs of dots, or end dots."""
    name = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    name = re.sub(r'[\\/:*?"<>|]+', "_", name)
    name = re.sub(r"_{2,}", "_", re.sub(r"\.{2,}", "", name))
    return re.sub(r"\s+", " ", name).strip(" .")


def safe_filename(text: str, default: str = "fil") -> str:
    """A file name built from user text that stays in its folder on Windows, macOS and Linux.

    The extension (``.docx``) is always kept; a name too long is cut and tagged with a hash of the whole
    text, so two long names never become one."""
    text = unicodedata.normalize("NFC", text)
    match = _EXTENSION.search(text)
    stem, ext = (text[: match.start()], match.group()) if match and _clean(text[: match.start()]) else (text, "")
    name = _clean(stem)
    if not name or name.split(".")[0].upper() in _RESERVED:
        name = f"{default}_{name}" if name else default
    if len(name) + len(ext) > MAX_NAME or len((name + ext).encode("utf-8")) > MAX_BYTES:
        tag = _tag(stem)
        name = name[: MAX_NAME - len(ext) - len(tag)]
        while len((name + tag + ext).encode("utf-8")) > MAX_BYTES:
            name = name[:-1]
        name = name.rstrip(" .") + tag
    return name + ext


def safe_id(text: str) -> str:
    """An id as part of a file name: unchanged when already safe, else made safe and tagged with a hash
    of the id itself, so two ids (``M-1`` and ``M-1.``, ``A/B`` and ``A_B``) never share a file. An id holding
    the tag's mark ``~`` is tagged too, so it cannot pass for another id's tagged name (``A_B~…`` for ``A/B``)."""
    clean = _clean(unicodedata.normalize("NFC", text))
    return text if clean == text and "~" not in text else f"{clean}{_tag(text)}"


def safe_output_path(folder: Path, name: str) -> Path:
    """The path of ``name`` (made safe) inside ``folder``; refuses anything that would leave it."""
    folder = Path(folder).resolve()
    target = (folder / safe_filename(name)).resolve()
    if target.parent != folder:
        raise InputError("filnavn", name, f"filnavnet '{name}' peger uden for mappen {folder}")
    return target
