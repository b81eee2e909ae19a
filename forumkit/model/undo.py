"""Undoing the change log, the pure part shared by the rebuilt workspace (storage/history) and the progress
history (rules/rollup): where a day ends in the log, which entries one save wrote, and how the rows a save
removed go back to their places."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

__all__ = ["cutoff", "reinsert_removed", "save_runs"]


def cutoff(day: date) -> str:
    """The first log time stamp that lies after ``day`` (entries at or after it are undone)."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time()).isoformat()


def _mark(entry: dict) -> tuple:
    return entry.get("time"), entry.get("who"), entry.get("what"), entry.get("table")


def save_runs(entries: list[dict]) -> list[list[dict]]:
    """The entries (oldest first) in runs that one save of one table wrote (same time, who, what and table)."""
    runs: list[list[dict]] = []
    for entry in entries:
        if runs and _mark(runs[-1][0]) == _mark(entry):
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


def reinsert_removed(rows: list[list], run: list[dict], make: Callable[[str, dict[str, str]], Any]) -> None:
    """Put the rows one save removed back into ``rows`` ([key, value] in file order), each at the place it was
    logged with (lowest first, so each place is right when it is used); ``make(key, cells)`` gives the value, and
    a row it gives ``None`` for stays out."""
    removed = [e for e in run if e.get("op") == "remove" and isinstance(e.get("old"), dict)]
    for entry in sorted(removed, key=lambda e: e.get("at") if isinstance(e.get("at"), int) else len(rows)):
        value = make(entry.get("row"), {k: str(v or "") for k, v in entry["old"].items()})
        if value is None:
            continue
        place = entry.get("at")
        place = place if isinstance(place, int) and 0 <= place <= len(rows) else len(rows)
        rows.insert(place, [entry.get("row"), value])
