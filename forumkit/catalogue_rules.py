"""The idea catalogue's rules as findings: started needs owner and start, done means 100 %, and so on."""

from __future__ import annotations

from datetime import date

from .dates import da_date
from .findings import Finding
from .tables import HELD_STATES
from .workspace import Workspace

__all__ = [
    "CLOSED_STATUSES",
    "CODES",
    "check_catalogue",
    "last_held_meeting",
]

CLOSED_STATUSES = ("gennemført", "parkeret", "opgivet")

CODES = {
    "initiative-started-incomplete": "Et igangsat initiativ mangler ejer eller startdato",
    "initiative-done-not-100": "Et gennemført initiativ står ikke til 100 % fremdrift",
    "initiative-overdue": "Fristen er passeret, og initiativet er ikke afsluttet",
    "initiative-stale": "Initiativet er ikke opdateret siden sidste møde",
    "budget-suspicious": "Sikret budget er større end søgt budget",
    "network-missing": "Et netværk fra kommissoriet er ikke oprettet",
    "group-report-due": "En arbejdsgruppe skulle have meldt tilbage",
}


def last_held_meeting(ws: Workspace, today: date):
    held = [m for m in ws.meetings if m.state in HELD_STATES and m.date <= today]
    return max(held, key=lambda m: m.date, default=None)


def check_catalogue(ws: Workspace, today: date) -> list[Finding]:
    out: list[Finding] = []
    last = last_held_meeting(ws, today)
    for ini in ws.initiatives:
        label = f"{ini.id} '{ini.title}'"
        if ini.status == "igangsat":
            missing = [name for name, value in (("ejer", ini.owner), ("startdato", ini.start)) if not value]
            if missing:
                out.append(Finding("fejl", "initiative-started-incomplete",
                                   f"{label} er igangsat, men mangler {' og '.join(missing)}", ini.id))
        if ini.status == "gennemført" and ini.progress != 100:
            shown = "ingen" if ini.progress is None else f"{ini.progress} %"
            out.append(Finding("fejl", "initiative-done-not-100",
                               f"{label} er gennemført, men fremdriften er {shown}", ini.id))
        if ini.due and ini.due < today and ini.status not in CLOSED_STATUSES:
            out.append(Finding("advarsel", "initiative-overdue",
                               f"{label} havde frist {da_date(ini.due, False)} og står som {ini.status}", ini.id))
        if last and ini.status in ("afklaring", "igangsat") and (ini.updated is None or ini.updated < last.date):
            when = da_date(ini.updated, False) if ini.updated else "aldrig"
            out.append(Finding("info", "initiative-stale",
                               f"{label} er sidst opdateret {when} – før mødet {da_date(last.date, False)}", ini.id))
        if ini.budget_secured is not None and ini.budget_asked is not None \
                and ini.budget_secured > ini.budget_asked:
            out.append(Finding("advarsel", "budget-suspicious",
                               f"{label}: sikret {ini.budget_secured:,} kr. er mere end søgt {ini.budget_asked:,} kr."
                               .replace(",", "."), ini.id))
    known = {n.id for n in ws.networks}
    for net in ws.charter.networks:
        if net.id not in known:
            out.append(Finding("advarsel", "network-missing",
                               f"'{net.name}' står i kommissoriet, men er ikke oprettet som netværk", net.id))
    for group in ws.working_groups:
        if group.state == "aktiv" and group.report_back and group.report_back < today:
            out.append(Finding("advarsel", "group-report-due",
                               f"Arbejdsgruppen '{group.name}' skulle melde tilbage "
                               f"{da_date(group.report_back, False)}",
                               group.id))
    return out
