"""Ready-made analyses on the workspace's frames, for analysts' notebooks: counts, sums and rates as
pandas tables with Danish headings, in the charter's order. Everything is computed from ``ws.frame(...)``."""

from __future__ import annotations

from ..model.frames import attendance_with_people, initiatives_with_pillars
from ..model.tables import HELD_STATES
from ..model.vocab import SHELVED_STATUSES, Presence
from ..model.workspace import Workspace

__all__ = ["attendance_over_time", "budget_by_year", "status_by_pillar"]


def status_by_pillar(ws: Workspace, totals: bool = True):
    """Number of initiatives per pillar (rows, charter order) and status (columns, the charter's course),
    with an 'I alt' row and column when ``totals``."""
    import pandas as pd

    inis = initiatives_with_pillars(ws)
    table = pd.crosstab(inis["pillar_name"], inis["status"], dropna=False, margins=totals, margins_name="I alt")
    return table.rename_axis(index="Søjle", columns="Status")


def budget_by_year(ws: Workspace, date_column: str = "start", by_pillar: bool = False, live_only: bool = True):
    """Budget asked and secured (kr.) per year of ``date_column`` ('start', 'due' or 'updated'): columns
    Søgt and Sikret, or (Søgt/Sikret, pillar name) when ``by_pillar``.

    Parked and abandoned initiatives are left out when ``live_only``; initiatives without that date are
    not counted."""
    inis = initiatives_with_pillars(ws)
    if live_only:
        inis = inis[~inis["status"].isin(SHELVED_STATUSES)]
    inis = inis[inis[date_column].notna()]
    keys = [inis[date_column].dt.year.rename("År")]
    if by_pillar:
        keys.append(inis["pillar_name"])
    table = (
        inis[["budget_asked", "budget_secured"]]
        .fillna(0)
        .groupby(keys, observed=False)
        .sum()
        .astype("int64")
        .rename(columns={"budget_asked": "Søgt", "budget_secured": "Sikret"})
    )
    if by_pillar:
        table = table.unstack("pillar_name", fill_value=0).rename_axis(columns=[None, "Søjle"])
    return table


def attendance_over_time(ws: Workspace):
    """Attendance per held meeting (date order): how many took part, sent apologies or were absent, and
    the share who took part ('Andel', 0–1)."""

    att = attendance_with_people(ws)
    att = att[att["meeting_state"].isin(HELD_STATES)]
    table = (
        att.groupby(["meeting_date", "meeting"], observed=True)["status"]
        .value_counts()
        .unstack("status", fill_value=0)
        .sort_index()
        .astype("int64")
    )
    table = table.rename_axis(index=["Dato", "Møde"], columns=None)
    table.columns = [str(c) for c in table.columns]
    table = table.reindex(columns=[str(p) for p in Presence], fill_value=0)  # every column, even with no meeting held
    registered = table.sum(axis=1)
    table["Andel"] = (table[Presence.PRESENT] / registered.where(registered > 0)).astype(float)
    return table
