"""The idea catalogue's rules as findings: started needs owner and start, done means 100 %, and so on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model.danish import da_date, da_kroner, da_percent
from ..model.findings import Finding
from ..model.tables import HELD_STATES, Initiative, Network
from ..model.vocab import GroupState, Severity, Status
from ..model.workspace import Workspace

__all__ = [
    "CLOSED_STATUSES",
    "CODES",
    "GreenItem",
    "check_catalogue",
    "event_day_problem",
    "green_list",
    "last_held_meeting",
    "milestone_done_problem",
]

CLOSED_STATUSES = (Status.DONE, Status.PARKED, Status.DROPPED)

CODES = {
    "initiative-started-incomplete": "Et igangsat initiativ mangler ejer eller startdato",
    "initiative-done-not-100": "Et gennemført initiativ står ikke til 100 % fremdrift",
    "initiative-overdue": "Fristen er passeret, og initiativet er ikke afsluttet",
    "initiative-stale": "Initiativet er ikke opdateret siden sidste møde",
    "budget-suspicious": "Sikret budget er større end søgt budget",
    "network-missing": "Et netværk fra kommissoriet er ikke oprettet",
    "group-report-due": "En arbejdsgruppe skulle have meldt tilbage",
    "milestone-done-future": "En milepæl står som udført på en dag, der ikke er kommet",
    "network-event-future": "En netværksmilepæl er dateret på en dag, der ikke er kommet",
    "network-event-outside": "En netværksmilepæl ligger før netværket blev stiftet eller efter det blev lukket",
}


def milestone_done_problem(done: date | None, today: date) -> str | None:
    """Why a milestone cannot have been done on ``done`` (None when it can): the day has not come."""
    if done is not None and done > today:
        return (
            f"milepælen kan ikke stå som udført {da_date(done, False)} – den dag er ikke kommet endnu "
            f"(i dag er {da_date(today, False)}); markér den, når den er udført"
        )
    return None


def event_day_problem(network: Network, day: date, today: date) -> tuple[str, str] | None:
    """Why a network event cannot be dated ``day`` (None when it can), as (finding code, Danish reason):
    the day has not come, or the network was not founded yet or already closed."""
    if day > today:
        return (
            "network-event-future",
            f"{da_date(day, False)} er ikke kommet endnu (i dag er {da_date(today, False)}) – registrér "
            "milepælen, når den har fundet sted",
        )
    if network.founded and day < network.founded:
        return (
            "network-event-outside",
            f"{network.name} blev først stiftet {da_date(network.founded, False)} – en milepæl dateret "
            f"{da_date(day, False)} ligger før",
        )
    if network.closed and day > network.closed:
        return (
            "network-event-outside",
            f"{network.name} blev lukket {da_date(network.closed, False)} – en milepæl dateret "
            f"{da_date(day, False)} ligger efter",
        )
    return None


def last_held_meeting(ws: Workspace, today: date):
    held = [m for m in ws.meetings if m.state in HELD_STATES and m.date <= today]
    return max(held, key=lambda m: m.date, default=None)


def check_catalogue(ws: Workspace, today: date) -> list[Finding]:
    out: list[Finding] = []
    last = last_held_meeting(ws, today)
    for ini in ws.initiatives:
        label = f"{ini.id} '{ini.title}'"
        if ini.status == Status.STARTED:
            missing = [name for name, value in (("ejer", ini.owner), ("startdato", ini.start)) if not value]
            if missing:
                out.append(
                    Finding(
                        Severity.ERROR,
                        "initiative-started-incomplete",
                        f"{label} er igangsat, men mangler {' og '.join(missing)}",
                        ini.id,
                    )
                )
        if ini.status == Status.DONE and ini.progress != 100:
            shown = "ingen" if ini.progress is None else da_percent(ini.progress)
            out.append(
                Finding(
                    Severity.ERROR,
                    "initiative-done-not-100",
                    f"{label} er gennemført, men fremdriften er {shown}",
                    ini.id,
                )
            )
        if ini.due and ini.due < today and ini.status not in CLOSED_STATUSES:
            out.append(
                Finding(
                    Severity.WARNING,
                    "initiative-overdue",
                    f"{label} havde frist {da_date(ini.due, False)} og står som {ini.status}",
                    ini.id,
                )
            )
        if (
            last
            and ini.status in (Status.CLARIFYING, Status.STARTED)
            and (ini.updated is None or ini.updated < last.date)
        ):
            when = da_date(ini.updated, False) if ini.updated else "aldrig"
            out.append(
                Finding(
                    Severity.INFO,
                    "initiative-stale",
                    f"{label} er sidst opdateret {when} – før mødet {da_date(last.date, False)}",
                    ini.id,
                )
            )
        if ini.budget_secured is not None and ini.budget_asked is not None and ini.budget_secured > ini.budget_asked:
            out.append(
                Finding(
                    Severity.WARNING,
                    "budget-suspicious",
                    f"{label}: sikret {da_kroner(ini.budget_secured)} er mere end søgt {da_kroner(ini.budget_asked)}",
                    ini.id,
                )
            )
    known = {n.id for n in ws.networks}
    for net in ws.charter.networks:
        if net.id not in known:
            out.append(
                Finding(
                    Severity.WARNING,
                    "network-missing",
                    f"'{net.name}' står i kommissoriet, men er ikke oprettet som netværk",
                    net.id,
                )
            )
    for ms in ws.milestones:
        problem = milestone_done_problem(ms.done, today)
        if problem:
            out.append(Finding(Severity.ERROR, "milestone-done-future", f"{ms.id} '{ms.title}': {problem}", ms.id))
    networks = {n.id: n for n in ws.networks}
    for event in ws.network_events:
        network = networks.get(event.network)
        found = event_day_problem(network, event.date, today) if network else None
        if found:
            code, reason = found
            out.append(Finding(Severity.ERROR, code, f"{event.id} '{event.title}': {reason}", event.id))
    for group in ws.working_groups:
        if group.state == GroupState.ACTIVE and group.report_back and group.report_back < today:
            out.append(
                Finding(
                    Severity.WARNING,
                    "group-report-due",
                    f"Arbejdsgruppen '{group.name}' skulle melde tilbage {da_date(group.report_back, False)}",
                    group.id,
                )
            )
    return out


@dataclass(frozen=True)
class GreenItem:
    """An initiative 'til yderligere belysning' (green, 1–3 years) and what is still unclear about it."""

    initiative: Initiative
    missing: tuple[str, ...]


def green_list(ws: Workspace) -> list[GreenItem]:
    """Every initiative marked with the charter's green colour and 1–3 year horizon, with what is missing."""
    rules = ws.charter.catalogue
    out = []
    for ini in ws.initiatives:
        if ini.colour != rules.further_study_colour or ini.horizon != rules.further_study_horizon:
            continue
        missing = []
        if not ini.owner:
            missing.append("ejer")
        if not ini.budget_secured and not ini.hours:
            missing.append("ressourcer")
        if not ini.working_group and not ini.network:
            missing.append("arbejdsgruppe")
        if not ini.next_step and ini.status not in (Status.DONE, Status.DROPPED):
            missing.append("næste skridt")
        out.append(GreenItem(ini, tuple(missing)))
    return out
