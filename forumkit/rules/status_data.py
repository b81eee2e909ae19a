"""The annual status's numbers: the year's facts, the data behind each chart, and one-line takeaways.

Everything is computed from the workspace as it stood at the end of the year (initiatives rebuilt from
the change log), so a report for 2025 made in 2027 says what was true in 2025.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ..model.danish import da_kroner, da_number, da_percent
from ..model.errors import InputError
from ..model.tables import ATTENDANCE, HELD_STATES, INITIATIVE_STATUSES, Initiative
from ..model.vocab import SHELVED_STATUSES, ActionState, InitiativeKind, Presence, Status
from ..model.workspace import Workspace
from .rollup import initiatives_as_of, month_ends

__all__ = [
    "CHARTS",
    "CHART_FILES",
    "ChartData",
    "YearFacts",
    "action_ages",
    "chart_data",
    "chart_figures",
    "chart_summary",
    "completion_dates",
    "meeting_labels",
    "network_members",
    "progress_takeaway",
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

# File names (without number and suffix): Danish words in plain ASCII (æ→ae, ø→oe, å→aa), because a
# zip made on Windows, a URL on the municipality's website or an analyst's script all mangle æøå.
CHART_FILES = {
    "status": "initiativer_pr_soejle_og_status",
    "progress": "fremdrift_pr_soejle",
    "budget": "budget_soegt_og_sikret",
    "attendance": "fremmoede_pr_moede",
    "actions": "opfoelgningsopgaver",
    "networks": "netvaerkenes_medlemstal",
    "green": "til_yderligere_belysning",
}
# What each number in a chart counts, for alt text and speaker notes.
_UNITS = {"progress": " %", "budget": " kr.", "networks": " medlemmer"}
_MONTHS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def meeting_labels(meetings) -> dict[str, str]:
    """Each meeting named by its date ("12. mar. 2026"); two meetings on one day get "(2)" after the second."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for m in sorted(meetings, key=lambda m: (m.date, m.id)):
        label = f"{m.date.day}. {_MONTHS[m.date.month - 1]} {m.date.year}"
        seen[label] = seen.get(label, 0) + 1
        out[m.id] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return out


def _short_names(names: list[str]) -> dict[str, str]:
    """Names without the words they all start with ("Erhvervsnetværk for klima" -> "klima")."""
    words = [name.split(" ") for name in names]
    common = 0
    while len(names) > 1 and all(len(w) > common + 1 and w[common] == words[0][common] for w in words):
        common += 1
    return {name: " ".join(w[common:]) for name, w in zip(names, words, strict=False)}


def _period_end(year: int, today: date) -> date:
    return min(date(year, 12, 31), today)


def completion_dates(changes: list[dict]) -> dict[str, date]:
    """When each initiative was logged as gennemført (the last such change)."""
    out: dict[str, date] = {}
    for entry in changes:
        if entry.get("table") == "initiatives" and entry.get("field") == "status" and entry.get("new") == Status.DONE:
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
    private: tuple[Initiative, ...] = ()  # private initiatives (owned by a business) as the year ended
    inputs: int = 0  # inputs from businesses written down in the year (the forum as a dialogue platform)

    @property
    def is_empty(self) -> bool:
        return not self.meetings_held and not self.meetings_planned and not self.started and not self.completed


def year_facts(ws: Workspace, changes: list[dict], year: int, today: date) -> YearFacts:
    end = _period_end(year, today)
    if end < date(year, 1, 1):
        raise InputError("år", str(year), f"{year} ligger efter dagens dato – der er ingen data endnu")
    initiatives = initiatives_as_of(ws, changes, [end])[end]
    done_on = completion_dates(changes)
    held = tuple(
        m.id
        for m in sorted(ws.meetings, key=lambda m: m.date)
        if m.date.year == year and m.state in HELD_STATES and m.date <= end
    )
    planned = tuple(m.id for m in ws.meetings if m.date.year == year and m.id not in held)
    marks = [a for a in ws.attendance if a.meeting in held]
    rate = sum(a.status == Presence.PRESENT for a in marks) / len(marks) if marks else None
    started = tuple(i for i in initiatives if i.start and i.start.year == year and i.start <= end)
    completed = tuple(
        i for i in initiatives if i.status == Status.DONE and (done_on.get(i.id) or i.updated or date.min).year == year
    )
    members = {}
    for net in ws.networks:
        counts = [e for e in ws.network_events if e.network == net.id and e.date <= end and e.members is not None]
        if counts:
            members[net.name] = max(counts, key=lambda e: e.date).members
    actions = [
        a
        for a in ws.actions
        if ws.meeting_by_id[a.meeting].date <= end and ws.meeting_by_id[a.meeting].date.year <= year
    ]
    closed = sum(1 for a in actions if a.closed and a.closed <= end)
    return YearFacts(
        year=year,
        as_of=end,
        meetings_held=held,
        meetings_planned=planned,
        attendance_rate=rate,
        started=started,
        completed=completed,
        initiatives=initiatives,
        budget_asked=sum(i.budget_asked or 0 for i in initiatives if i.status not in SHELVED_STATUSES),
        budget_secured=sum(i.budget_secured or 0 for i in initiatives if i.status not in SHELVED_STATUSES),
        working_groups=sum(
            1 for g in ws.working_groups if (g.meeting is None or ws.meeting_by_id[g.meeting].date <= end)
        ),
        networks_members=members,
        actions_open=len(actions) - closed,
        actions_closed=closed,
        council_reports=sum(1 for r in ws.council_reports if r.date.year == year),
        private=tuple(i for i in initiatives if i.kind == InitiativeKind.PRIVATE),
        inputs=sum(1 for i in ws.inputs if i.date.year == year and i.date <= end),
    )


@dataclass(frozen=True)
class ChartData:
    """One chart's data (a pandas table, index named), its headline and its computed takeaway."""

    key: str
    title: str
    table: object
    takeaway: str


def _pct(x: float) -> str:
    return da_percent(x * 100)


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
    table = (
        pd.crosstab(pillar_name, inis["status"], dropna=False)
        .reindex(index=names, columns=statuses, fill_value=0)
        .astype("int64")
        .rename_axis(index="Søjle", columns=None)
    )
    busiest = table[Status.STARTED].idxmax() if len(table) else ""
    total = int(table.loc[busiest].sum()) if busiest else 0
    out.append(
        ChartData(
            "status",
            CHARTS["status"],
            table,
            f"{da_number(table.loc[busiest, Status.STARTED])} af {da_number(total)} initiativer under "
            f"{busiest} er igangsat"
            if total
            else "Ingen initiativer endnu",
        )
    )

    # The year's months, starting from the day before it began, so the plotted line is the year's change.
    days = [date(year - 1, 12, 31)] + month_ends(date(year, 1, 1), end)
    from .rollup import progress_history

    history = progress_history(ws, changes, days)
    progress = pd.DataFrame(history).T.reindex(columns=[p.id for p in pillars])
    progress = progress.rename(columns={p.id: p.name for p in pillars}).astype(float)
    progress.index = pd.DatetimeIndex(pd.to_datetime(progress.index), name="Dato")
    takeaway = progress_takeaway(progress, year)
    out.append(ChartData("progress", CHARTS["progress"], progress, takeaway))

    live = ~inis["status"].isin(SHELVED_STATUSES)
    budget = (
        inis[live][["budget_asked", "budget_secured"]]
        .fillna(0)
        .groupby(pillar_name[live], observed=False)
        .sum()
        .reindex(names, fill_value=0)
        .astype("int64")
        .rename(columns={"budget_asked": "Søgt", "budget_secured": "Sikret"})
        .rename_axis(index="Søjle")
    )
    share = facts.budget_secured / facts.budget_asked if facts.budget_asked else 0
    out.append(
        ChartData(
            "budget",
            CHARTS["budget"],
            budget,
            f"{da_kroner(facts.budget_secured)} sikret af {da_kroner(facts.budget_asked)} søgt ({_pct(share)})",
        )
    )

    att = ws.frame("attendance")
    att = att[att["meeting"].isin(facts.meetings_held)]
    attendance = (
        pd.crosstab(att["meeting"], att["status"], dropna=False)
        .reindex(index=list(facts.meetings_held), columns=list(ATTENDANCE), fill_value=0)
        .astype("int64")
    )
    attendance = attendance.rename_axis(index="Møde", columns=None)
    labels = meeting_labels(ws.meeting_by_id[mid] for mid in facts.meetings_held)  # named by date, not by id
    attendance.index = pd.Index([labels[str(mid)] for mid in attendance.index], name="Møde")
    if not len(attendance):  # the same (empty, untyped) table as before any meeting was held
        attendance = pd.DataFrame(columns=["Møde", *ATTENDANCE]).set_index("Møde")
    out.append(
        ChartData(
            "attendance",
            CHARTS["attendance"],
            attendance,
            f"Fremmøde i {year}: {_pct(facts.attendance_rate)} på {len(facts.meetings_held)} "
            f"{'møde' if len(facts.meetings_held) == 1 else 'møder'}"
            if facts.attendance_rate is not None
            else f"Ingen afholdte møder i {year}",
        )
    )

    closed = ActionState.CLOSED.value  # the chart's first bar
    buckets = action_ages(ws, end)
    actions = pd.DataFrame({"Opgaver": buckets})
    actions.index.name = "Status"
    total_actions = sum(buckets.values())
    old = buckets["åben, over 90 dage"]
    old_text = (
        "ingen åbne er over 90 dage gamle"
        if old == 0
        else "1 åben er over 90 dage gammel"
        if old == 1
        else f"{da_number(old)} åbne er over 90 dage gamle"
    )
    out.append(
        ChartData(
            "actions",
            CHARTS["actions"],
            actions,
            f"{da_number(buckets[closed])} af {da_number(total_actions)} opgaver er lukket; {old_text}",
        )
    )

    networks = network_members(ws, end)
    if facts.networks_members:
        short = _short_names(list(facts.networks_members))
        parts = [f"{short[name]} {da_number(count)}" for name, count in facts.networks_members.items()]
        first = parts[0].rsplit(" ", 1)
        parts[0] = f"{first[0][:1].upper()}{first[0][1:]} har {first[1]} medlemmer"
        takeaway = ", ".join(parts)
    else:
        takeaway = "Netværkene har endnu ingen registrerede medlemmer"
    out.append(ChartData("networks", CHARTS["networks"], networks, takeaway))

    rules = ws.charter.catalogue  # the initiatives for further study (green_list's rule), from the frame
    green = inis[(inis["colour"] == rules.further_study_colour) & (inis["horizon"] == rules.further_study_horizon)]
    counts = green["status"].value_counts()
    green_table = pd.DataFrame({"Antal": {s: int(counts.get(s, 0)) for s in statuses}})
    green_table = green_table[green_table["Antal"] > 0]
    green_table.index.name = "Status"
    no_owner = int(green["owner"].isna().sum())
    out.append(
        ChartData(
            "green",
            CHARTS["green"],
            green_table,
            f"{da_number(len(green))} initiativer til yderligere belysning; {da_number(no_owner)} mangler en ejer",
        )
    )
    return out


def action_ages(ws: Workspace, end: date) -> dict[str, int]:
    """The follow-up actions set by meetings up to ``end``, counted as closed by then or open by age (days since
    the meeting that set them), from the typed frames."""
    import pandas as pd

    actions, meetings = ws.frame("actions"), ws.frame("meetings")
    made = actions["meeting"].map(dict(zip(meetings["id"].tolist(), meetings["date"].tolist(), strict=False)))
    day = pd.Timestamp(end)
    kept = (made <= day).to_numpy(dtype=bool)
    closed = (actions["closed"].notna() & (actions["closed"] <= day)).to_numpy(dtype=bool)[kept]
    age = (day - pd.to_datetime(made[kept])).dt.days.to_numpy()[~closed]
    return {
        ActionState.CLOSED.value: int(closed.sum()),
        "åben, 0–30 dage": int((age <= 30).sum()),
        "åben, 31–90 dage": int(((age > 30) & (age <= 90)).sum()),
        "åben, over 90 dage": int((age > 90).sum()),
    }


def network_members(ws: Workspace, end: date):
    """Each network's member counts over time up to ``end``, from the typed frames: one column per network
    (its name, in the workspace's order), one row per date with a count (float; NaN where a network has none
    that day). Of two counts on one day, the larger is kept."""
    import pandas as pd

    events = ws.frame("network_events")
    events = events[events["members"].notna() & (events["date"] <= pd.Timestamp(end))]
    events = events.sort_values(["date", "members"]).drop_duplicates(["network", "date"], keep="last")
    counts = events.pivot(index="date", columns="network", values="members").astype(float)
    series = {}
    nets = ws.frame("networks")
    for net_id, name in zip(nets["id"].tolist(), nets["name"].tolist(), strict=False):
        series[name] = counts[net_id] if net_id in counts.columns else pd.Series(dtype=float)
    table = pd.DataFrame(series).sort_index()
    table.index = pd.DatetimeIndex(table.index, name="Dato")
    return table


def progress_takeaway(progress, year: int) -> str:
    """The pillar that gained most over the plotted series: its first and last value and the difference."""
    moves = {}
    for name in progress.columns:
        series = progress[name].dropna()
        if len(series) >= 2:
            moves[name] = (float(series.iloc[0]), float(series.iloc[-1]))
    gains = {name: last - first for name, (first, last) in moves.items()}
    if not gains or max(gains.values()) <= 0:
        return f"Ingen søjle har fået mere fremdrift i {year}"
    best = max(gains, key=lambda name: (gains[name], name))
    first, last = moves[best]
    return (
        f"Størst fremgang i {year}: {best}, fra {da_number(first)} % til {da_number(last)} % "
        f"(+{da_number(last - first)} procentpoint)"
    )


def _value(chart: ChartData, value) -> str:
    return f"{da_number(float(value))}{_UNITS.get(chart.key, '')}"


def _label(value) -> str:
    if hasattr(value, "month") and hasattr(value, "day"):
        return f"{value.day}. {_MONTHS[value.month - 1]} {value.year}"
    return str(value)


def chart_figures(chart: ChartData) -> list[str]:
    """The numbers behind a chart, one line per row ("<søjle>: idé 1, igangsat 2"), for speaker notes."""
    import pandas as pd

    table = chart.table
    lines = []
    for index, row in table.iterrows():
        cells = [
            f"{column} {_value(chart, value)}"
            for column, value in row.items()
            if not pd.isna(value) and (value or chart.key in ("progress", "networks"))
        ]  # no NaN, no zero
        if len(table.columns) == 1 and cells:
            cells = [_value(chart, row.iloc[0])]
        lines.append(f"{_label(index)}: {', '.join(cells) if cells else 'ingen'}")
    return lines


def chart_summary(chart: ChartData) -> str:
    """The key numbers in a sentence, for alt text: start and end of each line, or every bar."""
    table = chart.table
    if chart.key in ("progress", "networks"):
        parts = []
        for name in table.columns:
            series = table[name].dropna()
            if len(series):
                parts.append(
                    f"{name} fra {_value(chart, series.iloc[0])} ({_label(series.index[0])}) til "
                    f"{_value(chart, series.iloc[-1])} ({_label(series.index[-1])})"
                )
        return "; ".join(parts) or "ingen data"
    return "; ".join(chart_figures(chart)) or "ingen data"
