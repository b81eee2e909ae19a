"""Personal data: purge contact details past their retention date from the data, the change log and
forumkit's own exports in the workspace – in one transaction, so a crash leaves all of it or none."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..model.charter import CHARTER_FILE
from ..model.tables import TABLES, edit
from ..model.workspace import Workspace
from ..storage.atomic import TEMP_SUFFIX
from ..storage.outputs import LEDGER, made_here, rehashed_ledger
from ..storage.store import CHANGES_FILE, Store, load_workspace
from .roster import forget_plan
from .scrub import (
    PURGED,
    contact_values,
    has_value,
    listed_contacts,
    scrub_export,
    scrub_log,
)

__all__ = ["EXPORT_FOLDER", "ForgetReport", "PURGED", "forget"]

EXPORT_FOLDER = "eksport"  # where the screens write lists, invitations, minutes and the annual status
_DATA_FILES = {CHARTER_FILE, CHANGES_FILE, *(spec.file for spec in TABLES.values())}


@dataclass
class ForgetReport:
    """What ``forget`` removed (or, in a dry run, would remove)."""

    plan: list[tuple[str, str, str, date]] = field(default_factory=list)  # (table, id, name, purge date)
    log_entries: int = 0  # change-log entries whose values were replaced
    torn_entries: int = 0  # torn or unreadable log lines scrubbed
    exports: list[str] = field(default_factory=list)  # export files scrubbed (relative to the workspace)
    temp_files: list[str] = field(default_factory=list)  # half-written temp files holding a value, removed
    left: list[str] = field(default_factory=list)  # files that still hold a value forumkit may not change
    # (the user's own, one changed since forumkit made it, a kind forumkit cannot scrub, a file outside eksport/)

    def __bool__(self) -> bool:
        return bool(self.plan or self.log_entries or self.torn_entries or self.exports or self.temp_files or self.left)

    def lines(self, dry_run: bool = False) -> list[str]:
        """The report in Danish, one line per thing removed."""
        verb = "ville blive slettet" if dry_run else "er slettet"
        out = [f"{row_id} {name}: e-mail og telefon {verb} (frist {due})" for _, row_id, name, due in self.plan]
        if self.log_entries:
            out.append(
                f"Ændringsloggen: {self.log_entries} linje(r) med slettede oplysninger "
                f"{'ville blive renset' if dry_run else 'er renset'}"
            )
        if self.torn_entries:
            out.append(
                f"Ændringsloggen: {self.torn_entries} afbrudt(e) linje(r) "
                f"{'ville blive renset' if dry_run else 'er renset'}"
            )
        out += [f"Eksport: {name} {'ville blive renset' if dry_run else 'er renset'}" for name in self.exports]
        out += [
            f"Midlertidig fil: {name} {'ville blive fjernet' if dry_run else 'er fjernet'}" for name in self.temp_files
        ]
        holds = "oplysninger, der skal slettes, men" if dry_run else "stadig slettede oplysninger og"
        out += [
            f"OBS: {name} indeholder {holds} ændres ikke – forumkit retter kun filer, den selv har lavet og "
            "ingen har ændret siden; ret eller slet filen selv"
            for name in self.left
        ]
        return out


def _past_retention(ws: Workspace, day: date) -> set[tuple[str, str]]:
    """Every row past retention, with or without contact details left (a rerun scrubs their residue)."""
    keep = timedelta(days=ws.charter.terms.contact_retention_days)
    return {
        (table, row.id)
        for table, rows in (("members", ws.members), ("secretariat", ws.secretariat))
        for row in rows
        if row.end and row.end + keep < day
    }


def _purge(ws: Workspace, targets: set[tuple[str, str]]) -> Workspace:
    for table in ("members", "secretariat"):
        rows = [
            edit(r, email=None, phone=None) if (table, r.id) in targets and (r.email or r.phone) else r
            for r in ws.table(table)
        ]
        ws = ws.with_table(table, rows)
    return ws


def _values(old: Workspace, new: Workspace, targets: set[tuple[str, str]], log: bytes, root: Path) -> set[str]:
    """The purged values: the targets' e-mail and phone now, in the log's history and in the contact lists in
    the export folder (found by name), except a value another row still holds (a shared switchboard number)."""
    values = {
        v
        for table, rows in (("members", old.members), ("secretariat", old.secretariat))
        for r in rows
        if (table, r.id) in targets
        for v in (r.email, r.phone)
        if v
    }
    values |= contact_values(_entries(log), targets)
    people = {
        r.name
        for table, rows in (("members", old.members), ("secretariat", old.secretariat))
        for r in rows
        if (table, r.id) in targets
    }
    exports = root / EXPORT_FOLDER
    for path in _files(exports) if people and exports.is_dir() else []:
        try:
            values |= listed_contacts(path.name, path.read_bytes(), people)
        except OSError:
            continue
    still = {
        v
        for table, rows in (("members", new.members), ("secretariat", new.secretariat))
        for r in rows
        if (table, r.id) not in targets
        for v in (r.email, r.phone)
        if v
    }
    return {v for v in values - still if len(v) >= 5}  # a stray 'x' is no contact detail to hunt for


def _entries(log: bytes) -> list[dict]:
    out = []
    for raw in log.split(b"\n"):
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        if isinstance(entry, dict):
            out.append(entry)
    return out


def _files(root: Path) -> list[Path]:
    """Every file under ``root``, not following links, nor entering hidden folders (a .git history cannot be
    scrubbed by forumkit; see docs/workspace.md)."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [Path(folder) / n for n in names if not os.path.islink(os.path.join(folder, n))]
    return sorted(out)


def _sweep(root: Path, values: set[str], report: ForgetReport) -> dict[str, bytes | None]:
    """forumkit's own exports in the export folder scrubbed (those its folder's ledger names with their
    current bytes), temp files holding a value removed; every other file holding a value – the user's own,
    one changed since forumkit made it, one elsewhere – is named in the report, never changed."""
    out: dict[str, bytes | None] = {}
    if not values:
        return out
    exports = root / EXPORT_FOLDER
    rewritten: dict[Path, dict[str, tuple[bytes, bytes]]] = {}  # folder → its files forumkit scrubs here
    for path in _files(root):
        name = path.relative_to(root).as_posix()
        if path.parent == root and (path.name in _DATA_FILES or path.name.startswith(".forumkit")):
            continue  # the data files, the log and the lock/journal: handled by the save itself
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if not has_value(path.name, data, values):
            continue
        if path.name.endswith(TEMP_SUFFIX):
            out[name] = None
            report.temp_files.append(name)
            continue
        ours = path.is_relative_to(exports) and made_here(path, data)
        clean = scrub_export(path.name, data, values) if ours else None
        if clean is not None and not has_value(path.name, clean, values):
            out[name] = clean
            report.exports.append(name)
            rewritten.setdefault(path.parent, {})[path.name] = (data, clean)
        else:
            report.left.append(name)
    for folder, changed in rewritten.items():  # forumkit's ledger learns the scrubbed files, in the same save,
        ledger = rehashed_ledger(folder, changed)  # so the next export may update them (they are still its own)
        if ledger is not None:
            out[(folder / LEDGER).relative_to(root).as_posix()] = ledger
    return out


def forget(store: Store, day: date, *, dry_run: bool = False) -> ForgetReport:
    """Purge e-mail and phone of people past retention; keep name, organisation and seat history. The data,
    the change log (torn lines included) and forumkit's exports in ``eksport/`` are scrubbed in one
    transaction; a rerun finds and removes any residue."""
    report = ForgetReport()

    def scan(old: Workspace, new: Workspace, log: bytes) -> dict[str, bytes | None]:
        targets = _past_retention(old, day)
        values = _values(old, new, targets, log, store.root)
        on_disk = scrub_log(_read_log(store.root), targets, values)  # counted without this save's own entries
        report.log_entries, report.torn_entries = on_disk.entries, on_disk.torn
        scrubbed = scrub_log(log, targets, values)
        files: dict[str, bytes | None] = {}
        if scrubbed.data != log:
            files[CHANGES_FILE] = scrubbed.data
        files.update(_sweep(store.root, values, report))
        return files

    if dry_run:  # reads only: a save a crash interrupted is read through, not finished
        ws = load_workspace(store.root)
        report.plan = forget_plan(ws, day)
        scan(ws, _purge(ws, _past_retention(ws, day)), _read_log(store.root))
        return report

    def purge(ws: Workspace) -> Workspace:
        report.plan = forget_plan(ws, day)
        return _purge(ws, _past_retention(ws, day))

    store.update(purge, what="GDPR: kontaktoplysninger slettet", also=scan)
    return report


def _read_log(root: Path) -> bytes:
    try:
        return (root / CHANGES_FILE).read_bytes()
    except FileNotFoundError:
        return b""
