"""One page on one initiative for the board pack: status, progress and its history, open actions, and what the
forum decided about it before."""

from __future__ import annotations

from datetime import date, datetime

from ..edits.meetings import agenda_for
from ..model.danish import da_date, da_number
from ..model.vocab import ActionState
from ..model.workspace import Workspace
from .office import (
    Letter,
    add_heading,
    add_list,
    fixed_properties,
    new_document,
    plain,
    sized_table,
)

__all__ = ["initiative_history", "status_sheet_docx"]

_LABELS = {"status": "Status", "fremdrift": "Fremdrift", "budget_sikret": "Budget sikret"}


def _shown(field: str, value) -> str:
    if value in (None, ""):
        return "–"
    if field == "fremdrift":
        return f"{value} %"
    if field == "budget_sikret":
        try:
            return f"{da_number(int(value))} kr."
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def initiative_history(changes: list[dict], initiative_id: str, until: date) -> list[tuple[date, str]]:
    """Logged changes of status, progress and secured budget up to ``until``, oldest first."""
    out = []
    for entry in sorted(
        (
            e
            for e in changes
            if e.get("table") == "initiatives"
            and e.get("row") == initiative_id
            and e.get("field") in _LABELS
            and e.get("time")
        ),
        key=lambda e: e["time"],
    ):
        try:
            day = datetime.fromisoformat(entry["time"]).date()
        except (TypeError, ValueError):
            continue
        if day > until:
            continue
        field, old, new = entry["field"], entry.get("old"), entry.get("new")
        text = (
            f"{_LABELS[field]}: {_shown(field, new)}"
            if entry.get("op") == "add" or old in (None, "")
            else f"{_LABELS[field]}: {_shown(field, old)} → {_shown(field, new)}"
        )
        out.append((day, text))
    return out


def status_sheet_docx(
    ws: Workspace,
    changes: list[dict],
    initiative_id: str,
    before: date,
    day: date,
    template: bytes | None = None,
    page_numbers: bool = False,
):
    """The sheet for ``initiative_id`` as it stands on ``day``; earlier decisions are those before ``before``."""
    ini = ws.initiative_by_id[initiative_id]
    forum = ws.charter.forum
    letter = Letter(
        title=f"Statusark: {ini.title}",
        subject="Status på initiativ i idékataloget",
        municipality=forum.municipality,
        day=day,
        unit=forum.name,
        data_as_of=day,
        page_numbers=page_numbers,
    )
    doc = new_document(letter, template)
    add_heading(doc, f"Statusark: {ini.title}", 1)
    pillar = ws.charter.pillar_by_id.get(ini.pillar)
    people = {**{m.id: m.name for m in ws.members}, **{s.id: s.name for s in ws.secretariat}}
    groups = {g.id: g.name for g in ws.working_groups}
    budget = ""
    if ini.budget_asked is not None or ini.budget_secured is not None:
        budget = f"{da_number(ini.budget_secured or 0)} kr. sikret af {da_number(ini.budget_asked or 0)} kr. søgt"
    rows = [
        ("Søjle", pillar.name if pillar else ini.pillar),
        ("Status", ini.status),
        ("Fremdrift", f"{ini.progress} %" if ini.progress is not None else "ikke opgjort"),
        ("Farve og horisont", " · ".join(x for x in (ini.colour, ini.horizon) if x)),
        ("Ejer", people.get(ini.owner or "", ini.owner or "")),
        ("Arbejdsgruppe", groups.get(ini.working_group or "", ini.working_group or "")),
        ("Budget", budget),
        ("Start", da_date(ini.start, False) if ini.start else ""),
        ("Frist", da_date(ini.due, False) if ini.due else ""),
        ("Næste skridt", ini.next_step or ""),
    ]
    sized_table(doc, [r for r in rows if r[1]], bold_first=True)
    if ini.description:
        doc.add_paragraph(plain(ini.description))

    add_heading(doc, "Udvikling", 2)
    history = initiative_history(changes, ini.id, day)
    if history:
        sized_table(doc, [(da_date(d, False), text) for d, text in history], header=("Dato", "Ændring"))
    else:
        doc.add_paragraph("Ingen registrerede ændringer.")

    add_heading(doc, "Åbne opgaver", 2)
    open_actions = [a for a in ws.actions if a.initiative == ini.id and a.state != ActionState.CLOSED]
    if open_actions:
        add_list(
            doc,
            [
                f"{a.text} – ansvarlig: {', '.join(people.get(o, o) for o in a.owners) or 'ingen'}"
                + (f", frist {da_date(a.due, False)}" if a.due else "")
                for a in open_actions
            ],
        )
    else:
        doc.add_paragraph("Ingen åbne opgaver.")

    add_heading(doc, "Tidligere beslutninger", 2)
    decided = []
    for m in sorted((m for m in ws.meetings if m.date < before), key=lambda m: m.date):
        for item in agenda_for(ws, m.id):
            if ini.id in item.initiatives and item.decision:
                decided.append(f"{da_date(m.date, False)}, punkt {item.number} ({item.title}): {item.decision}")
    if decided:
        add_list(doc, decided)
    else:
        doc.add_paragraph("Forummet har ikke tidligere truffet beslutninger om initiativet.")
    doc.add_paragraph(f"Data pr. {da_date(day, False)}.").runs[0].italic = True
    fixed_properties(doc, letter)
    return doc
