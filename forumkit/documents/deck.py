"""The PowerPoint deck for the council (16:9): title, one slide per chart with headline and takeaway,
and the initiatives started and completed in the year."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from ..model.danish import da_date
from ..rules.status_data import ChartData, YearFacts
from .office import normalized_zip, plain

__all__ = ["build_deck"]


def _text(slide, text: str, left: float, top: float, width: float, height: float, size: int, bold: bool = False,
          colour=(0x22, 0x22, 0x22)):
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    lines = plain(text).split("\n")
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = RGBColor(*colour)
    return box


def build_deck(forum_name: str, municipality: str, facts: YearFacts, charts: list[tuple[ChartData, Path]],
               made: date, previous: YearFacts | None, snapshot: str) -> bytes:
    """The deck's bytes. ``charts`` pairs each chart's data with its PNG."""
    from pptx import Presentation
    from pptx.util import Emu, Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)  # exactly 16:9
    blank = deck.slide_layouts[6]

    slide = deck.slides.add_slide(blank)
    _text(slide, f"Status {facts.year}", 0.8, 2.0, 11.5, 1.2, 44, bold=True)
    _text(slide, forum_name, 0.8, 3.2, 11.5, 0.8, 24)
    _text(slide, f"{municipality} · {da_date(made, False)}", 0.8, 4.1, 11.5, 0.6, 18, colour=(0x55, 0x55, 0x55))

    slide = deck.slides.add_slide(blank)
    _text(slide, f"Året {facts.year} i tal", 0.6, 0.4, 12, 0.8, 30, bold=True)
    lines = _key_figures(facts, previous)
    _text(slide, "\n".join(lines), 0.8, 1.5, 11.8, 5.4, 20)

    for chart, png in charts:
        slide = deck.slides.add_slide(blank)
        _text(slide, chart.title, 0.5, 0.25, 12.3, 0.7, 28, bold=True)
        _text(slide, chart.takeaway, 0.5, 0.95, 12.3, 0.5, 18, colour=(0x33, 0x33, 0x33))
        slide.shapes.add_picture(str(png), Inches(1.1), Inches(1.55), height=Inches(5.7))

    slide = deck.slides.add_slide(blank)
    _text(slide, f"Initiativer sat i gang og gennemført i {facts.year}", 0.5, 0.3, 12.3, 0.8, 28, bold=True)
    started = [f"• {i.id} {i.title}" for i in facts.started] or ["• ingen"]
    completed = [f"• {i.id} {i.title}" for i in facts.completed] or ["• ingen"]
    _text(slide, f"Sat i gang ({len(facts.started)})\n" + "\n".join(started), 0.5, 1.3, 6.1, 5.8, 14)
    _text(slide, f"Gennemført ({len(facts.completed)})\n" + "\n".join(completed), 6.8, 1.3, 6.1, 5.8, 14)
    _text(slide, f"Datagrundlag: {snapshot[:12]} · {da_date(facts.as_of, False)}", 0.5, 7.0, 12, 0.4, 10,
          colour=(0x77, 0x77, 0x77))

    props = deck.core_properties
    props.title = plain(f"Status {facts.year}: {forum_name}")
    props.author = props.last_modified_by = "forumkit"
    from datetime import datetime

    props.created = props.modified = datetime(made.year, made.month, made.day)
    props.revision = 1
    buffer = io.BytesIO()
    deck.save(buffer)
    return normalized_zip(buffer.getvalue())


def _change(now, before, unit: str = "", scale: float = 1, fmt=None) -> str:
    """' (+3 fra året før)' – the change from the previous year, or nothing when there is no previous year."""
    if now is None or before is None:
        return ""
    delta = (now - before) * scale
    if round(delta) == 0:
        return " (uændret fra året før)"
    from ..model.danish import da_number

    return f" ({'+' if delta > 0 else '−'}{(fmt or da_number)(abs(delta))}{unit} fra året før)"


def _key_figures(facts: YearFacts, previous: YearFacts | None) -> list[str]:
    from ..model.danish import da_kroner, da_number, da_percent

    p = previous
    rate = da_percent(facts.attendance_rate * 100) if facts.attendance_rate is not None else "–"
    return [
        f"Møder afholdt: {len(facts.meetings_held)}" + _change(len(facts.meetings_held),
                                                                len(p.meetings_held) if p else None),
        f"Fremmøde: {rate}" + _change(facts.attendance_rate, p.attendance_rate if p else None, " procentpoint", 100),
        f"Initiativer sat i gang: {len(facts.started)}" + _change(len(facts.started), len(p.started) if p else None),
        f"Initiativer gennemført: {len(facts.completed)}" + _change(len(facts.completed),
                                                                     len(p.completed) if p else None),
        f"Sikrede ressourcer: {da_kroner(facts.budget_secured)}" + _change(
            facts.budget_secured, p.budget_secured if p else None, " kr.", fmt=da_number),
        f"Arbejdsgrupper: {facts.working_groups}",
        "Netværkenes medlemmer: " + ("; ".join(f"{n.replace('Erhvervsnetværk for ', '')} {c}"
                                               for n, c in facts.networks_members.items()) or "ingen endnu"),
        f"Opfølgningsopgaver: {facts.actions_closed} lukket, {facts.actions_open} åbne",
    ]
