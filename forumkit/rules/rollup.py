"""Explainable progress roll-up per pillar, network or working group, and its history from the change log.

The rule is a charter setting, stated with every figure: plain mean or weighted by budget asked; which
statuses count (parkeret and opgivet are out by default); a blank progress counted as 0 or left out.
The result is a weighted mean of values in 0–100, so it can never exceed 100 – the flaw in Decidim's
roll-up that mixes rules and weights.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..model.charter import ProgressRules
from ..model.errors import InputError
from ..model.tables import Initiative
from ..model.undo import cutoff, reinsert_removed, save_runs
from ..model.vocab import Blank, Weighting
from ..model.workspace import Workspace

__all__ = [
    "Contribution",
    "Rollup",
    "describe_rule",
    "explain",
    "initiatives_as_of",
    "month_ends",
    "progress_history",
    "rollup",
]


@dataclass(frozen=True)
class Contribution:
    """How one initiative counts in a roll-up figure."""

    initiative: str
    title: str
    status: str
    progress: int | None
    counted: bool
    reason: str
    weight: float
    share: float  # percentage points this initiative adds to the figure


@dataclass(frozen=True)
class Rollup:
    """One group's progress figure with every initiative's contribution."""

    key: str
    name: str
    value: float | None
    counted: int
    total: int
    rule: str
    contributions: tuple[Contribution, ...]


def describe_rule(rules: ProgressRules) -> str:
    weighting = "vægtet efter søgt budget" if rules.weighting == Weighting.BUDGET else "simpelt gennemsnit"
    blank = "tæller som 0 %" if rules.blank == Blank.ZERO else "udelades"
    return f"{weighting}; statusser, der tæller: {', '.join(rules.statuses)}; initiativer uden fremdrift {blank}"


GROUPINGS = {"pillar": "søjle", "network": "netværk", "working_group": "arbejdsgruppe"}


def _group_names(ws: Workspace, by: str) -> dict[str, str]:
    if by == "pillar":
        return {pid: pillar.name for pid, pillar in ws.charter.pillar_by_id.items()}
    if by == "network":
        return {n.id: n.name for n in ws.networks}
    if by == "working_group":
        return {g.id: g.name for g in ws.working_groups}
    raise InputError("gruppering", by, f"ukendt gruppering '{by}' – brug en af: {', '.join(GROUPINGS)}")


def _key(ini: Initiative, by: str) -> str | None:
    return {"pillar": ini.pillar, "network": ini.network, "working_group": ini.working_group}[by]


def _figure(key: str, name: str, items: list[Initiative], rules: ProgressRules, detail: bool = False) -> Rollup:
    rows = []
    for ini in items:
        if ini.status not in rules.statuses:
            rows.append((ini, None, False, f"status '{ini.status}' tæller ikke med", 0.0))
            continue
        progress = ini.progress
        if progress is None and rules.blank == Blank.SKIP:
            rows.append((ini, None, False, "ingen fremdrift angivet – udeladt", 0.0))
            continue
        value = 0 if progress is None else progress
        weight = float(ini.budget_asked or 0) if rules.weighting == Weighting.BUDGET else 1.0
        reason = "ingen fremdrift angivet – tæller som 0 %" if progress is None else "tæller med"
        rows.append((ini, value, True, reason, weight))
    counted = [r for r in rows if r[2]]
    total_weight = sum(r[4] for r in counted)
    note = ""
    if counted and total_weight == 0:  # budget weighting with no budgets: fall back to a plain mean, and say so
        counted = [
            (ini, v, c, reason + " (ingen budgetter – simpelt gennemsnit)", 1.0) for ini, v, c, reason, _ in counted
        ]
        rows = [r for r in rows if not r[2]] + counted
        total_weight = float(len(counted))
        note = " (ingen budgetter: simpelt gennemsnit)"
    value = sum(v * wgt for _, v, _, _, wgt in counted) / total_weight if counted else None
    contributions = (
        tuple(
            Contribution(
                ini.id,
                ini.title,
                ini.status,
                ini.progress,
                ok,
                reason,
                wgt,
                (v * wgt / total_weight) if ok and total_weight else 0.0,
            )
            for ini, v, ok, reason, wgt in sorted(rows, key=lambda r: r[0].id)
        )
        if detail
        else ()
    )
    return Rollup(key, name, value, len(counted), len(items), describe_rule(rules) + note, contributions)


def rollup(ws: Workspace, by: str = "pillar", rules: ProgressRules | None = None, detail: bool = False) -> list[Rollup]:
    """One figure per pillar (in charter order), network or working group; with ``detail`` every figure
    also carries each initiative's contribution (what :func:`explain` shows)."""
    rules = rules or ws.charter.progress
    names = _group_names(ws, by)
    groups: dict[str, list[Initiative]] = defaultdict(list)
    for ini in ws.initiatives:
        key = _key(ini, by)
        if key:
            groups[key].append(ini)
    return [_figure(key, name, groups.get(key, []), rules, detail) for key, name in names.items()]


def explain(ws: Workspace, key: str, by: str = "pillar", rules: ProgressRules | None = None):
    """Why a group is at its figure: a pandas table of each initiative's contribution, and the figure."""
    import pandas as pd

    names = _group_names(ws, by)
    if key not in names:
        known = ", ".join(f"{k} ({v})" for k, v in names.items()) or "ingen"
        raise InputError(GROUPINGS[by], key, f"'{key}' findes ikke – vælg en af: {known}")
    found = _figure(
        key, names[key], [i for i in ws.initiatives if _key(i, by) == key], rules or ws.charter.progress, detail=True
    )
    table = pd.DataFrame(
        [
            {
                "Initiativ": c.initiative,
                "Titel": c.title,
                "Status": c.status,
                "Fremdrift": c.progress,
                "Tæller": "ja" if c.counted else "nej",
                "Vægt": round(c.weight, 2),
                "Bidrag (%-point)": round(c.share, 1),
                "Forklaring": c.reason,
            }
            for c in found.contributions
        ],
        columns=["Initiativ", "Titel", "Status", "Fremdrift", "Tæller", "Vægt", "Bidrag (%-point)", "Forklaring"],
    )
    table["Fremdrift"] = table["Fremdrift"].astype("Int64")  # (the columns are named: a group may be empty)
    return table, found


_FIELDS = {
    "status": "status",
    "fremdrift": "progress",
    "søjle": "pillar",
    "budget_søgt": "budget_asked",
    "budget_sikret": "budget_secured",
    "netværk": "network",
    "arbejdsgruppe": "working_group",
}


def _undo(ini: Initiative, field: str, old) -> Initiative:
    attr = _FIELDS[field]
    if attr in ("progress", "budget_asked", "budget_secured"):
        value = int(old) if old not in (None, "") else None
    else:
        value = old if old not in ("",) else None
    if attr in ("status", "pillar") and value is None:
        return ini
    return ini.model_copy(update={attr: value})


def _restored(key: str, cells: dict[str, str]) -> Initiative | None:
    """A removed initiative from the whole row the log kept of it (``None`` when that row no longer reads)."""
    try:
        return Initiative.model_validate({k: v for k, v in cells.items() if v.strip()})  # blank: no value
    except ValueError:
        return None


def _undo_run(rows: list[list], run: list[dict]) -> None:
    """Undo one logged save of the initiatives: its changes newest first, then the rows it removed go back."""
    for entry in reversed(run):
        op, field = entry.get("op"), entry.get("field")
        place = next((n for n, (key, _) in enumerate(rows) if key == entry.get("row")), None)
        if place is None:
            continue
        if op == "add" and field in ("status", "id", "titel"):
            del rows[place]  # the initiative did not exist before it was added
        elif op in ("add", "change") and field in _FIELDS:
            rows[place][1] = _undo(rows[place][1], field, entry.get("old"))
    reinsert_removed(rows, run, _restored)


def initiatives_as_of(ws: Workspace, changes: list[dict], days: list[date]) -> dict[date, tuple[Initiative, ...]]:
    """The initiatives as they stood at the end of each of ``days``, rebuilt by undoing later logged changes:
    changed fields get their old values, added initiatives go, removed ones come back in their places."""
    rows: list[list] = [[i.id, i] for i in ws.initiatives]
    entries = sorted(
        (e for e in changes if e.get("table") == "initiatives" and isinstance(e.get("time"), str)),
        key=lambda e: e["time"],
    )
    runs = save_runs(entries)
    out: dict[date, tuple[Initiative, ...]] = {}
    for day in sorted(days, reverse=True):
        end = cutoff(day)
        while runs and runs[-1][0]["time"] >= end:
            _undo_run(rows, runs.pop())
        out[day] = tuple(ini for _, ini in rows)
    return dict(sorted(out.items()))


def progress_history(
    ws: Workspace, changes: list[dict], days: list[date], by: str = "pillar", rules: ProgressRules | None = None
) -> dict[date, dict[str, float | None]]:
    """The roll-up as it stood at the end of each of ``days``, rebuilt by undoing later changes in the log."""
    return {
        day: {r.key: r.value for r in rollup(replace(ws, initiatives=rows), by, rules)}
        for day, rows in initiatives_as_of(ws, changes, days).items()
    }


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from ``first`` to ``last`` (and ``last`` itself)."""
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        out.append(min(nxt - timedelta(days=1), last))
        year, month = nxt.year, nxt.month
    return out
