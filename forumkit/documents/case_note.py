"""The Word case note for the council committee, in the municipality's usual format: Resumé, Indstilling,
Sagsfremstilling, Økonomi, Kommunikation/høring, Bilag – every fact computed from the data."""

from __future__ import annotations

from datetime import date

from ..model.danish import da_date, da_kroner, da_number, da_percent
from ..rules.status_data import YearFacts
from .office import Letter, add_heading, add_list, fixed_properties, new_document, plain

__all__ = ["build_case_note", "case_facts", "private_facts"]


def _and(parts: list[str]) -> str:
    return " og ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def case_facts(facts: YearFacts, previous: YearFacts | None, dates: dict[str, date]) -> list[str]:
    """The Sagsfremstilling's facts, as sentences (in the case note, on the screen and in the notebook). Meetings
    are named by their Danish date (``dates``: meeting id → date), never by their id."""
    held = len(facts.meetings_held)
    named = [f"den {da_date(dates[m], False)}" for m in facts.meetings_held if m in dates]
    rate = da_percent(facts.attendance_rate * 100) if facts.attendance_rate is not None else "ikke registreret"
    lines = [
        f"Forummet har holdt {held} møde{'r' if held != 1 else ''} i {facts.year}"
        + (f" ({_and(named)})" if named and len(named) == held else "")
        + f"; fremmødet var {rate}.",
        f"{len(facts.started)} initiativer er sat i gang, og {len(facts.completed)} er gennemført i {facts.year}.",
        f"Der er sikret {da_kroner(facts.budget_secured)} af {da_kroner(facts.budget_asked)} søgt til "
        "initiativerne i kataloget.",
        f"{facts.working_groups} arbejdsgrupper arbejder med konkrete indsatser.",
    ]
    if facts.networks_members:
        lines.append(_networks_sentence(facts.networks_members))
    if previous and not previous.is_empty:
        before = (
            f"Til sammenligning blev der i {previous.year} holdt {len(previous.meetings_held)} møder, "
            f"sat {len(previous.started)} initiativer i gang og gennemført {len(previous.completed)}"
        )
        if facts.budget_secured > previous.budget_secured:
            before += (
                f"; de sikrede ressourcer er steget fra {da_kroner(previous.budget_secured)} til "
                f"{da_kroner(facts.budget_secured)}"
            )
        lines.append(before if before.endswith(".") else before + ".")  # "… 692.000 kr." ends the sentence
    return lines


def private_facts(facts: YearFacts) -> list[str]:
    """The case note's section on private initiatives (the charter's 'private erhvervsinitiativer')."""
    if not facts.private:
        return [f"Der er ikke registreret private erhvervsinitiativer i kataloget pr. {da_date(facts.as_of, False)}."]
    n = len(facts.private)
    lines = [
        f"Forummet udvikler og understøtter {n} privat{'e' if n != 1 else ''} erhvervsinitiativ"
        f"{'er' if n != 1 else ''}:"
    ]
    for ini in sorted(facts.private, key=lambda i: i.id):
        owner = f", {ini.owner}" if ini.owner else ""
        progress = f", {da_percent(ini.progress)}" if ini.progress is not None else ""
        lines.append(f"{ini.title} ({ini.status}{progress}{owner})")
    return lines


_COUNT_WORDS = {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "syv", 8: "otte", 9: "ni", 10: "ti"}


def _networks_sentence(members: dict[str, int]) -> str:
    """'De N netværk har …' or '<netværk> har … medlemmer' – the count and the kind of network from the data."""
    if len(members) == 1:
        ((name, count),) = members.items()
        return f"{name} har {_members(count)}."
    names = list(members)
    first = {name.split(" for ", 1)[0] for name in names}
    kind = first.pop().lower() if len(first) == 1 and all(" for " in n for n in names) else "netværk"
    parts = [
        f"{_members(count)} ({name.split(' for ', 1)[1] if kind != 'netværk' else name})"
        for name, count in members.items()
    ]
    listed = ", ".join(parts[:-1]) + " og " + parts[-1]
    return f"De {_COUNT_WORDS.get(len(names), da_number(len(names)))} {kind} har {listed}."


def _members(count: int) -> str:
    return f"{da_number(count)} {'medlem' if count == 1 else 'medlemmer'}"


def build_case_note(
    *,
    forum_name: str,
    municipality: str,
    committee: str,
    recommendation: str,
    facts: YearFacts,
    previous: YearFacts | None,
    attachments: list[str],
    made: date,
    snapshot: str,
    takeaways: list[str],
    template: bytes | None = None,
    dates: dict | None = None,
):
    """The case note in Word; the data snapshot goes to the document properties, the reader sees the data date."""
    letter = Letter(
        title=f"Status på {forum_name} {facts.year}",
        subject=f"Sagsfremstilling til {committee}",
        municipality=municipality,
        day=made,
        unit=forum_name,
        data_as_of=facts.as_of,
        provenance=f"Datagrundlag (sha256): {snapshot}",
    )
    doc = new_document(letter, template)
    doc.add_paragraph(plain(f"{committee} · {da_date(made, False)}"))
    add_heading(doc, f"Status på {forum_name} {facts.year}", 1)

    add_heading(doc, "RESUMÉ", 2)
    doc.add_paragraph(
        plain(
            f"Kommissoriet for {forum_name} fastlægger, at kommunalbestyrelsen mindst én gang om året forelægges en "
            f"status på forummets arbejde. Sagen giver status for {facts.year}: "
            f"{len(facts.meetings_held)} møder, {len(facts.started)} initiativer sat i gang og "
            f"{len(facts.completed)} gennemført."
        )
    )

    add_heading(doc, "INDSTILLING", 2)
    doc.add_paragraph("Administrationen indstiller,").paragraph_format.keep_with_next = True
    add_list(doc, [f"{recommendation}."], numbered=True)

    add_heading(doc, "SAGSFREMSTILLING", 2)
    add_list(doc, case_facts(facts, previous, dates))
    doc.add_paragraph("Hovedpunkter fra årets grafer:").paragraph_format.keep_with_next = True
    add_list(doc, takeaways)
    if facts.completed:
        doc.add_paragraph("Gennemførte initiativer: " + "; ".join(plain(i.title) for i in facts.completed) + ".")
    doc.add_paragraph("Private erhvervsinitiativer").runs[0].bold = True
    first, *items = private_facts(facts)
    doc.add_paragraph(plain(first))
    for line in items:
        doc.add_paragraph(plain(line), style="List Bullet")
    if facts.inputs:
        doc.add_paragraph(
            plain(
                f"Forummet har i {facts.year} modtaget {da_number(facts.inputs)} input fra "
                "virksomheder og borgere (dialog og erfaringsudveksling)."
            )
        )

    add_heading(doc, "ØKONOMI", 2)
    doc.add_paragraph(
        plain(
            f"Sagen har ingen økonomiske konsekvenser. Initiativerne har samlet søgt "
            f"{da_kroner(facts.budget_asked)}, hvoraf {da_kroner(facts.budget_secured)} er sikret."
        )
    )

    add_heading(doc, "KOMMUNIKATION/HØRING", 2)
    doc.add_paragraph("Statussen er drøftet i forummet og sendes til forummets medlemmer.")

    add_heading(doc, "BILAG", 2)
    add_list(doc, attachments, numbered=True)
    doc.add_paragraph(f"Data pr. {da_date(facts.as_of, False)}.").runs[0].italic = True
    fixed_properties(doc, letter)
    return doc
