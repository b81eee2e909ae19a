"""All of forumkit's rule checks in one call, for `forumkit check` and the overview screen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from ..model.findings import Finding
from ..model.vocab import Severity
from ..model.workspace import Workspace
from . import catalogue_rules, composition, meeting_rules

__all__ = ["ALL_CODES", "outside_findings", "run_checks", "severity_counts"]

ALL_CODES: dict[str, str] = {
    **composition.CODES,
    **meeting_rules.CODES,
    **catalogue_rules.CODES,
    "log-torn-line": "Ændringsloggens sidste linje er ufuldstændig",
    "outside-edit": "En datafil er ændret uden for forumkit siden sidste gemning",
}


def outside_findings(entries: Iterable[Mapping], files: Mapping[str, str]) -> list[Finding]:
    """One information finding per table changed outside forumkit (``entries``: change-log entries not yet
    logged; ``files``: table name → file name)."""
    counts = Counter(e["table"] for e in entries)
    return [
        Finding(
            Severity.INFO,
            "outside-edit",
            f"{files.get(table, table)} er ændret uden for forumkit ({n} ændrede felter, fx i Excel) – "
            "ændringerne skrives i ændringsloggen, næste gang arbejdsområdet åbnes i forumkit",
            files.get(table, table),
        )
        for table, n in sorted(counts.items())
    ]


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many findings there are of each severity (every severity present, zero when none)."""
    counts = Counter(f.severity for f in findings)
    return {severity: counts.get(severity, 0) for severity in Severity}


def run_checks(ws: Workspace, today: date, outside: Iterable[Mapping] = ()) -> list[Finding]:
    """Every finding for the workspace as of ``today``, errors first; ``outside`` are change-log entries of
    edits made outside forumkit that are not logged yet (shown as information)."""
    from ..model.tables import TABLES

    found = [
        *outside_findings(outside, {name: spec.file for name, spec in TABLES.items()}),
        *composition.check_composition(ws, today),
        *meeting_rules.check_meetings(ws, today),
        *catalogue_rules.check_catalogue(ws, today),
        *(Finding(Severity.WARNING, "log-torn-line", w, "changes.jsonl") for w in ws.warnings),
    ]
    return sorted(found, key=lambda f: (f.rank, f.code, f.ref))
