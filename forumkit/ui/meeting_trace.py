"""The meeting screen's follow-up tab: what a meeting decided and what followed from it."""

from __future__ import annotations

from ..model.danish import da_date, da_percent
from ..rules.trace import trace_meeting
from .common import card, html_table

__all__ = ["meeting_trace_html"]


def _status(status: str | None, progress: int | None) -> str:
    if status is None:
        return "(fandtes ikke)"
    return status + ("" if progress is None else f", {da_percent(progress)}")


def meeting_trace_html(ws, meeting_id: str, changes) -> str:
    """The follow-up of one meeting as HTML: decisions, actions and their state, initiatives then and now."""
    t = trace_meeting(ws, meeting_id, changes)
    m = t.meeting
    decided = sum(1 for d in t.decisions if d.decision)
    head = card(
        f"Opfølgning på {m.id} ({da_date(m.date, False)})",
        [
            f"{decided} af {len(t.decisions)} punkter har en beslutning.",
            f"{len(t.actions)} opgaver, heraf {t.open_actions} ikke lukket.",
            f"{len(t.initiatives)} initiativer behandlet, {len(t.inputs)} input, "
            f"{len(t.groups)} arbejdsgrupper nedsat.",
        ],
    )
    parts = [
        head,
        "<h4>Beslutninger</h4>",
        html_table(
            ["Nr.", "Punkt", "Type", "Beslutning", "Initiativer"],
            [
                (d.number, d.title, d.kind, d.decision or "(ingen beslutning)", ", ".join(d.initiatives))
                for d in t.decisions
            ],
        )
        if t.decisions
        else "<p>Mødet har ingen dagsordenspunkter.</p>",
    ]
    parts += [
        "<h4>Opgaver fra mødet</h4>",
        html_table(
            ["Id", "Punkt", "Opgave", "Frist", "Tilstand", "Lukket", "Initiativ"],
            [
                (
                    a.id,
                    a.number or "",
                    a.text,
                    da_date(a.due, False) if a.due else "",
                    a.state,
                    da_date(a.closed, False) if a.closed else "",
                    a.initiative or "",
                )
                for a in t.actions
            ],
        )
        if t.actions
        else "<p>Mødet satte ingen opgaver i gang.</p>",
    ]
    parts += [
        "<h4>Initiativer – status på mødedagen og nu</h4>",
        html_table(
            ["Id", "Initiativ", "Hvorfor", "På mødedagen", "Nu"],
            [
                (
                    x.initiative,
                    x.title,
                    ", ".join(x.why),
                    _status(x.status_then, x.progress_then),
                    _status(x.status_now, x.progress_now),
                )
                for x in t.initiatives
            ],
        )
        if t.initiatives
        else "<p>Mødet behandlede ingen initiativer.</p>",
    ]
    if t.groups:
        parts += [
            "<h4>Arbejdsgrupper nedsat på mødet</h4>",
            html_table(
                ["Id", "Navn", "Tilstand", "Rapport"], [(g.id, g.name, g.state, g.report or "") for g in t.groups]
            ),
        ]
    if t.inputs:
        parts += [
            "<h4>Input på mødet</h4>",
            html_table(["Id", "Afsender", "Input"], [(i.id, i.source, i.text) for i in t.inputs]),
        ]
    return "".join(parts)
