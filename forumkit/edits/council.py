"""The status to the municipal council as pure edits: planned, then presented with its date, committee and
decision (only a presented one satisfies the charter's yearly rule)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model.danish import da_date
from ..model.errors import InputError
from ..model.tables import CouncilReport, build, edit
from ..model.vocab import ReportState
from ..model.workspace import Workspace

__all__ = ["plan_council_report", "present_council_report", "update_council_report"]


def _new_id(ws: Workspace, year: int) -> str:
    taken = {r.id for r in ws.council_reports}
    if f"KB-{year}" not in taken:
        return f"KB-{year}"
    n = 2
    while f"KB-{year}-{n}" in taken:
        n += 1
    return f"KB-{year}-{n}"


def _report(ws: Workspace, report_id: str) -> CouncilReport:
    report = next((r for r in ws.council_reports if r.id == report_id), None)
    if report is None:
        raise InputError("id", report_id, f"statussen '{report_id}' til kommunalbestyrelsen findes ikke")
    return report


def _replace(ws: Workspace, new: CouncilReport) -> Workspace:
    return ws.with_table("council_reports", [new if r.id == new.id else r for r in ws.council_reports])


def plan_council_report(ws: Workspace, *, day: date, title: str = "", committee: str = "") -> Workspace:
    """Plan a status for a council meeting (the charter's committee unless another is named)."""
    committee = committee.strip() or ws.charter.council.committee
    title = title.strip() or f"Status på {ws.charter.forum.short_name} {day.year}"
    row = build(
        CouncilReport,
        {
            "id": _new_id(ws, day.year),
            "date": day,
            "committee": committee,
            "title": title,
            "state": ReportState.PLANNED,
        },
    )
    return ws.with_table("council_reports", (*ws.council_reports, row))


def _not_before_its_day(report: CouncilReport, today: date) -> CouncilReport:
    """A status is 'forelagt' only once its day has come: one dated after ``today`` is refused."""
    if report.state == ReportState.PRESENTED and report.date > today:
        raise InputError(
            "dato",
            report.date.isoformat(),
            f"{report.id} kan ikke registreres som forelagt {da_date(report.date, False)} – den dag er "
            f"ikke kommet endnu (i dag er {da_date(today, False)}); registrér den, når statussen er "
            "givet",
        )
    return report


def present_council_report(
    ws: Workspace, report_id: str, *, day: date, today: date, committee: str = "", decision: str = ""
) -> Workspace:
    """Register a status as presented: the day it was given (not after ``today``), to which committee, and
    what was decided."""
    current = _report(ws, report_id)
    if day.year != current.date.year:
        raise InputError(
            "dato",
            day.isoformat(),
            f"{report_id} er planlagt i {current.date.year} – en status "
            f"forelagt i {day.year} registreres som en ny status for det år",
        )
    changes: dict[str, Any] = {
        "state": ReportState.PRESENTED,
        "date": day,
        "decision": decision.strip() or current.decision,
    }
    if committee.strip():
        changes["committee"] = committee.strip()
    return _replace(ws, _not_before_its_day(edit(current, **changes), today))


def update_council_report(ws: Workspace, report_id: str, *, today: date, **changes: Any) -> Workspace:
    """Change a status (date, committee, title, state, decision); a planned one has no decision yet, and a
    presented one is not dated after ``today``."""
    new = _not_before_its_day(edit(_report(ws, report_id), **changes), today)
    if new.state == ReportState.PLANNED and new.decision:
        raise InputError(
            "beslutning", new.decision, "en planlagt status har ingen beslutning endnu – registrér den som forelagt"
        )
    return _replace(ws, new)
