"""Scrubbing purged contact details out of the change log and out of forumkit's own exports (pure functions).

The log is scrubbed by structure (entries about a forgotten row's e-mail or phone) and by value (a known
purged value anywhere in a line, torn lines included). Exports are scrubbed by value: text files directly,
Office files (xlsx, docx, pptx: zip archives of XML) member by member.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from xml.sax.saxutils import escape

__all__ = [
    "LogScrub",
    "PURGED",
    "contact_values",
    "has_value",
    "listed_contacts",
    "scrub_export",
    "scrub_log",
]

PURGED = "[slettet]"
CONTACT_FIELDS = ("email", "telefon")
TEXT_SUFFIXES = {".csv", ".txt", ".ics", ".md", ".eml", ".json", ".html", ".htm", ".tsv", ".xml", ".vcf"}
ZIP_SUFFIXES = {".xlsx", ".docx", ".pptx"}
_VALUE_IN_RAW = re.compile(r'("(?:old|new)":\s*")((?:[^"\\]|\\.)*)("|$)')


@dataclass(frozen=True)
class LogScrub:
    data: bytes
    entries: int  # whole entries whose values were replaced
    torn: int  # torn or unreadable lines scrubbed


def _pattern(values: Collection[str], folded: bool = False) -> re.Pattern[bytes] | None:
    """The values as whole words (not inside a longer address or number); ``folded`` also matches them cut
    by an iCalendar line fold (CRLF + space) anywhere."""
    if not values:
        return None
    parts = []
    for value in sorted(values, key=len, reverse=True):
        chars = [re.escape(c.encode("utf-8")) for c in value]
        parts.append((rb"(?:\r?\n[ \t])?".join(chars)) if folded else b"".join(chars))
    return re.compile(rb"(?<![\w.@+-])(?:" + b"|".join(parts) + rb")(?![\w@-]|\.\w)")


def contact_values(entries: list[dict], targets: Collection[tuple[str, str]]) -> set[str]:
    """The e-mail and phone values the log holds for ``targets`` (table, row id)."""
    out = set()
    for entry in entries:
        if (entry.get("table"), entry.get("row")) in targets and entry.get("field") in CONTACT_FIELDS:
            out.update(v for v in (entry.get("old"), entry.get("new")) if isinstance(v, str) and v and v != PURGED)
    return out


def scrub_log(data: bytes, targets: Collection[tuple[str, str]], values: Collection[str]) -> LogScrub:
    """The log with the forgotten rows' e-mail and phone replaced by :data:`PURGED` (the entries stay)."""
    pattern = _pattern(values)
    out, entries, torn = [], 0, 0
    lines = data.split(b"\n")
    for _n, raw in enumerate(lines):
        if not raw.strip():
            out.append(raw)
            continue
        try:
            entry = json.loads(raw)
        except ValueError:
            entry = None
        if isinstance(entry, dict) and entry.get("op") != "torn":
            hit = (entry.get("table"), entry.get("row")) in targets and entry.get("field") in CONTACT_FIELDS
            if hit and any(entry.get(k) not in (None, PURGED) for k in ("old", "new")):
                entry["old"] = PURGED if entry.get("old") else None
                entry["new"] = PURGED if entry.get("new") else None
                raw = json.dumps(entry, ensure_ascii=False).encode("utf-8")
                entries += 1
            if pattern is not None and pattern.search(raw):  # a purged value in another field
                raw = json.dumps(_scrub_values(entry, values), ensure_ascii=False).encode("utf-8")
                entries += 1
            out.append(raw)
            continue
        if isinstance(entry, dict):  # a torn entry: scrub the text it keeps
            text = entry.get("raw", "")
            clean = _scrub_raw(text, targets, pattern)
            if clean != text:
                entry["raw"] = clean
                raw = json.dumps(entry, ensure_ascii=False).encode("utf-8")
                torn += 1
            out.append(raw)
            continue
        clean = _scrub_raw(raw.decode("utf-8", "replace"), targets, pattern).encode("utf-8")
        if clean != raw.decode("utf-8", "replace").encode("utf-8"):  # an unreadable line (or a torn last one)
            raw = clean
            torn += 1
        out.append(raw)
    return LogScrub(b"\n".join(out), entries, torn)


def _scrub_values(entry: dict, values: Collection[str]):
    """Every string in an entry with the purged values replaced."""
    if isinstance(entry, dict):
        return {k: _scrub_values(v, values) for k, v in entry.items()}
    if isinstance(entry, list):
        return [_scrub_values(v, values) for v in entry]
    if isinstance(entry, str):
        pattern = _pattern(values)
        return pattern.sub(PURGED.encode("utf-8"), entry.encode("utf-8")).decode("utf-8") if pattern else entry
    return entry


def _scrub_raw(text: str, targets: Collection[tuple[str, str]], pattern: re.Pattern[bytes] | None) -> str:
    """A line a crash cut short: its old/new values go when it is about a forgotten row's contact field
    (even a value cut in half), and every known purged value goes wherever it stands."""
    about = any(f'"table": "{table}"' in text and f'"row": "{row}"' in text for table, row in targets)
    field = re.search(r'"field":\s*"(?:' + "|".join(CONTACT_FIELDS) + r')"', text)
    if about and field:
        head, tail = text[: field.end()], text[field.end() :]
        text = head + _VALUE_IN_RAW.sub(lambda m: m.group(1) + (PURGED if m.group(2) else "") + m.group(3), tail)
    if pattern is not None:
        text = pattern.sub(PURGED.encode("utf-8"), text.encode("utf-8")).decode("utf-8", "replace")
    return text


def has_value(name: str, data: bytes, values: Collection[str]) -> bool:
    """Whether a file holds one of ``values``: in its bytes, or in an Office file's text."""
    folded = _pattern(values, folded=True)
    if folded is None:
        return False
    if folded.search(data):
        return True
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for info in archive.infolist():
                    text = re.sub(rb"<[^>]*>", b"", archive.read(info))
                    if folded.search(text) or folded.search(archive.read(info)):
                        return True
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
            return False
    return False


def scrub_export(name: str, data: bytes, values: Collection[str]) -> bytes | None:
    """An export with the purged values replaced by :data:`PURGED`, or None when it holds none (or is of a
    kind forumkit does not write and cannot be scrubbed safely)."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in TEXT_SUFFIXES:
        pattern = _pattern(values, folded=True)
        if pattern is None or not pattern.search(data):
            return None
        return pattern.sub(PURGED.encode("utf-8"), data)
    if suffix in ZIP_SUFFIXES:
        return _scrub_zip(data, values)
    return None


def _scrub_zip(data: bytes, values: Collection[str]) -> bytes | None:
    pattern = _pattern([escape(v, {'"': "&quot;"}) for v in values] + list(values))
    if pattern is None:
        return None
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return None
    changed = False
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = source.read(info)
            if pattern.search(member):
                member = pattern.sub(PURGED.encode("utf-8"), member)
                changed = True
            target.writestr(info, member, compress_type=info.compress_type)
    return out.getvalue() if changed else None


_NAME_HEADERS = {"navn", "name"}
_CONTACT_HEADERS = {"e-mail", "email", "telefon", "phone", "tlf", "tlf."}


def listed_contacts(name: str, data: bytes, people: Collection[str]) -> set[str]:
    """The e-mail and phone cells of ``people`` (by name) in a contact list forumkit exported (xlsx or csv):
    how a list written after a purge, from data loaded before it, is found once the log no longer holds the
    values."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if suffix == "xlsx":
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            tables = [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
            book.close()
        elif suffix == "csv":
            text = data.decode("utf-8-sig")
            dialect = ";" if text.count(";") >= text.count(",") else ","
            tables = [list(csv.reader(io.StringIO(text), delimiter=dialect))]
        else:
            return set()
    except Exception:  # a file that does not open as a list holds no list
        return set()
    wanted = {p.strip().casefold() for p in people}
    out: set[str] = set()
    for rows in tables:
        header = None
        for row in rows:
            cells = ["" if c is None else str(c).lstrip("'").strip() for c in row]
            lower = [c.casefold() for c in cells]
            if header is None:
                if any(c in _NAME_HEADERS for c in lower) and any(c in _CONTACT_HEADERS for c in lower):
                    header = lower
                continue
            named = [i for i, h in enumerate(header) if h in _NAME_HEADERS]
            if any(i < len(lower) and lower[i] in wanted for i in named):
                out.update(
                    cells[i]
                    for i, h in enumerate(header)
                    if h in _CONTACT_HEADERS and i < len(cells) and cells[i] and cells[i] != PURGED
                )
    return out
