"""The annual status's numbers: the year's facts, the data behind each chart, and one-line takeaways.

Everything is computed from the workspace as it stood at the end of the year (initiatives rebuilt from
the change log), so a report for 2025 made in 2027 says what was true in 2025.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ..model.danish import da_number
from ..model.errors import InputError
from ..model.tables import ATTENDANCE, HELD_STATES, INITIATIVE_STATUSES, Initiative
from ..model.workspace import Workspace
from .catalogue_rules import green_list
from .rollup import initiatives_as_of, month_ends

__all__ = [
    "CHARTS",
    "ChartData",
    "YearFacts",
    "chart_data",
    "completion_dates",
    "year_facts",
]

CHARTS = {
    "status": "Initiativer pr. søjle og status",
    "progress": "Fremdrift over tid pr. søjle",
    "budget": "Søgt og sikret budget pr. søjle",
    "attendance": "Fremmøde pr. møde",
    "actions": "Opfølgningsopgaver: lukkede og åbne",
    "networks": "Netværkenes medlemstal",
    "green": "Til yderligere belysning (grøn, 1–3 år)",
}


def _period_end(year: int, today: date) -> date:
    return min(date(year, 12, 31), today)


def completion_dates(changes: list[dict]) -> dict[str, date]:
    """When each initiative was logged as gennemført (the last such change)."""
    out: dict[str, date] = {}
    for entry in changes:
        if entry.get("table") == "initiatives" and entry.get("field") == "status" and entry.get("new") == "gennemført":
            out[entry["row"]] = datetime.fromisoformat(entry["time"]).date()
    return out


@dataclass(frozen=True)
class YearFacts:
    """What the forum did in one year, for the case note and the deck."""

    year: int
    as_of: date
    meetings_held: tuple[str, ...]
    meetings_planned: tuple[str, ...]
    attendance_rate: float | None
    started: tuple[Initiative, ...]
    completed: tuple[Initiative, ...]
    initiatives: tuple[Initiative, ...]
    budget_asked: int
    budget_secured: int
    working_groups: int
    networks_members: dict[str, int]
    actions_open: int
    actions_closed: int
    council_reports: int

    @property
    def is_empty(self) -> bool:
        return not self.meetings_held and not self.meetings_planned and not self.started and not self.completed


def year_facts(ws: Workspace, changes: list[dict], year: int, today: date) -> YearFacts:
    end = _period_end(year, today)
    if end < date(year, 1, 1):
        raise InputError("år", str(year), f"{year} ligger efter dagens dato – der er ingen data endnu")
    initiatives = initiatives_as_of(ws, changes, [end])[end]
    done_on = completion_dates(changes)
    held = tuple(m.id for m in sorted(ws.meetings, key=lambda m: m.date)
                 if m.date.year == year and m.state in HELD_STATES and m.date <= end)
    planned = tuple(m.id for m in ws.meetings if m.date.year == year and m.id not in held)
    marks = [a for a in ws.attendance if a.meeting in held]
    rate = sum(a.status == "deltog" for a in marks) / len(marks) if marks else None
    started = tuple(i for i in initiatives if i.start and i.start.year == year and i.start <= end)
    completed = tuple(i for i in initiatives if i.status == "gennemført"
                      and (done_on.get(i.id) or i.updated or date.min).year == year)
    members = {}
    for net in ws.networks:
        counts = [e for e in ws.network_events if e.network == net.id and e.date <= end and e.members is not None]
        if counts:
            members[net.name] = max(counts, key=lambda e: e.date).members
    actions = [a for a in ws.actions if ws.meeting_by_id[a.meeting].date <= end
               and ws.meeting_by_id[a.meeting].date.year <= year]
    closed = sum(1 for a in actions if a.closed and a.closed <= end)
    return YearFacts(
        year=year, as_of=end, meetings_held=held, meetings_planned=planned, attendance_rate=rate,
        started=started, completed=completed, initiatives=initiatives,
        budget_asked=sum(i.budget_asked or 0 for i in initiatives if i.status not in ("parkeret", "opgivet")),
        budget_secured=sum(i.budget_secured or 0 for i in initiatives if i.status not in ("parkeret", "opgivet")),
        working_groups=sum(1 for g in ws.working_groups if (g.meeting is None or
                                                            ws.meeting_by_id[g.meeting].date <= end)),
        networks_members=members, actions_open=len(actions) - closed, actions_closed=closed,
        council_reports=sum(1 for r in ws.council_reports if r.date.year == year))


@dataclass(frozen=True)
class ChartData:
    """One chart's data (a pandas table), its headline and its computed takeaway."""

    key: str
    title: str
    table: object
    takeaway: str


def _pct(x: float) -> str:
    return da_number(x * 100) + " %"


def chart_data(ws: Workspace, changes: list[dict], year: int, today: date) -> list[ChartData]:
    """The data and takeaway of every chart in the annual status."""
    import pandas as pd

    facts = year_facts(ws, changes, year, today)
    end = facts.as_of
    pillars = [p for p in ws.charter.pillars]
    snap = replace(ws, initiatives=facts.initiatives)
    out: list[ChartData] = []

    statuses = list(INITIATIVE_STATUSES)
    names = [p.name for p in pillars]
    inis = snap.frame("initiatives")  # the initiatives as they stood at the end of the year, as a frame
    pillar_name = inis["pillar"].cat.rename_categories([p.name for p in pillars])
    table = pd.crosstab(pillar_name, inis["status"], dropna=False).reindex(
        index=names, columns=statuses, fill_value=0).astype("int64").rename_axis(index=None, columns=None)
    busiest = table["igangsat"].idxmax() if len(table) else ""
    total = int(table.loc[busiest].sum()) if busiest else 0
    out.append(ChartData("status", CHARTS["status"], table,
                         f"{int(table.loc[busiest, 'igangsat'])} af {total} initiativer under {busiest} er igangsat"
                         if total else "Ingen initiativer endnu"))

    days = month_ends(date(year, 1, 1), end)
    first = min([date(year, 1, 1)] + [m.date for m in ws.meetings])
    history_days = [d for d in month_ends(first, end)]
    from .rollup import progress_history

    history = progress_history(ws, changes, history_days)
    progress = pd.DataFrame(history).T.rename(columns={p.id: p.name for p in pillars}).astype(float)
    progress.index = pd.to_datetime(progress.index)
    start_values = progress.loc[pd.Timestamp(days[0])] if days else progress.iloc[0]
    end_values = progress.iloc[-1]
    change = (end_values - start_values.fillna(0)).dropna()
    if len(change):
        best = change.idxmax()
        takeaway = f"Størst fremgang i {year}: {best} (+{da_number(change[best])} procentpoint)"
    else:
        takeaway = f"Ingen fremdrift registreret i {year}"
    out.append(ChartData("progress", CHARTS["progress"], progress, takeaway))

    live = ~inis["status"].isin(["parkeret", "opgivet"])
    budget = (inis[live][["budget_asked", "budget_secured"]].fillna(0)
              .groupby(pillar_name[live], observed=False).sum()
              .reindex(names, fill_value=0).astype("int64")
              .rename(columns={"budget_asked": "Søgt", "budget_secured": "Sikret"}).rename_axis(index=None))
    share = facts.budget_secured / facts.budget_asked if facts.budget_asked else 0
    out.append(ChartData("budget", CHARTS["budget"], budget,
                         f"{da_number(facts.budget_secured)} kr. sikret af {da_number(facts.budget_asked)} kr. søgt "
                         f"({_pct(share)})"))

    att = ws.frame("attendance")
    att = att[att["meeting"].isin(facts.meetings_held)]
    attendance = pd.crosstab(att["meeting"], att["status"], dropna=False).reindex(
        index=list(facts.meetings_held), columns=list(ATTENDANCE), fill_value=0).astype("int64")
    attendance = attendance.rename_axis(index="Møde", columns=None)
    attendance.index = attendance.index.astype("str")
    if not len(attendance):  # the same (empty, untyped) table as before any meeting was held
        attendance = pd.DataFrame(columns=["Møde", *ATTENDANCE]).set_index("Møde")
    out.append(ChartData("attendance", CHARTS["attendance"], attendance,
                         f"Fremmøde i {year}: {_pct(facts.attendance_rate)} på {len(facts.meetings_held)} møder"
                         if facts.attendance_rate is not None else f"Ingen afholdte møder i {year}"))

    buckets = {"lukket": 0, "åben, 0–30 dage": 0, "åben, 31–90 dage": 0, "åben, over 90 dage": 0}
    for a in ws.actions:
        made = ws.meeting_by_id[a.meeting].date
        if made > end:
            continue
        if a.closed and a.closed <= end:
            buckets["lukket"] += 1
            continue
        age = (end - made).days
        buckets["åben, 0–30 dage" if age <= 30 else "åben, 31–90 dage" if age <= 90 else "åben, over 90 dage"] += 1
    actions = pd.DataFrame({"Opgaver": buckets})
    total_actions = sum(buckets.values())
    old = buckets["åben, over 90 dage"]
    old_text = "1 åben er over 90 dage gammel" if old == 1 else f"{old} åbne er over 90 dage gamle"
    out.append(ChartData("actions", CHARTS["actions"], actions,
                         f"{buckets['lukket']} af {total_actions} opgaver er lukket; {old_text}"))

    series = {}
    for net in ws.networks:
        points = sorted((e.date, e.members) for e in ws.network_events
                        if e.network == net.id and e.members is not None and e.date <= end)
        series[net.name] = pd.Series({pd.Timestamp(d): m for d, m in points}, dtype=float)
    networks = pd.DataFrame(series).sort_index()
    if facts.networks_members:
        parts = [f"{name.replace('Erhvervsnetværk for ', '')}: {count}" for name, count in
                 facts.networks_members.items()]
        takeaway = f"Medlemmer ved udgangen af perioden – {'; '.join(parts)}"
    else:
        takeaway = "Netværkene har endnu ingen registrerede medlemmer"
    out.append(ChartData("networks", CHARTS["networks"], networks, takeaway))

    green = green_list(snap)
    green_table = pd.DataFrame({"Antal": {s: sum(g.initiative.status == s for g in green) for s in statuses}})
    green_table = green_table[green_table["Antal"] > 0]
    no_owner = sum("ejer" in g.missing for g in green)
    out.append(ChartData("green", CHARTS["green"], green_table,
                         f"{len(green)} initiativer til yderligere belysning; {no_owner} mangler en ejer"))
    return out

