"""Making typed text safe where it is exported: spreadsheet formulas, file names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import InputError

__all__ = ["FORMULA_TRIGGERS", "csv_cell", "safe_filename", "safe_output_path", "uncsv_cell"]

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


def safe_filename(text: str, default: str = "fil") -> str:
    """A file name built from user text that stays in its folder on Windows, macOS and Linux."""
    name = unicodedata.normalize("NFC", text).replace("\x00", "")
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name)
    name = re.sub(r"_{2,}", "_", re.sub(r"\.{2,}", "", name))
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = re.sub(r"^\.+", "", name)[:120].strip(" .")
    if not name or name.split(".")[0].upper() in _RESERVED:
        name = f"{default}_{name}" if name else default
    return name


def safe_output_path(folder: Path, name: str) -> Path:
    """The path of ``name`` (made safe) inside ``folder``; refuses anything that would leave it."""
    folder = Path(folder).resolve()
    target = (folder / safe_filename(name)).resolve()
    if target.parent != folder:
        raise InputError("filnavn", name, f"filnavnet '{name}' peger uden for mappen {folder}")
    return target
