"""The council deck read back: real layouts, one title per slide, alt text and notes, no overlaps, no hashes
or meeting ids, slide numbers, real tables; the municipality's own template (fonts, master) carried through;
a broken template refused before any work."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from forumkit.documents.deck import DEFAULT_TEMPLATE, open_template
from forumkit.documents.status_report import write_status_report
from forumkit.model.errors import InputError
from forumkit.rules.status_data import CHARTS
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY

DECK = "Status 2026 – præsentation.pptx"
HEX_RUN = re.compile(r"[0-9a-f]{12,}", re.IGNORECASE)
MEETING_ID = re.compile(r"\bM-\d{4}-\d+\b")


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("deck") / "ud"
    write_status_report(load_workspace(EXAMPLE), EXAMPLE, 2026, out, TODAY)
    return Presentation(out / DECK)


def _texts(slide) -> list[str]:
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    texts += [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    texts += [slide.notes_slide.notes_text_frame.text]
    texts += [
        shape._element.nvPicPr.cNvPr.get("descr", "")
        for shape in slide.shapes
        if shape.shape_type in (MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.PLACEHOLDER)
        and shape._element.tag.endswith("}pic")
    ]
    return texts


def _pictures(slide):
    return [shape for shape in slide.shapes if shape._element.tag.endswith("}pic")]


def _overlap(a, b) -> bool:
    return (
        a.left < b.left + b.width
        and b.left < a.left + a.width
        and a.top < b.top + b.height
        and b.top < a.top + a.height
    )


def _check_every_slide(deck) -> None:
    for number, slide in enumerate(deck.slides, start=1):
        ids = [int(e.get("id")) for e in slide.shapes._spTree.iter() if e.tag.endswith("}cNvPr")]
        assert len(ids) == len(set(ids)), (number, ids)  # PowerPoint "repairs" a slide with duplicate ids
        title = slide.shapes.title
        assert title is not None and title.is_placeholder and title.text_frame.text.strip(), number
        for picture in _pictures(slide):
            descr = picture._element.nvPicPr.cNvPr.get("descr", "")
            assert len(descr) > 40 and not descr.endswith(".png"), (number, descr)
            for shape in slide.shapes:
                if shape.has_text_frame and shape.text_frame.text.strip():
                    assert not _overlap(shape, picture), (number, shape.name)
        for text in _texts(slide):
            assert not HEX_RUN.search(text), (number, text)
            assert not MEETING_ID.search(text), (number, text)


def test_every_slide_has_a_title_alt_text_no_overlap_no_hash_no_meeting_id(deck):
    _check_every_slide(deck)


def test_slides_are_built_on_real_layouts(deck):
    slides = list(deck.slides)
    assert deck.slide_width * 9 == deck.slide_height * 16
    assert [s.slide_layout.name for s in slides] == (
        ["Titelslide", "Titel og indhold"] + ["Titel og billede"] * len(CHARTS) + ["Titel og indhold"]
    )
    kinds = {p.placeholder_format.type for p in slides[0].placeholders}
    assert PP_PLACEHOLDER.CENTER_TITLE in kinds and PP_PLACEHOLDER.SUBTITLE in kinds
    assert slides[0].shapes.title.text_frame.text == "Årsstatus 2026"
    assert [p.text_frame.text for p in slides[0].placeholders if p.placeholder_format.idx == 1] == [
        "Samarbejdsforum mellem Kommune og Erhvervsliv\nDragør Kommune · data pr. 26. november 2026"
    ]


def test_chart_slides_say_their_takeaway_once_and_carry_notes(deck):
    from tests.test_status_report import TAKEAWAYS_2026

    chart_slides = list(deck.slides)[2 : 2 + len(CHARTS)]
    for slide, (key, title) in zip(chart_slides, CHARTS.items(), strict=False):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert texts.count(TAKEAWAYS_2026[key]) == 1 and slide.shapes.title.text_frame.text == TAKEAWAYS_2026[key]
        assert title not in texts  # the chart's own title is not repeated on the slide
        assert len(_pictures(slide)) == 1 and _pictures(slide)[0].is_placeholder
        notes = slide.notes_slide.notes_text_frame.text
        assert "Tallene bag grafen:" in notes and "Kilde: " in notes
    attendance = chart_slides[list(CHARTS).index("attendance")]
    assert "23. apr. 2026: deltog 8, afbud 2" in attendance.notes_slide.notes_text_frame.text
    descr = _pictures(attendance)[0]._element.nvPicPr.cNvPr.get("descr")
    assert descr.startswith("Stablet liggende søjlediagram: Fremmøde pr. møde. Fremmøde i 2026: 85 % på 2 møder.")
    assert "1. okt. 2026: deltog 9, afbud 1" in descr
    budget = chart_slides[list(CHARTS).index("budget")]
    assert "Liv på Havnen: Søgt 625.000 kr., Sikret 215.000 kr." in budget.notes_slide.notes_text_frame.text


def test_slide_numbers_and_source_line(deck):
    for number, slide in enumerate(deck.slides, start=1):
        numbers = [p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER]
        footers = [p for p in slide.placeholders if p.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
        if number == 1:
            assert not numbers and not footers
            continue
        assert [p.text_frame.text for p in numbers] == [str(number)]
        assert 'type="slidenum"' in numbers[0]._element.xml
        assert [p.text_frame.text for p in footers] == [
            "Kilde: Samarbejdsforum mellem Kommune og Erhvervsliv, Dragør Kommune · data pr. 26. november 2026"
        ]


def test_tables_are_real_tables(deck):
    figures, listing = list(deck.slides)[1], list(deck.slides)[-1]
    assert figures.shapes.title.text_frame.text == "2026 i tal: 2 møder, 9 initiativer sat i gang og 2 gennemført"
    table = next(s for s in figures.shapes if s.has_table).table
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Nøgletal", "2026", "2025", "Ændring"]
    assert ["Initiativer gennemført", "2", "4", "−2"] in rows
    assert ["Sikrede ressourcer", "692.000 kr.", "215.000 kr.", "+477.000 kr."] in rows
    assert ["Fremmøde", "85 %", "85 %", "uændret"] in rows
    assert listing.shapes.title.text_frame.text == "9 initiativer sat i gang og 2 gennemført i 2026"
    rows = [[c.text for c in row.cells] for row in next(s for s in listing.shapes if s.has_table).table.rows]
    assert rows[0] == ["Initiativ", "Søjle", "I 2026", "Startdato"]
    assert ["Havnefest med lokale fødevarer", "Liv på Havnen", "sat i gang og gennemført", "01.03.2026"] in rows
    assert not _pictures(figures) and not _pictures(listing)


def test_danish_language_and_provenance_in_properties_only(deck):
    props = deck.core_properties
    assert props.language == "da-DK" and props.author == "Dragør Kommune"
    assert re.fullmatch(r"[0-9a-f]{64}", props.identifier)
    title_xml = list(deck.slides)[2].shapes.title._element.xml
    assert 'lang="da-DK"' in title_xml


def test_the_default_template_ships_with_the_package():
    assert DEFAULT_TEMPLATE.is_file() and DEFAULT_TEMPLATE.parent.name == "templates"
    names = [layout.name for layout in open_template(None).slide_layouts]
    assert names == ["Titelslide", "Titel og indhold", "Titel og billede", "Kun titel", "Tom"]


def _municipal_template(path) -> None:
    """A municipality's own 16:9 template: Georgia titles, Verdana text, a logo on the master, and
    a sample slide that must not end up in the deck."""
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12_192_000), Emu(6_858_000)
    master = deck.slide_master
    ns = {
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    }
    for style, font in (("p:titleStyle", "Georgia"), ("p:bodyStyle", "Verdana")):
        level = master._element.find(f"p:txStyles/{style}/a:lvl1pPr/a:defRPr", ns)
        for old in level.findall("a:latin", ns):
            level.remove(old)
        level.append(level.makeelement(f"{{{ns['a']}}}latin", {"typeface": font}))
    scratch = deck.slides.add_slide(deck.slide_layouts[6])
    logo = scratch.shapes.add_shape(1, Inches(11.5), Inches(0.2), Inches(1.5), Inches(0.6))
    logo.name = "Kommunelogo"
    logo.fill.solid()
    logo.fill.fore_color.rgb = RGBColor(0x00, 0x66, 0x33)
    master.shapes._spTree.append(logo._element)
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "Eksempelslide fra kommunen"
    deck.save(path)


def test_the_municipalitys_template_gives_its_fonts_and_master(workspace, tmp_path):
    _municipal_template(workspace / "skabelon.pptx")
    charter = workspace / "forum.toml"
    charter.write_text(
        charter.read_text(encoding="utf-8") + '\n[documents]\npowerpoint_template = "skabelon.pptx"\n', encoding="utf-8"
    )
    bundle = write_status_report(
        load_workspace(workspace), workspace, 2026, tmp_path / "ud", TODAY, charts=["status", "attendance"]
    )
    deck = Presentation(bundle.folder / DECK)
    master_xml = deck.slide_master._element.xml
    assert 'typeface="Georgia"' in master_xml and 'typeface="Verdana"' in master_xml
    assert "Kommunelogo" in [s.name for s in deck.slide_master.shapes]
    assert "Eksempelslide fra kommunen" not in [s.shapes.title.text_frame.text for s in deck.slides]
    slides = list(deck.slides)
    assert len(slides) == 2 + 2 + 1 and slides[0].slide_layout.name == "Title Slide"
    # The default python-pptx template has no title-and-picture layout: the picture goes in the content area.
    assert slides[2].slide_layout.name == "Title and Content" and len(_pictures(slides[2])) == 1
    _check_every_slide(deck)
    for slide in slides:  # no font of forumkit's own on any run: the template's fonts apply
        assert 'latin typeface="Calibri"' not in slide._element.xml


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04garbage"])
def test_a_broken_template_is_refused_before_any_work(workspace, tmp_path, content, monkeypatch):
    import forumkit.rules.status_data as data

    (workspace / "skabelon.pptx").write_bytes(content)
    charter = workspace / "forum.toml"
    charter.write_text(
        charter.read_text(encoding="utf-8") + '\n[documents]\npowerpoint_template = "skabelon.pptx"\n', encoding="utf-8"
    )
    monkeypatch.setattr(data, "chart_data", lambda *a: pytest.fail("work started"))
    with pytest.raises(InputError) as info:
        write_status_report(load_workspace(workspace), workspace, 2026, tmp_path / "ud", TODAY)
    assert info.value.message == "skabelon.pptx er ikke en PowerPoint-skabelon (.pptx/.potx), der kan åbnes"
    assert not (tmp_path / "ud").exists()


def test_a_missing_template_names_the_setting(workspace, tmp_path):
    charter = workspace / "forum.toml"
    charter.write_text(
        charter.read_text(encoding="utf-8") + '\n[documents]\npowerpoint_template = "mangler.pptx"\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        write_status_report(load_workspace(workspace), workspace, 2026, tmp_path / "ud", TODAY)
    assert info.value.field == "powerpoint_template"
    assert info.value.message.startswith("PowerPoint-skabelonen ") and "mangler.pptx findes ikke" in info.value.message


def test_a_potx_template_is_accepted(workspace, tmp_path):
    from forumkit.documents.deck import _PRESENTATION, _TEMPLATE

    data = DEFAULT_TEMPLATE.read_bytes()
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(_PRESENTATION.encode(), _TEMPLATE.encode())
            target.writestr(info, blob)
    (workspace / "skabelon.potx").write_bytes(out.getvalue())
    charter = workspace / "forum.toml"
    charter.write_text(
        charter.read_text(encoding="utf-8") + '\n[documents]\npowerpoint_template = "skabelon.potx"\n', encoding="utf-8"
    )
    bundle = write_status_report(load_workspace(workspace), workspace, 2026, tmp_path / "ud", TODAY, charts=["status"])
    assert len(Presentation(bundle.folder / DECK).slides) == 4


def test_a_long_list_of_initiatives_is_capped(tmp_path):
    """Thousands of initiatives started in a year: three table slides, the last row says how many more."""
    from dataclasses import replace

    from forumkit.documents.deck import MAX_LIST_SLIDES, ROWS_PER_SLIDE, build_deck
    from forumkit.rules.status_data import year_facts
    from forumkit.storage.store import read_changes

    ws = load_workspace(EXAMPLE)
    facts = year_facts(ws, read_changes(EXAMPLE), 2026, TODAY)
    many = tuple(
        facts.started[0].model_copy(update={"id": f"I-{n:05d}", "title": f"Initiativ {n:05d}"}) for n in range(500)
    )
    data = build_deck(
        "Forum",
        "Kommune",
        replace(facts, started=many),
        [],
        TODAY,
        None,
        "0" * 64,
        render=lambda *a: pytest.fail("no charts"),
    )
    (tmp_path / "d.pptx").write_bytes(data)
    slides = list(Presentation(tmp_path / "d.pptx").slides)
    assert len(slides) == 2 + MAX_LIST_SLIDES
    last = next(s for s in slides[-1].shapes if s.has_table).table
    assert last.cell(len(last.rows) - 1, 0).text == (
        f"… og {500 + len(facts.completed) - ROWS_PER_SLIDE * MAX_LIST_SLIDES + 1} initiativer mere (se idékataloget)"
    )
    assert slides[-1].shapes.title.text_frame.text.endswith(f"(fortsat, {MAX_LIST_SLIDES} af {MAX_LIST_SLIDES})")


def test_the_shipped_template_is_what_its_script_makes():
    """scripts/make_deck_template.py rebuilds the template byte for byte (so a change to it is reviewable),
    and the wheel takes it along (hatch packs every file under forumkit/)."""
    import importlib.util
    import tomllib

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("make_deck_template", ROOT / "scripts" / "make_deck_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TARGET == DEFAULT_TEMPLATE and module.build() == DEFAULT_TEMPLATE.read_bytes()
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    assert wheel["targets"]["wheel"]["packages"] == ["forumkit"] and "exclude" not in wheel["targets"]["wheel"]


def test_a_template_without_a_title_layout_is_refused(workspace, tmp_path):
    deck = Presentation()
    for layout in list(deck.slide_layouts):
        if layout.name != "Blank":
            deck.slide_layouts.remove(layout)
    deck.save(workspace / "tom.pptx")
    charter = workspace / "forum.toml"
    charter.write_text(
        charter.read_text(encoding="utf-8") + '\n[documents]\npowerpoint_template = "tom.pptx"\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        write_status_report(load_workspace(workspace), workspace, 2026, tmp_path / "ud", TODAY)
    assert info.value.message == "PowerPoint-skabelonen tom.pptx mangler et slide-layout med titel og indhold"
    assert info.value.field == "powerpoint_template" and info.value.value.endswith("tom.pptx")
    assert not (tmp_path / "ud").exists()


def test_an_unknown_documents_setting_is_a_charter_problem(workspace):
    from forumkit.model.charter import load_charter

    charter = workspace / "forum.toml"
    charter.write_text(
        charter.read_text(encoding="utf-8") + '\n[documents]\npowerpoint_skabelon = "x.pptx"\n', encoding="utf-8"
    )
    found, problems = load_charter(charter)
    assert found is None and problems and "powerpoint_skabelon" in str(problems[0])
