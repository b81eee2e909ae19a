"""What the notebooks show below their screens, as text and tables: one call per cell, so a notebook holds no
logic and no example ids. Every view copes with a brand-new, empty forum and then says what to do first."""

from __future__ import annotations

from datetime import date

from ..model.danish import da_date, da_percent
from ..model.membership import is_active
from ..model.vocab import Status
from ..model.workspace import Workspace
from .table_view import for_people

__all__ = [
    "agenda_text",
    "case_facts_text",
    "chart_figures",
    "explain_largest",
    "first_steps",
    "for_people",
    "forget_text",
    "green_text",
    "open_actions",
    "progress_over_time",
    "rollup_text",
    "seat_history_text",
    "status_by_pillar",
    "takeaways_text",
    "year_plan_text",
]


def first_steps(ws: Workspace, today: date) -> str:
    """What a secretary does next on a new or half-set-up forum, in order; empty when all is in place."""
    steps = []
    if not any(is_active(a, today) for a in ws.members):
        steps.append(
            "Kontrollér kommissoriet og udpeg medlemmerne: notesbogen '01 Opsætning af forum' "
            "(fanerne 'Kommissorium' og 'Udpeg eller erstat')."
        )
    if not any(is_active(s, today) for s in ws.secretariat):
        steps.append("Registrér sekretariatet: '01 Opsætning af forum', fanen 'Sekretariat'.")
    if not any(m.date >= today for m in ws.meetings):
        steps.append("Planlæg årets møder: notesbogen '02 Mødeplanlægning', 'Årsplan'.")
    if not ws.initiatives:
        steps.append("Opret de første initiativer eller importér idékataloget fra Excel: notesbogen '03 Idékatalog'.")
    if not steps:
        return ""
    return "Det skal du gøre først:\n" + "\n".join(f"  {i}. {step}" for i, step in enumerate(steps, start=1))


# --- 01 Opsætning ------------------------------------------------------------------------------------
def seat_history_text(ws: Workspace) -> str:
    """Each seat's holders in order ("Sæde: A → B"), with the totals."""
    from ..rules.composition import seat_history

    table = seat_history(ws)
    if table.empty:
        return "Ingen udpegninger endnu – udpeg medlemmerne i skærmen ovenfor."
    lines = [f"{len(table)} udpegninger i alt, {table['Navn'].nunique()} personer"]
    for seat, names in table.groupby("Sæde", sort=False)["Navn"]:
        lines.append(f"{seat}: {' → '.join(names)}")
    return "\n".join(lines)


def forget_text(ws: Workspace, today: date) -> str:
    """Whose contact details the GDPR rule would delete today, and how to do it."""
    from ..edits.roster import forget_plan

    lines = [f"{id_} {name}: slettes (frist {da_date(due, False)})" for _, id_, name, due in forget_plan(ws, today)]
    lines.append(
        "Kør 'forumkit forget' i en terminal for at slette."
        if lines
        else "Ingen kontaktoplysninger har passeret opbevaringsfristen."
    )
    return "\n".join(lines)


# --- 02 Mødeplanlægning ------------------------------------------------------------------------------
def year_plan_text(ws: Workspace, year: int, years: int = 2) -> str:
    """Proposed meeting dates for ``year`` (and the years after) with each one's deadlines."""
    from ..rules.planning import deadlines, propose_year

    taken = frozenset(m.date for m in ws.meetings)
    lines = []
    for each in range(year, year + years):
        for day in propose_year(ws.charter, each, taken):
            due = deadlines(day, ws.charter.meetings)
            lines.append(
                f"{da_date(day)}: indkaldelse senest {da_date(due.invitation, False)}, "
                f"dagsorden senest {da_date(due.agenda, False)}, referat senest {da_date(due.minutes, False)}"
            )
    return "\n".join(lines) or f"Alle møder i {year} er allerede planlagt."


def agenda_text(ws: Workspace, meeting_id: str | None) -> str:
    """A meeting's agenda as numbered lines with its minutes against the meeting's length."""
    from ..edits.meetings import agenda_for, agenda_time

    if not meeting_id or meeting_id not in ws.meeting_by_id:
        return "Der er intet møde endnu – planlæg et i skærmen ovenfor (Årsplan)."
    items = agenda_for(ws, meeting_id)
    lines = [f"{i.number}. {i.title} ({i.kind}, {i.minutes} min.)" for i in items] or [
        "Dagsordenen er tom – tilføj standardpunkterne i skærmen ovenfor."
    ]
    used = agenda_time(ws, meeting_id)
    lines.append(f"I alt {used.used} af {used.available} minutter")
    return "\n".join(lines)


def open_actions(ws: Workspace):
    """Open action items as a pandas table (Danish headers, people by name, no ids); show it with
    :func:`for_people`."""
    import pandas as pd

    from ..rules import meeting_rules

    people = {**{m.id: m.name for m in ws.members}, **{s.id: s.name for s in ws.secretariat}}
    meetings = {m.id: m.date for m in ws.meetings}
    return pd.DataFrame(
        [
            {
                "Opgave": a.text,
                "Ansvarlige": ", ".join(people.get(o, o) for o in a.owners),
                "Frist": a.due,
                "Tilstand": a.state,
                "Fra mødet": meetings.get(a.meeting),
            }
            for a in meeting_rules.open_actions(ws)
        ],
        columns=["Opgave", "Ansvarlige", "Frist", "Tilstand", "Fra mødet"],
    )


# --- 03 Idékatalog -----------------------------------------------------------------------------------
def status_by_pillar(ws: Workspace) -> str:
    """Initiatives per pillar and status, every pillar and status shown (also the empty ones)."""
    import pandas as pd

    names = {p.id: p.name for p in ws.charter.pillars}
    statuses = [str(s) for s in Status]
    frame = pd.DataFrame(
        [{"Søjle": ws.charter.pillar_name(i.pillar), "Status": i.status} for i in ws.initiatives],
        columns=["Søjle", "Status"],
    )
    table = pd.crosstab(frame["Søjle"], frame["Status"]).reindex(
        index=list(names.values()), columns=statuses, fill_value=0
    )
    table.index.name, table.columns.name = "Søjle", "Status"
    return f"{table.to_string()}\nI alt: {len(frame)} initiativer"


def rollup_text(ws: Workspace) -> str:
    """Each pillar's progress figure and how many initiatives count, with the charter's rule."""
    from ..rules.rollup import rollup

    figures = rollup(ws)
    lines = [
        f"{f.name}: {'–' if f.value is None else da_percent(f.value, 1)} "
        f"({f.counted} af {f.total} initiativer talt med)"
        for f in figures
    ]
    if figures:
        lines.append(f"Regel: {figures[0].rule}")
    return "\n".join(lines)


def explain_largest(ws: Workspace):
    """Why the pillar with the most initiatives is at its figure: a sentence and the contributions table."""
    from ..rules.rollup import explain

    counts = {p.id: sum(i.pillar == p.id for i in ws.initiatives) for p in ws.charter.pillars}
    key = max(counts, key=lambda k: counts[k]) if counts else None
    if key is None or not counts[key]:
        return "Der er ingen initiativer endnu – opret dem i skærmen ovenfor.", None
    table, figure = explain(ws, key)
    value = "ingen fremdrift endnu" if figure.value is None else da_percent(figure.value, 0)
    return f"Hvorfor står {figure.name} på {value}?", table


def green_text(ws: Workspace) -> str:
    """The green 1–3 year initiatives and what is still unclear about each."""
    from ..rules.catalogue_rules import green_list

    lines = [
        f"{g.initiative.id} {g.initiative.title} [{g.initiative.status}] – mangler: {', '.join(g.missing) or 'intet'}"
        for g in green_list(ws)
    ]
    return "\n".join(lines) or "Ingen initiativer er markeret grønne med 1–3 års implementeringstid."


def progress_over_time(ws: Workspace, changes: list[dict], today: date):
    """Each pillar's progress at every month's end since the log began, as a pandas table."""
    import pandas as pd

    from ..rules.rollup import month_ends, progress_history

    stamps = sorted(str(e["time"])[:10] for e in changes if isinstance(e.get("time"), str))
    try:
        first = date.fromisoformat(stamps[0]) if stamps else today
    except ValueError:
        first = today
    history = progress_history(ws, changes, month_ends(min(first, today), today))
    names = {p.id: p.name for p in ws.charter.pillars}
    return pd.DataFrame(history).T.rename(columns=names).round(0)


# --- 04 Årsstatus ------------------------------------------------------------------------------------
def takeaways_text(data) -> str:
    """Each chart's title and takeaway (computed from the data)."""
    return (
        "\n".join(f"{chart.title}: {chart.takeaway}" for chart in data)
        or "Der er intet at vise for året endnu – vælg et år med møder eller initiativer."
    )


def case_facts_text(ws: Workspace, changes: list[dict], year: int, today: date) -> str:
    """The case note's facts for ``year``, compared with the year before."""
    from ..documents.case_note import case_facts
    from ..rules.status_data import year_facts

    facts = year_facts(ws, changes, year, today)
    if facts.is_empty:
        return f"Der er ingen møder og ingen initiativer sat i gang eller gennemført i {year} endnu."
    return "\n".join(case_facts(facts, year_facts(ws, changes, year - 1, today), {m.id: m.date for m in ws.meetings}))


def chart_figures(ws: Workspace, data, as_of: date) -> list:
    """Every chart drawn as a matplotlib figure, ready to show or copy."""
    from ..documents.charts import draw

    pillars = [p.name for p in ws.charter.pillars]
    return [draw(chart, ws.charter.forum.municipality, as_of, pillars) for chart in data]
