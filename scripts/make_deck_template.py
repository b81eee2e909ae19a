"""Make forumkit's default PowerPoint template (16:9, Danish, real slide layouts), reproducibly.

    PYTHONPATH=$PWD python scripts/make_deck_template.py

writes forumkit/documents/templates/forumkit_16x9.pptx from python-pptx's own default template: the slide
size becomes 16:9, the master gets a clean municipal look (left-aligned titles, a thin rule, a wide footer
for the source line, slide numbers), text is Danish (da-DK) and five layouts are kept under Danish names:
Titelslide, Titel og indhold, Titel og billede, Kun titel, Tom. The same python-pptx gives the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
from datetime import datetime
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Inches, Pt

from forumkit.documents.office import normalized_zip

TARGET = Path(__file__).resolve().parents[1] / "forumkit" / "documents" / "templates" / "forumkit_16x9.pptx"
NAVY, GREY = "1F3A5F", "595959"
WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)
MARGIN = Inches(0.6)
INNER = WIDTH - 2 * MARGIN
TITLE = (MARGIN, Inches(0.35), INNER, Inches(1.0))
BODY = (MARGIN, Inches(1.6), INNER, Inches(4.95))
FOOTER = (MARGIN, Inches(6.85), Inches(10.2), Inches(0.4))
NUMBER = (WIDTH - MARGIN - Inches(1.2), Inches(6.85), Inches(1.2), Inches(0.4))
DATE = (WIDTH - MARGIN - Inches(3.6), Inches(6.85), Inches(2.3), Inches(0.4))
PROMPTS = {
    "Click to edit Master title style": "Klik for at redigere titlen",
    "Click to edit Master subtitle style": "Klik for at redigere undertitlen",
    "Click to edit Master text styles": "Klik for at redigere teksten",
    "Second level": "Andet niveau",
    "Third level": "Tredje niveau",
    "Fourth level": "Fjerde niveau",
    "Fifth level": "Femte niveau",
}
KEEP = {
    "Title Slide": "Titelslide",
    "Title and Content": "Titel og indhold",
    "Two Content": "Titel og billede",
    "Title Only": "Kun titel",
    "Blank": "Tom",
}


def _place(shape, box) -> None:
    shape.left, shape.top, shape.width, shape.height = box


def _geometry(shape, kind, layout_name: str) -> None:
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
        _place(shape, (MARGIN, Inches(2.2), INNER, Inches(1.6)) if layout_name == "Title Slide" else TITLE)
    elif kind == PP_PLACEHOLDER.SUBTITLE:
        _place(shape, (MARGIN, Inches(3.95), INNER, Inches(1.5)))
    elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.PICTURE):
        _place(shape, BODY)
    elif kind == PP_PLACEHOLDER.FOOTER:
        _place(shape, FOOTER)
    elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
        _place(shape, NUMBER)
    elif kind == PP_PLACEHOLDER.DATE:
        _place(shape, DATE)


def _left(
    shape, size: int | None = None, colour: str | None = None, bold: bool | None = None, align: str = "l"
) -> None:
    """Paragraph and run defaults in a placeholder's list style (so slides inherit them)."""
    body = shape._element.txBody
    lst = body.find("{http://schemas.openxmlformats.org/drawingml/2006/main}lstStyle")
    for child in list(lst):
        lst.remove(child)
    ppr = lst.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}lvl1pPr", {"algn": align})
    rpr = ppr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr", {})
    if size:
        rpr.set("sz", str(size * 100))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    if colour:
        fill = rpr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill", {})
        fill.append(fill.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr", {"val": colour}))
        rpr.append(fill)
    ppr.append(rpr)
    lst.append(ppr)


def _style_master(master) -> None:
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        _geometry(shape, kind, "")
        if kind == PP_PLACEHOLDER.TITLE:
            shape.text_frame.vertical_anchor = 4  # bottom: one- and two-line titles end on the rule
        if kind == PP_PLACEHOLDER.FOOTER:
            _left(shape, 11, GREY)
        elif kind in (PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE):
            _left(shape, 11, GREY, align="r")
    ns = {
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    }
    title_style = master._element.find("p:txStyles/p:titleStyle/a:lvl1pPr", ns)
    title_style.set("algn", "l")
    run = title_style.find("a:defRPr", ns)
    run.set("sz", "2800")
    run.set("b", "1")
    for fill in run.findall("a:solidFill", ns):
        run.remove(fill)
    fill = run.makeelement(f"{{{ns['a']}}}solidFill", {})
    fill.append(fill.makeelement(f"{{{ns['a']}}}srgbClr", {"val": NAVY}))
    run.insert(0, fill)
    body_style = master._element.find("p:txStyles/p:bodyStyle", ns)
    for level, size in zip(range(1, 10), (22, 20, 18, 16, 16, 16, 16, 16, 16), strict=False):
        body_style.find(f"a:lvl{level}pPr/a:defRPr", ns).set("sz", str(size * 100))
    master.shapes._spTree.append(_rule(master))


RULE_Y, RULE_WIDTH = Inches(1.42), Pt(1.25)


def _rule(master, y=RULE_Y, right=WIDTH - MARGIN, width=RULE_WIDTH, name="Titellinje"):
    """A navy line (drawn on a scratch slide, moved to the master or a layout: they cannot add shapes)."""
    from pptx import Presentation as Scratch

    scratch = Scratch()
    slide = scratch.slides.add_slide(scratch.slide_layouts[6])
    rule = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, MARGIN, y, right, y)
    rule.line.color.rgb = RGBColor.from_string(NAVY)
    rule.line.width = width
    rule.name = name
    return copy.deepcopy(rule._element)


def _picture_layout(layout) -> None:
    """'Two Content' becomes 'Titel og billede': the first content placeholder becomes a picture placeholder."""
    content = [s for s in layout.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    content[1]._element.getparent().remove(content[1]._element)
    ph = content[0]._element.nvSpPr.nvPr.ph
    ph.set("type", "pic")
    content[0]._element.nvSpPr.cNvPr.set("name", "Billedpladsholder 2")
    for paragraph in content[0]._element.txBody.findall("{http://schemas.openxmlformats.org/drawingml/2006/main}p")[1:]:
        paragraph.getparent().remove(paragraph)


def _danish(xml: bytes) -> bytes:
    text = xml.decode("utf-8").replace('lang="en-US"', 'lang="da-DK"')
    for english, danish in PROMPTS.items():
        text = text.replace(f">{english}<", f">{danish}<")
    return text.encode("utf-8")


def _theme(master) -> None:
    theme = master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', rf"\g<1>{NAVY}", xml)
    xml = re.sub(r'(<a:accent2>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', r"\g<1>0072B2", xml)
    xml = re.sub(r'<a:theme ([^>]*)name="[^"]*"', r'<a:theme \1name="forumkit"', xml, count=1)
    theme._blob = xml.encode("utf-8")


def build() -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    master = deck.slide_master
    _style_master(master)
    _theme(master)
    for layout in list(deck.slide_layouts):
        if layout.name not in KEEP:
            deck.slide_layouts.remove(layout)
            continue
        name = layout.name
        if name == "Two Content":
            _picture_layout(layout)
        if name == "Title Slide":
            layout._element.set("showMasterSp", "0")  # no title rule on the title slide, a short bar instead
            layout.shapes._spTree.append(_rule(master, Inches(2.8), MARGIN + Inches(2.4), Pt(6), "Titelbjælke"))
        for shape in layout.placeholders:
            _geometry(shape, shape.placeholder_format.type, name)
            if name == "Title Slide" and shape.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE:
                _left(shape, 40, NAVY, bold=True)
                shape.text_frame.vertical_anchor = 4
            elif name == "Title Slide" and shape.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE:
                _left(shape, 20, GREY)
                sub = shape._element.txBody.find(
                    "{http://schemas.openxmlformats.org/drawingml/2006/main}lstStyle/"
                    "{http://schemas.openxmlformats.org/drawingml/2006/main}lvl1pPr"
                )
                sub.set("marL", "0")
                sub.set("indent", "0")
                sub.insert(0, sub.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}buNone", {}))
        layout._element.cSld.set("name", KEEP[name])
    # Order the layouts as a user reads them: title, content, picture, title only, blank.
    ids = master._element.sldLayoutIdLst
    order = ["Titelslide", "Titel og indhold", "Titel og billede", "Kun titel", "Tom"]
    entries = {master.part.related_part(e.rId).slide_layout.name: e for e in ids}
    for entry in list(ids):
        ids.remove(entry)
    for name in order:
        ids.append(copy.deepcopy(entries[name]))
    props = deck.core_properties
    props.title, props.author, props.last_modified_by = "forumkit – standardskabelon", "forumkit", "forumkit"
    props.subject, props.language, props.revision = "Skabelon til årsstatus", "da-DK", 1
    props.created = props.modified = datetime(2026, 1, 1)
    buffer = io.BytesIO()
    deck.save(buffer)
    return _translate(normalized_zip(buffer.getvalue()))


def _translate(data: bytes) -> bytes:
    """Danish prompt texts and language in every XML part (the master's and layouts' sample text)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename.endswith(".xml"):
                blob = _danish(blob)
            target.writestr(info, blob)
    return normalized_zip(out.getvalue())


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(f"wrote {TARGET.relative_to(Path.cwd()) if TARGET.is_relative_to(Path.cwd()) else TARGET}")
