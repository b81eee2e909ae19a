"""The Word case note for the council committee, in the municipality's usual format: Resumé, Indstilling,
Sagsfremstilling, Økonomi, Kommunikation/høring, Bilag – every fact computed from the data."""

from __future__ import annotations

from datetime import date

from ..model.danish import da_date, da_kroner, da_number, da_percent
from ..rules.status_data import YearFacts
from .office import fixed_properties, plain

__all__ = ["build_case_note", "case_facts"]


def case_facts(facts: YearFacts, previous: YearFacts | None) -> list[str]:
    """The Sagsfremstilling's facts, as sentences (also shown in the notebook)."""
    held = len(facts.meetings_held)
    rate = da_percent(facts.attendance_rate * 100) if facts.attendance_rate is not None else "ikke registreret"
    lines = [
        f"Forummet har holdt {held} møde{'r' if held != 1 else ''} i {facts.year} "
        f"({', '.join(facts.meetings_held) or 'ingen'}); fremmødet var {rate}.",
        f"{len(facts.started)} initiativer er sat i gang, og {len(facts.completed)} er gennemført i {facts.year}.",
        f"Der er sikret {da_kroner(facts.budget_secured)} af {da_kroner(facts.budget_asked)} søgt til "
        "initiativerne i kataloget.",
        f"{facts.working_groups} arbejdsgrupper arbejder med konkrete indsatser.",
    ]
    if facts.networks_members:
        lines.append(_networks_sentence(facts.networks_members))
    if previous and not previous.is_empty:
        lines.append(
            f"Til sammenligning blev der i {previous.year} holdt {len(previous.meetings_held)} møder, "
            f"sat {len(previous.started)} initiativer i gang og gennemført {len(previous.completed)}; "
            f"de sikrede ressourcer er steget fra {da_kroner(previous.budget_secured)} til "
            f"{da_kroner(facts.budget_secured)}" if facts.budget_secured >= previous.budget_secured else
            f"Til sammenligning blev der i {previous.year} holdt {len(previous.meetings_held)} møder, "
            f"sat {len(previous.started)} initiativer i gang og gennemført {len(previous.completed)}.")
    return lines


_COUNT_WORDS = {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "syv", 8: "otte", 9: "ni", 10: "ti"}


def _networks_sentence(members: dict[str, int]) -> str:
    """'De N netværk har …' or '<netværk> har … medlemmer' – the count and the kind of network from the data."""
    if len(members) == 1:
        (name, count), = members.items()
        return f"{name} har {_members(count)}."
    names = list(members)
    first = {name.split(" for ", 1)[0] for name in names}
    kind = first.pop().lower() if len(first) == 1 and all(" for " in n for n in names) else "netværk"
    parts = [f"{_members(count)} ({name.split(' for ', 1)[1] if kind != 'netværk' else name})"
             for name, count in members.items()]
    listed = ", ".join(parts[:-1]) + " og " + parts[-1]
    return f"De {_COUNT_WORDS.get(len(names), da_number(len(names)))} {kind} har {listed}."


def _members(count: int) -> str:
    return f"{da_number(count)} {'medlem' if count == 1 else 'medlemmer'}"


def build_case_note(*, forum_name: str, municipality: str, committee: str, recommendation: str, facts: YearFacts,
                    previous: YearFacts | None, attachments: list[str], made: date, snapshot: str,
                    takeaways: list[str]):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_paragraph(municipality).runs[0].bold = True
    doc.add_paragraph(f"{committee} · {da_date(made, False)}")
    doc.add_heading(plain(f"Status på {forum_name} {facts.year}"), level=1)

    doc.add_heading("RESUMÉ", level=2)
    doc.add_paragraph(plain(
        f"Kommissoriet for {forum_name} fastlægger, at kommunalbestyrelsen mindst én gang om året forelægges en "
        f"status på forummets arbejde. Sagen giver status for {facts.year}: "
        f"{len(facts.meetings_held)} møder, {len(facts.started)} initiativer sat i gang og "
        f"{len(facts.completed)} gennemført."))

    doc.add_heading("INDSTILLING", level=2)
    doc.add_paragraph("Administrationen indstiller,")
    doc.add_paragraph(plain(f"1. {recommendation}."))

    doc.add_heading("SAGSFREMSTILLING", level=2)
    for line in case_facts(facts, previous):
        doc.add_paragraph(plain(line), style="List Bullet")
    doc.add_paragraph("Hovedpunkter fra årets grafer:")
    for line in takeaways:
        doc.add_paragraph(plain(line), style="List Bullet")
    if facts.completed:
        doc.add_paragraph("Gennemførte initiativer: " + "; ".join(plain(i.title) for i in facts.completed) + ".")

    doc.add_heading("ØKONOMI", level=2)
    doc.add_paragraph(plain(
        f"Sagen har ingen økonomiske konsekvenser. Initiativerne har samlet søgt "
        f"{da_kroner(facts.budget_asked)}, hvoraf {da_kroner(facts.budget_secured)} er sikret."))

    doc.add_heading("KOMMUNIKATION/HØRING", level=2)
    doc.add_paragraph("Statussen er drøftet i forummet og sendes til forummets medlemmer.")

    doc.add_heading("BILAG", level=2)
    for name in attachments:
        doc.add_paragraph(plain(name), style="List Number")
    doc.add_paragraph(f"Datagrundlag: {snapshot} pr. {da_date(facts.as_of, False)}").runs[0].italic = True
    fixed_properties(doc, f"Status {facts.year}", made)
    return doc
