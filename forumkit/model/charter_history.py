"""The charter's dated revisions (``charter_history.jsonl``): which kommissorium was in force on a day.

``forum.toml`` is always the newest revision. The history holds every revision with the day it takes effect
(``gælder_fra``; empty for the charter the forum started with), so a check "as of" an earlier day uses the
charter in force then: a seat added in a revision is not vacant in the years before it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from .charter import Charter, parse_charter
from .errors import DataProblem

__all__ = ["HISTORY_FILE", "Revision", "charter_on", "history_line", "parse_history"]

HISTORY_FILE = "charter_history.jsonl"


@dataclass(frozen=True)
class Revision:
    """One version of the kommissorium and the first day it applies (None: from the forum's start)."""

    effective: date | None
    charter: Charter
    saved: str = ""
    who: str = ""
    note: str = ""


def history_line(text: str, effective: date | None, saved: str, who: str, note: str) -> bytes:
    """One revision as a line of the history file."""
    entry = {
        "gælder_fra": effective.isoformat() if effective else None,
        "gemt": saved,
        "af": who,
        "note": note,
        "kommissorium": text,
    }
    return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")


def parse_history(data: bytes | None) -> tuple[tuple[Revision, ...], list[DataProblem]]:
    """Every revision in the file, or the problems (line by line, in Danish)."""
    if not data:
        return (), []
    revisions, problems = [], []
    for number, raw in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            entry = json.loads(raw)
            effective = date.fromisoformat(entry["gælder_fra"]) if entry.get("gælder_fra") else None
            text = entry["kommissorium"]
        except (ValueError, KeyError, TypeError, AttributeError):
            problems.append(
                DataProblem(
                    HISTORY_FILE,
                    number,
                    "linje",
                    "linjen er ikke en gyldig udgave af kommissoriet (JSON med gælder_fra og kommissorium)",
                    raw[:60],
                )
            )
            continue
        charter, found = parse_charter(str(text), HISTORY_FILE)
        if charter is None:
            problems.append(
                DataProblem(
                    HISTORY_FILE, number, "kommissorium", f"udgaven kan ikke læses: {found[0].message}", found[0].value
                )
            )
            continue
        revisions.append(
            Revision(
                effective, charter, str(entry.get("gemt", "")), str(entry.get("af", "")), str(entry.get("note", ""))
            )
        )
    return tuple(revisions), problems


def charter_on(current: Charter, revisions: tuple[Revision, ...], day: date) -> Charter:
    """The charter in force on ``day``: the latest revision effective by then (a later save of the same day
    wins), else the forum's first charter; without a history, the current one."""
    if not revisions:
        return current
    dated = [(r.effective or date.min, i, r) for i, r in enumerate(revisions)]
    in_force = [item for item in dated if item[0] <= day]
    chosen = max(in_force, key=lambda item: item[:2]) if in_force else min(dated, key=lambda item: item[:2])
    if chosen[:2] == max(item[:2] for item in dated):
        return current  # the newest revision is forum.toml itself (also after a hand edit of the file)
    return chosen[2].charter
