"""All of forumkit's rule checks in one call, for `forumkit check` and the overview screen."""

from __future__ import annotations

from datetime import date

from ..model.findings import Finding
from ..model.vocab import Severity
from ..model.workspace import Workspace
from . import catalogue_rules, composition, meeting_rules

__all__ = ["ALL_CODES", "run_checks"]

ALL_CODES: dict[str, str] = {
    **composition.CODES, **meeting_rules.CODES, **catalogue_rules.CODES,
    "log-torn-line": "Ændringsloggens sidste linje er ufuldstændig",
}


def run_checks(ws: Workspace, today: date) -> list[Finding]:
    """Every finding for the workspace as of ``today``, errors first."""
    found = [
        *composition.check_composition(ws, today),
        *meeting_rules.check_meetings(ws, today),
        *catalogue_rules.check_catalogue(ws, today),
        *(Finding(Severity.WARNING, "log-torn-line", w, "changes.jsonl") for w in ws.warnings),
    ]
    return sorted(found, key=lambda f: (f.rank, f.code, f.ref))
