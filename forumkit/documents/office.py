"""Shared Word (python-docx) helpers: the page (A4, da-DK, "Side X af Y"), the municipality's template or a
plain letter look, headings kept with their text, tables sized to their content, and fixed properties."""

from __future__ import annotations

import contextlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..model.danish import da_date
from ..model.errors import InputError
from ..storage.atomic import write_atomic

__all__ = [
    "LANG",
    "Letter",
    "add_heading",
    "add_label",
    "add_list",
    "docx_bytes",
    "fixed_properties",
    "load_template",
    "new_document",
    "normalized_zip",
    "plain",
    "save_docx",
    "sized_table",
    "workspace_template",
]

LANG = "da-DK"
FONT = "Arial"  # Liberation Sans (metric twin) on Linux; a municipal template brings its own
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
MAX_TEMPLATE_BYTES = 20_000_000


def plain(text: object) -> str:
    """User text as plain Word text: control characters (illegal in XML) removed."""
    return "".join(ch for ch in str(text or "") if ch in "\t\n" or ord(ch) >= 32)


@dataclass(frozen=True)
class Letter:
    """What a document says about itself: shown in its properties, and on its pages as a reader expects."""

    title: str
    subject: str
    municipality: str
    day: date
    unit: str = ""  # the sender under the municipality's name ("Samarbejdsforum ...")
    data_as_of: date | None = None
    provenance: str = ""  # data snapshot etc.: properties only, never the body
    page_numbers: bool = True


def load_template(path: Path | None) -> bytes | None:
    """The municipality's Word template (.docx or .dotx) as bytes, checked once, with a Danish message."""
    if path is None:
        return None
    path = Path(path)
    if not path.is_file():
        raise InputError("word_template", str(path), f"Word-skabelonen {path} findes ikke")
    data = path.read_bytes()
    if len(data) > MAX_TEMPLATE_BYTES or not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("word_template", str(path), f"{path.name} er ikke en Word-fil (.docx eller .dotx)")
    return data


def workspace_template(charter, root: Path) -> bytes | None:
    """The Word template the charter names ([documents] word_template, relative to the workspace), if any."""
    name = (charter.documents.word_template or "").strip()
    return load_template(Path(root) / name) if name else None


def _as_document(data: bytes) -> bytes:
    """A .dotx is a .docx with another content type: rewrite it so python-docx opens it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if _TEMPLATE_TYPE.encode() not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(_TEMPLATE_TYPE.encode(), _DOC_TYPE.encode())
            target.writestr(item, body)
    return out.getvalue()


def new_document(letter: Letter, template: bytes | None = None):
    """An empty A4 document: the municipality's template (its styles, header and footer, body emptied), or
    forumkit's plain municipal letter look with the municipality's name in the header."""
    from docx import Document

    if template is not None:
        try:
            doc = Document(io.BytesIO(_as_document(template)))
        except Exception:
            raise InputError(
                "word_template", "", "Word-skabelonen kan ikke læses – gem den igen fra Word som .docx"
            ) from None
        body = doc.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)
    else:
        doc = Document()
        _default_look(doc, letter)
    for section in doc.sections:
        _a4(section, margins=template is None)
    if letter.page_numbers:
        _page_numbers(doc)
    return doc


def _a4(section, margins: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Mm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    if margins:
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)


def _default_look(doc, letter: Letter) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    _plain_fonts(doc)
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size, before in ((1, 16, 12), (2, 13, 14), (3, 11, 10)):
        style = styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = FONT, Pt(size), True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(4)
    for name in ("Title", "Header", "Footer", "List Bullet", "List Number"):
        styles[name].font.name = FONT
    styles["Header"].font.size = styles["Footer"].font.size = Pt(9)
    header = doc.sections[0].header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(plain(letter.municipality)).bold = True
    if letter.unit:
        header.add_run("\n" + plain(letter.unit))


def _plain_fonts(doc) -> None:
    """Drop theme-font references (they beat a style's own font) and make Arial the document default."""
    from docx.oxml.ns import qn

    theme = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attribute in theme:
            fonts.attrib.pop(attribute, None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), FONT)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/result/end runs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _page_numbers(doc) -> None:
    """ "Side X af Y" in every footer, unless the template's footer numbers its pages already."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in doc.sections:
        footer = section.footer
        if "PAGE" in "".join(t.text or "" for t in footer._element.iter(f"{{{_W}}}instrText")) or "PAGE" in "".join(
            f.get(f"{{{_W}}}instr", "") for f in footer._element.iter(f"{{{_W}}}fldSimple")
        ):
            continue
        paragraphs = footer.paragraphs
        p = paragraphs[-1] if paragraphs and not paragraphs[-1].text.strip() else footer.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run("Side ")
        _field(p, "PAGE", "1")
        p.add_run(" af ")
        _field(p, "NUMPAGES", "1")


def add_heading(doc, text: str, level: int = 1):
    """A real Heading paragraph (navigation pane, PDF bookmarks), always kept with the next paragraph."""
    try:
        p = doc.add_paragraph(plain(text), style=f"Heading {level}")
    except KeyError:  # a template without built-in heading styles
        p = doc.add_paragraph()
        p.add_run(plain(text)).bold = True
    p.paragraph_format.keep_with_next = True
    return p


def add_label(doc, label: str, text: str = "", keep: bool = False):
    """'Label: text' with the label in bold (Indstilling:, Beslutning:)."""
    p = doc.add_paragraph()
    p.add_run(plain(label)).bold = True
    if text:
        p.add_run(" " + plain(text))
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def add_list(doc, items: list[str], numbered: bool = False, start: int = 1) -> list:
    """A list with its numbers or bullets in the text, so each list starts at 1 (Word's shared List Number
    numbering would continue across lists) and a template without list styles still works."""
    from docx.shared import Cm

    out = []
    for n, text in enumerate(items, start=start):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(0.75)
        p.paragraph_format.first_line_indent = Cm(-0.75)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
        p.add_run(f"{n}.\t" if numbered else "•\t")
        p.add_run(plain(text))
        out.append(p)
    return out


def _text_width(doc):
    section = doc.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def sized_table(doc, rows: list[tuple], header: tuple[str, ...] | None = None, bold_first: bool = False):
    """A table whose columns are as wide as their longest line needs (within the text width): a label column
    stays narrow and 'kl. 16.00–18.00' never wraps when there is room for it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt

    cols = len(header or rows[0])
    table = doc.add_table(rows=0, cols=cols)
    with contextlib.suppress(KeyError, ValueError):
        table.style = "Table Grid" if header else table.style
    all_rows = ([tuple(header)] if header else []) + [tuple(r) for r in rows]
    total = int(_text_width(doc))
    for size in (11, 10, 9):  # a table too wide for its longest words gets a smaller font, down to 9 pt
        want, least = _column_widths(all_rows, cols, size, bool(header), bold_first)
        if sum(least) <= total:
            break
    if sum(want) > total:  # give each column its longest word, share the rest by what each still wants
        if sum(least) >= total:
            want = [int(total * w / sum(least)) for w in least]
        else:
            spare, wish = total - sum(least), sum(w - m for w, m in zip(want, least, strict=False))
            want = [m + int(spare * (w - m) / wish) for w, m in zip(want, least, strict=False)]
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for index, values in enumerate(all_rows):
        cells = table.add_row().cells
        for c, value in enumerate(values):
            cells[c].width = Emu(want[c])
            cells[c].text = plain(value)
            cells[c].paragraphs[0].paragraph_format.space_after = Pt(2)
            for run in cells[c].paragraphs[0].runs:
                run.bold = bool((header and index == 0) or (bold_first and c == 0)) or None
                if size != 11:
                    run.font.size = Pt(size)
    if header:
        _repeat_header(table.rows[0])
    for c, column in enumerate(table.columns):
        column.width = Emu(want[c])
    return table


def _column_widths(rows: list[tuple], cols: int, size: int, header: bool, bold_first: bool):
    """Per column: the width its longest line wants and the width its longest word needs (EMU)."""
    from docx.shared import Cm, Pt

    char, pad = Pt(size) * 0.6, Pt(18)  # an average Arial character (bold a little wider); cell padding

    def width(c: int, split) -> int:
        found = [
            int(len(part) * char * (1.1 if (header and i == 0) or (bold_first and c == 0) else 1))
            for i, r in enumerate(rows)
            for part in split(plain(r[c]))
        ]
        return max(max(found, default=0) + int(pad), int(Cm(1.5)))

    return ([width(c, lambda t: t.split("\n")) for c in range(cols)], [width(c, str.split) for c in range(cols)])


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    props.append(element)


def _set_language(doc) -> None:
    """da-DK on the document defaults, every style and every run, so Word spell-checks Danish."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def mark(rpr) -> None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANG)
        lang.set(qn("w:eastAsia"), LANG)

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_default.append(rpr)
        mark(rpr)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            rpr = style.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                style.append(rpr)
            mark(rpr)
    parts = [doc.element] + [
        part._element
        for section in doc.sections
        for part in (section.header, section.footer)
        if not part.is_linked_to_previous
    ]
    for root in parts:
        for run in root.iter(qn("w:r")):
            mark(run.get_or_add_rPr())
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        settings.append(lang)
    lang.set(qn("w:val"), LANG)


def fixed_properties(doc, letter: Letter) -> None:
    """Title, subject, author (the municipality), language and dates fixed by the data, so the same data gives
    the same document; provenance (data date, snapshot) goes here, not in the body."""
    props = doc.core_properties
    props.author = props.last_modified_by = plain(letter.municipality)
    props.title = plain(letter.title)[:255]  # Word allows no more
    props.subject = plain(letter.subject)[:255]
    props.language = LANG
    props.category = plain(letter.unit)[:255]
    notes = [f"Data pr. {da_date(letter.data_as_of, False)}"] if letter.data_as_of else []
    if letter.provenance:
        notes.append(plain(letter.provenance))
    props.comments = "; ".join(notes)
    props.keywords = ""
    props.created = props.modified = datetime(letter.day.year, letter.day.month, letter.day.day)
    props.last_printed = datetime(letter.day.year, letter.day.month, letter.day.day)
    props.revision = 1
    props.identifier = ""
    _set_language(doc)


def docx_bytes(doc) -> bytes:
    """A Word document's bytes, normalised so equal content gives equal bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalized_zip(buffer.getvalue())


def save_docx(doc, path: Path) -> Path:
    write_atomic(Path(path), docx_bytes(doc))
    return Path(path)


def normalized_zip(data: bytes) -> bytes:
    """Rewrite an Office file (a zip) with fixed timestamps and order, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
