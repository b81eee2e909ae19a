"""The PowerPoint deck for the council, built on real slide layouts of a template (forumkit's own 16:9
template, or the municipality's): a title slide, the year in figures as a table, one slide per chart whose
title is the chart's takeaway, and the initiatives started and completed as a table. Every picture has
alt text, every slide speaker notes with the figures behind it, and every slide but the first a number."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..model.danish import da_date, da_date_short, da_kroner, da_number
from ..model.errors import InputError
from ..model.vocab import Status
from ..rules.status_data import ChartData, YearFacts, chart_figures, chart_summary
from .office import normalized_zip, plain

__all__ = ["DEFAULT_TEMPLATE", "build_deck", "open_template"]

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "forumkit_16x9.pptx"
ROWS_PER_SLIDE = 10
MAX_LIST_SLIDES = 3
Render = Callable[[ChartData, float, float], bytes]  # chart, width and height in inches -> PNG bytes
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TEMPLATE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"


def open_template(path: Path | None, setting: str = "powerpoint_template"):
    """The template as an empty python-pptx Presentation (its sample slides removed); a missing or broken
    file is an :class:`InputError` naming the setting. A .potx is opened as the .pptx it would make."""
    from pptx import Presentation

    path = Path(path) if path else DEFAULT_TEMPLATE
    if path.is_dir():
        raise InputError(
            setting,
            str(path),
            f"PowerPoint-skabelonen {path} er en mappe, ikke en fil – ret [documents] {setting} i forum.toml",
        )
    if not path.is_file():
        raise InputError(
            setting, str(path), f"PowerPoint-skabelonen {path} findes ikke – ret [documents] {setting} i forum.toml"
        )
    try:
        data = path.read_bytes()
        if _TEMPLATE.encode() in _content_types(data):
            data = _as_presentation(data)
        deck = Presentation(io.BytesIO(data))
    except Exception:
        raise InputError(
            setting, str(path), f"{path.name} er ikke en PowerPoint-skabelon (.pptx/.potx), der kan åbnes"
        ) from None
    slides = deck.slides._sldIdLst
    for entry in list(slides):
        deck.part.drop_rel(entry.rId)
        slides.remove(entry)
    try:  # a template without a title-and-content layout is refused here, before any work
        _find_layouts(deck)
    except InputError:
        raise InputError(
            setting, str(path), f"PowerPoint-skabelonen {path.name} mangler et slide-layout med titel og indhold"
        ) from None
    return deck


def _content_types(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return source.read("[Content_Types].xml")


def _as_presentation(data: bytes) -> bytes:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(_TEMPLATE.encode(), _PRESENTATION.encode())
            target.writestr(info, blob)
    return out.getvalue()


@dataclass(frozen=True)
class _Layouts:
    title: object
    content: object
    picture: object | None


def _kinds(layout) -> set:
    return {ph.placeholder_format.type for ph in layout.placeholders}


def _find_layouts(deck) -> _Layouts:
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    layouts = list(deck.slide_layouts)
    titled = [lay for lay in layouts if _kinds(lay) & {PH.TITLE, PH.CENTER_TITLE}]
    content = [
        lay for lay in titled if PH.TITLE in _kinds(lay) and _body(lay) is not None and PH.PICTURE not in _kinds(lay)
    ]
    pictures = [lay for lay in titled if _title_and_picture(lay)]
    if not titled or not content:
        raise InputError(
            "powerpoint_template", "", "PowerPoint-skabelonen mangler et slide-layout med titel og indhold"
        )
    first = next((lay for lay in titled if PH.CENTER_TITLE in _kinds(lay)), content[0])
    return _Layouts(first, content[0], pictures[0] if pictures else None)


def _title_and_picture(layout) -> bool:
    """A layout with a title on top and a picture below it, and no text box beside (not 'picture with
    caption', whose title is a small caption under the picture)."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    kinds = _kinds(layout)
    if PH.TITLE not in kinds or PH.PICTURE not in kinds or kinds & {PH.BODY, PH.OBJECT}:
        return False
    title = next(ph for ph in layout.placeholders if ph.placeholder_format.type == PH.TITLE)
    picture = next(ph for ph in layout.placeholders if ph.placeholder_format.type == PH.PICTURE)
    return (picture.top or 0) >= (title.top or 0) + (title.height or 0) * 0.9


def _body(layout):
    """The layout's main content placeholder (object or body, the largest), or None."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    found = [ph for ph in layout.placeholders if ph.placeholder_format.type in (PH.OBJECT, PH.BODY)]
    return max(found, key=lambda ph: (ph.width or 0) * (ph.height or 0), default=None)


def _lang(paragraph) -> None:
    for run in paragraph.runs:
        run._r.get_or_add_rPr().set("lang", "da-DK")
    end = paragraph._p.find(f"{_A}endParaRPr")
    if end is not None:
        end.set("lang", "da-DK")


def _set_text(frame, text: str, size: int | None = None, bold: bool | None = None, align=None) -> None:
    from pptx.util import Pt

    lines = plain(text).split("\n")
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for paragraph in frame.paragraphs:
        if align is not None:
            paragraph.alignment = align
        for run in paragraph.runs:
            if size:
                run.font.size = Pt(size)
            if bold is not None:
                run.font.bold = bold
        _lang(paragraph)


class _Deck:
    """One deck being filled: slides on the template's layouts, footers, numbers and notes."""

    def __init__(self, deck, source: str):
        self.deck, self.source = deck, source
        self.layouts = _find_layouts(deck)

    def slide(self, layout, title: str, notes: list[str], numbered: bool = True):
        from pptx.enum.text import MSO_AUTO_SIZE

        slide = self.deck.slides.add_slide(layout)
        _set_text(slide.shapes.title.text_frame, title)
        slide.shapes.title.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # a long takeaway shrinks
        if numbered:
            self._footer(slide)
        _set_text(slide.notes_slide.notes_text_frame, "\n".join(notes))
        return slide

    def _footer(self, slide) -> None:
        """Copy the layout's footer and slide-number placeholders onto the slide (PowerPoint shows them only
        then), with the source line in the footer and the number written into the number field."""
        from pptx.enum.shapes import PP_PLACEHOLDER as PH

        number = len(self.deck.slides)
        for ph in slide.slide_layout.placeholders:
            kind = ph.placeholder_format.type
            if kind not in (PH.FOOTER, PH.SLIDE_NUMBER):
                continue
            element = copy.deepcopy(ph._element)
            element.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))  # ids are unique per slide
            slide.shapes._spTree.append(element)
            shape = slide.shapes[-1]
            # Position written out (not only inherited): LibreOffice misplaces inherited footers.
            shape.left, shape.top, shape.width, shape.height = ph.left, ph.top, ph.width, ph.height
            if kind == PH.FOOTER:
                _set_text(shape.text_frame, self.source)
            else:
                fields = element.findall(f".//{_A}fld")
                if fields:
                    fields[0].find(f"{_A}t").text = str(number)
                else:
                    _set_text(shape.text_frame, str(number))
            for props in element.iter(f"{_A}rPr", f"{_A}endParaRPr"):  # the theme's body font, not the app's
                if props.find(f"{_A}latin") is None:
                    props.append(props.makeelement(f"{_A}latin", {"typeface": "+mn-lt"}))

    def content_area(self, slide):
        """Remove the slide's content placeholder and return its box (left, top, width, height) in EMU."""
        from pptx.enum.shapes import PP_PLACEHOLDER as PH

        found = [ph for ph in slide.placeholders if ph.placeholder_format.type in (PH.OBJECT, PH.BODY, PH.PICTURE)]
        body = max(found, key=lambda ph: (ph.width or 0) * (ph.height or 0))
        box = (body.left, body.top, body.width, body.height)
        body._element.getparent().remove(body._element)
        return box

    def tidy(self, slide) -> None:
        """Drop placeholders a template's layout brought along that this slide does not fill."""
        from pptx.enum.shapes import PP_PLACEHOLDER as PH

        for ph in list(slide.placeholders):
            kind = ph.placeholder_format.type
            if kind in (PH.FOOTER, PH.SLIDE_NUMBER, PH.TITLE, PH.CENTER_TITLE) or ph.shape_type == 13:
                continue
            if not (ph.has_text_frame and ph.text_frame.text.strip()) and ph.__class__.__name__ != "PlaceholderPicture":
                ph._element.getparent().remove(ph._element)


def build_deck(
    forum_name: str,
    municipality: str,
    facts: YearFacts,
    charts: list[ChartData],
    made: date,
    previous: YearFacts | None,
    snapshot: str,
    *,
    render: Render,
    template: Path | None = None,
    pillar_names: dict[str, str] | None = None,
) -> bytes:
    """The deck's bytes. ``render`` draws a chart (without its own title) at the size the slide gives it."""
    deck = open_template(template)
    as_of = da_date(facts.as_of, False)
    filling = _Deck(deck, f"Kilde: {forum_name}, {municipality} · data pr. {as_of}")
    layouts = filling.layouts
    year = facts.year

    slide = filling.slide(
        layouts.title,
        f"Årsstatus {year}",
        [f"Årsstatus {year} for {forum_name}.", f"Data pr. {as_of}; præsentationen er lavet {da_date(made, False)}."],
        numbered=False,
    )
    subtitle = [ph for ph in slide.placeholders if ph.placeholder_format.idx != 0 and ph.has_text_frame]
    if subtitle:
        _set_text(subtitle[0].text_frame, f"{forum_name}\n{municipality} · data pr. {as_of}")
    filling.tidy(slide)

    rows = _key_figures(facts, previous)
    slide = filling.slide(
        layouts.content,
        _year_title(facts),
        [f"{r[0]}: {r[1]}" + (f" ({year - 1}: {r[2]}; {r[3]})" if previous else "") for r in rows],
    )
    header = ["Nøgletal", str(year)] + ([str(year - 1), "Ændring"] if previous else [])
    _table(
        slide,
        filling.content_area(slide),
        header,
        [r[: len(header)] for r in rows],
        widths=(6, 2.5, 2.5, 3) if previous else (6, 2.5),
    )
    filling.tidy(slide)

    for chart in charts:
        _chart_slide(filling, chart, render)

    _initiative_slides(filling, facts, pillar_names or {})

    props = deck.core_properties
    props.title = plain(f"Årsstatus {year}: {forum_name}")
    props.subject = "Årsstatus til kommunalbestyrelsen"
    props.author = plain(municipality)
    props.last_modified_by = "forumkit"
    props.language = "da-DK"
    props.keywords = f"årsstatus; {year}"
    props.comments = f"Data pr. {as_of}. Datagrundlag (sha256): {snapshot}"
    props.identifier = snapshot
    props.created = props.modified = datetime(made.year, made.month, made.day)
    props.revision = 1
    props.category = props.content_status = ""
    buffer = io.BytesIO()
    deck.save(buffer)
    return normalized_zip(buffer.getvalue())


def _chart_slide(filling: _Deck, chart: ChartData, render: Render) -> None:
    from pptx.util import Emu

    from .charts import CHART_KINDS

    figures = chart_figures(chart)
    layout = filling.layouts.picture or filling.layouts.content
    slide = filling.slide(
        layout,
        chart.takeaway,
        [f"{chart.title}: {chart.takeaway}.", "", "Tallene bag grafen:", *figures, "", filling.source],
    )
    alt = f"{CHART_KINDS.get(chart.key, 'Diagram')}: {chart.title}. {chart.takeaway}. {chart_summary(chart)}."
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    holder = next((ph for ph in slide.placeholders if ph.placeholder_format.type == PH.PICTURE), None)
    if holder is not None:
        png = render(chart, Emu(holder.width).inches, Emu(holder.height).inches)
        picture = holder.insert_picture(io.BytesIO(png))
        picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0
    else:
        left, top, width, height = filling.content_area(slide)
        png = render(chart, Emu(width).inches, Emu(height).inches)
        picture = slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)
    picture._element.nvPicPr.cNvPr.set("descr", plain(alt))
    picture._element.nvPicPr.cNvPr.set("name", plain(chart.title))
    filling.tidy(slide)


def _table(slide, box, header: list[str], rows: list[list[str]], widths) -> None:
    """A real (editable) PowerPoint table in ``box``: a header row, numbers right-aligned."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Pt

    left, top, width, height = box
    row_height = min(Emu(height // (len(rows) + 1)), Pt(34))
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width, row_height * (len(rows) + 1))
    table = shape.table
    total = sum(widths)
    for i, w in enumerate(widths):
        table.columns[i].width = Emu(int(width * w / total))
    for r in range(len(rows) + 1):
        table.rows[r].height = row_height
    size = 16 if len(rows) <= 8 else 14
    numeric = [
        c > 0 and all(_numeric(row[c]) for row in rows if row[c]) and any(row[c] for row in rows)
        for c in range(len(header))
    ]
    for c, text in enumerate(header):
        _set_text(
            table.cell(0, c).text_frame,
            text,
            size=size,
            bold=True,
            align=PP_ALIGN.RIGHT if numeric[c] else PP_ALIGN.LEFT,
        )
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            _set_text(
                table.cell(r, c).text_frame,
                text or "",
                size=size,
                align=PP_ALIGN.RIGHT if numeric[c] else PP_ALIGN.LEFT,
            )
    shape.name = "Tabel"


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "+−–" or text == "uændret")


def _year_title(facts: YearFacts) -> str:
    held = len(facts.meetings_held)
    return (
        f"{facts.year} i tal: {da_number(held)} {'møde' if held == 1 else 'møder'}, "
        f"{da_number(len(facts.started))} initiativer sat i gang og {da_number(len(facts.completed))} gennemført"
    )


def _delta(now, before, unit: str = "", scale: float = 1, fmt=lambda v: da_number(v)) -> str:
    """'+3', '−477.000 kr.', 'uændret' – the change from the previous year."""
    if now is None or before is None:
        return "–"
    delta = (now - before) * scale
    if round(delta) == 0:
        return "uændret"
    return f"{'+' if delta > 0 else '−'}{fmt(abs(delta))}{unit}"


def _key_figures(facts: YearFacts, previous: YearFacts | None) -> list[list[str]]:
    """Rows of (figure, this year, last year, change)."""
    p = previous

    def rate(f: YearFacts | None) -> str:
        return f"{round(f.attendance_rate * 100)} %" if f and f.attendance_rate is not None else "–"

    def row(label: str, now, before, text=lambda v: da_number(v), unit: str = "", scale: float = 1):
        return [
            label,
            text(now) if now is not None else "–",
            text(before) if before is not None else "–",
            _delta(now, before, unit, scale),
        ]

    rows = [
        row("Møder afholdt", len(facts.meetings_held), len(p.meetings_held) if p else None),
        [
            "Fremmøde",
            rate(facts),
            rate(p),
            _delta(facts.attendance_rate, p.attendance_rate if p else None, " procentpoint", 100),
        ],
        row("Initiativer sat i gang", len(facts.started), len(p.started) if p else None),
        row("Initiativer gennemført", len(facts.completed), len(p.completed) if p else None),
        row("Sikrede ressourcer", facts.budget_secured, p.budget_secured if p else None, text=da_kroner, unit=" kr."),
        row("Arbejdsgrupper", facts.working_groups, p.working_groups if p else None),
    ]
    for name, count in facts.networks_members.items():
        rows.append(row(f"Medlemmer: {name}", count, p.networks_members.get(name) if p else None))
    rows.append(row("Opfølgningsopgaver lukket", facts.actions_closed, p.actions_closed if p else None))
    rows.append(row("Opfølgningsopgaver åbne", facts.actions_open, p.actions_open if p else None))
    return rows


def _short(text: str, limit: int = 90) -> str:
    """A table cell's text cut at a word near ``limit`` characters (the full text is in the catalogue)."""
    text = " ".join(plain(text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _initiative_slides(filling: _Deck, facts: YearFacts, pillar_names: dict[str, str]) -> None:
    """The initiatives started or completed in the year, as tables of ``ROWS_PER_SLIDE`` rows."""
    year = facts.year
    started = {i.id for i in facts.started}
    completed = {i.id for i in facts.completed}
    chosen = {i.id: i for i in [*facts.started, *facts.completed]}
    order = list(pillar_names)
    items = sorted(
        chosen.values(), key=lambda i: (order.index(i.pillar) if i.pillar in order else len(order), i.title, i.id)
    )

    def what(i) -> str:
        return (
            "sat i gang og gennemført"
            if i.id in started and i.id in completed
            else Status.DONE
            if i.id in completed
            else "sat i gang"
        )

    rows = [
        [
            _short(i.title),
            pillar_names.get(i.pillar, i.pillar),
            what(i),
            da_date_short(i.start) if i.start and i.id in started else "",
        ]
        for i in items
    ]
    title = (
        f"{da_number(len(facts.started))} initiativer sat i gang og {da_number(len(facts.completed))} "
        f"gennemført i {year}"
    )
    if not rows:
        rows = [["Ingen initiativer sat i gang eller gennemført", "", "", ""]]
    capacity = ROWS_PER_SLIDE * MAX_LIST_SLIDES
    shown, hidden = rows[:capacity], rows[capacity:]
    if hidden:
        shown = shown[:-1] + [[f"… og {da_number(len(hidden) + 1)} initiativer mere (se idékataloget)", "", "", ""]]
    pages = [shown[i : i + ROWS_PER_SLIDE] for i in range(0, len(shown), ROWS_PER_SLIDE)]
    for number, page in enumerate(pages, start=1):
        heading = title if number == 1 else f"{title} (fortsat, {number} af {len(pages)})"
        notes = [f"{r[0]} ({r[1]}): {r[2]}" + (f", startet {r[3]}" if r[3] else "") for r in page if r[1]]
        slide = filling.slide(filling.layouts.content, heading, notes or ["Ingen initiativer."])
        _table(
            slide,
            filling.content_area(slide),
            ["Initiativ", "Søjle", f"I {year}", "Startdato"],
            page,
            widths=(5.5, 4, 3, 2.5),
        )
        filling.tidy(slide)
