"""Word documents a council could receive unedited: A4, da-DK, properties, "Side X af Y", real headings kept
with their text, tables sized to content, no paths, hashes or ids in the body; the agenda in the Danish
municipal format; the municipality's own template."""

from __future__ import annotations

import re
import shutil

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from forumkit.cli import main
from forumkit.documents.agenda import (
    agenda_docx,
    attachment_title,
    recommendation_lines,
    write_agenda,
)
from forumkit.documents.invitation import invitation_docx
from forumkit.documents.member_exports import write_public_docx
from forumkit.documents.minutes import minutes_docx
from forumkit.documents.office import save_docx
from forumkit.documents.status_report import write_status_report
from forumkit.model.errors import InputError
from forumkit.model.tables import TABLES, edit
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY

_ID = re.compile(r"\b(?:M-\d{4}-\d+|I-\d{3}|A-\d{3}|WG-\d+)\b")
_HASH = re.compile(r"\b[0-9a-f]{40,64}\b")


def _with_attachments(ws):
    def change(a):
        if (a.meeting, a.number) == ("M-2026-2", 5):
            return edit(
                a,
                case="Boden har haft sin første sæson.\nSalget har været over forventning.",
                attachments="Notat om boden.docx|Budget_2027.pdf",
            )
        return a

    return ws.with_table("agenda", [change(a) for a in ws.agenda])


def _body_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Each Word document forumkit makes, saved and opened again."""
    folder = tmp_path_factory.mktemp("word")
    ws = _with_attachments(load_workspace(EXAMPLE))
    made = {
        "invitation": invitation_docx(ws, "M-2027-1", TODAY),
        "agenda": agenda_docx(ws, "M-2026-2", TODAY),
        "minutes": minutes_docx(ws, "M-2026-2", TODAY),
    }
    paths = {name: save_docx(doc, folder / f"{name}.docx") for name, doc in made.items()}
    paths["members"] = write_public_docx(ws, TODAY, folder / "members.docx")
    bundle = write_status_report(load_workspace(EXAMPLE), EXAMPLE, 2026, folder / "status", TODAY, charts=["status"])
    paths["case_note"] = bundle.folder / "Status 2026 – sagsfremstilling.docx"
    return {name: docx.Document(path) for name, path in paths.items()}


@pytest.mark.parametrize("name", ["invitation", "agenda", "minutes", "members", "case_note"])
def test_every_document_is_a4_danish_numbered_and_described(documents, name):
    document = documents[name]
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert section.left_margin == section.right_margin and abs(section.left_margin.cm - 2.5) < 0.01
    props = document.core_properties
    assert props.author == "Dragør Kommune" and props.language == "da-DK"
    assert props.title and props.subject and "forumkit" not in props.author
    styles = document.styles.element
    langs = {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))}
    assert langs == {"da-DK"}
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph":
            assert style.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "da-DK", style.get(qn("w:styleId"))
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs and all(r.find(qn("w:rPr")).find(qn("w:lang")) is not None for r in runs)
    footer = document.sections[0].footer
    fields = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"] and footer.paragraphs[-1].text == "Side 1 af 1"
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    body = _body_text(document)
    assert not _ID.search(body), _ID.search(body)
    assert not _HASH.search(body) and "grafer/" not in body and ".png" not in body


def test_facts_table_fits_its_content(documents):
    table = documents["invitation"].tables[0]
    label, value = (cell.width for cell in table.rows[0].cells)
    assert table.rows[0].cells[1].text == "torsdag den 22. april 2027 kl. 16.00–18.00"
    assert label < Mm(30) and value > Mm(95)  # the label column is narrow, the time gets one line


def test_case_note_has_provenance_in_properties_not_in_the_body(documents):
    document = documents["case_note"]
    body = _body_text(document)
    assert "Data pr. 26. november 2026." in body
    assert "Forummet har holdt 2 møder i 2026 (den 23. april 2026 og den 1. oktober 2026)" in body
    assert document.core_properties.comments.startswith("Data pr. 26. november 2026; Datagrundlag (sha256): ")
    bilag = [p.text for p in document.paragraphs]
    bilag = bilag[bilag.index("BILAG") + 1 :]
    assert bilag[:2] == ["1.\tPræsentation: Status 2026", "2.\tGraf: Initiativer pr. søjle og status"]
    headings = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [p.text for p in headings][-3:] == ["ØKONOMI", "KOMMUNIKATION/HØRING", "BILAG"]


def test_agenda_in_the_municipal_format(documents):
    document = documents["agenda"]
    text = [p.text for p in document.paragraphs]
    items = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and p.text[0].isdigit()]
    assert items[0] == "1. Godkendelse af dagsorden" and items[-1] == "8. Eventuelt" and len(items) == 8
    assert "Administrationen indstiller, at dagsordenen godkendes." in text
    assert "Administrationen indstiller, at orienteringen tages til efterretning." in text
    start = text.index("5. Boden på havnen: erfaringer fra første sæson")
    section = text[start : text.index("6. Status til Erhvervs-, Turisme-, Kultur- og Fritidsudvalget")]
    assert section[1] == "Drøftelse · Oplæg ved Karin Søborg"
    assert "Sagsfremstilling" in section and "Boden har haft sin første sæson." in section
    assert section[-3:] == ["Bilag", "1.\tNotat om boden", "2.\tBudget 2027"]
    kinds = {p.text for p in document.paragraphs if p.runs and p.runs[0].italic}
    assert {"Beslutning · Oplæg ved Karin Søborg", "Orientering · Oplæg ved Karin Søborg"} <= kinds


def test_minutes_follow_the_agenda_and_add_the_decision(documents):
    document = documents["minutes"]
    head = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert list(head)[:5] == ["Dato", "Sted", "Deltagere", "Afbud", "Fraværende"]
    assert head["Afbud"] == "Henrik Strandberg (Strandbergs Boghandel)" and head["Fraværende"] == "–"
    agenda_items = [
        p.text for p in documents["agenda"].paragraphs if p.style.name == "Heading 2" and p.text[0].isdigit()
    ]
    minutes_items = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert minutes_items == agenda_items
    text = [p.text for p in document.paragraphs]
    first = text.index("1. Godkendelse af dagsorden")
    assert text[first : first + 6] == [
        "1. Godkendelse af dagsorden",
        "Beslutning · Oplæg ved Karin Søborg",
        "Indstilling",
        "Administrationen indstiller, at dagsordenen godkendes.",
        "Beslutning",
        "Godkendt.",
    ]
    assert (
        "•\tAftale bodens drift for 2027 – ansvarlig: Karin Søborg, frist 10. december 2026 "
        "(Ubemandet bod med lokale råvarer på Dragør Havn)" in text
    )


def test_recommendation_clauses():
    ws = load_workspace(EXAMPLE)
    item = next(a for a in ws.agenda if a.meeting == "M-2026-1" and a.number == 2)
    assert recommendation_lines(item) == ["at referatet fra mødet den 2. oktober 2025 godkendes."]
    two = edit(item, recommendation="Administrationen indstiller, 1. at A godkendes 2. at B noteres")
    assert recommendation_lines(two) == ["at A godkendes.", "at B noteres."]
    assert recommendation_lines(edit(item, kind="beslutning", recommendation=None)) == []
    assert attachment_title("undermappe/Budget_2027.pdf") == "Budget 2027"


def test_an_old_agenda_file_without_the_new_columns_loads_and_gains_them_on_save(store, workspace):
    spec = TABLES["agenda"]
    assert spec.optional == ("sagsfremstilling", "bilag")
    assert spec.headers[-2:] == spec.optional and not set(spec.optional) & set(spec.required)
    header = (workspace / "agenda.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "bilag" not in header  # the example is an "old" file
    ws = store.load()
    store.update(lambda w: _with_attachments(w), what="bilag")
    saved = (workspace / "agenda.csv").read_text(encoding="utf-8-sig")
    assert saved.splitlines()[0].endswith(";sagsfremstilling;bilag")
    again = load_workspace(workspace)
    item = next(a for a in again.agenda if (a.meeting, a.number) == ("M-2026-2", 5))
    assert item.attachments == "Notat om boden.docx|Budget_2027.pdf"
    assert len(again.agenda) == len(ws.agenda)


def _template(path):
    """A small municipal template: its own body font, header text and margins."""
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"
    document.styles["Normal"].font.size = Pt(10)
    document.styles["Heading 1"].font.name = "Georgia"
    section = document.sections[0]
    section.left_margin = Cm(3)
    section.header.paragraphs[0].text = "Vesterby Kommune · Byrådssekretariatet"
    document.add_paragraph("Skabelonens eksempeltekst, som skal væk")
    document.save(path)


def test_the_municipality_template_is_used(workspace, tmp_path, capsys):
    _template(workspace / "skabelon.docx")
    charter = workspace / "forum.toml"
    charter.write_text(
        charter.read_text(encoding="utf-8") + '\n[documents]\nword_template = "skabelon.docx"\n', encoding="utf-8"
    )
    assert main(["agenda", "M-2027-1", "--out", str(tmp_path / "ud"), "--dir", str(workspace), "--no-pdf"]) == 0
    document = docx.Document(tmp_path / "ud" / "Dagsorden M-2027-1.docx")
    assert document.sections[0].header.paragraphs[0].text == "Vesterby Kommune · Byrådssekretariatet"
    assert document.styles["Normal"].font.name == "Georgia"
    assert abs(document.sections[0].left_margin.cm - 3) < 0.01  # the template's margins are kept …
    assert round(document.sections[0].page_height.mm) == 297  # … on A4
    text = [p.text for p in document.paragraphs]
    assert "Skabelonens eksempeltekst, som skal væk" not in text
    assert text[0] == "Dagsorden til møde i Samarbejdsforum mellem Kommune og Erhvervsliv"
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.sections[0].footer.paragraphs[-1].text == "Side 1 af 1"


def test_a_dotx_template_and_a_broken_template(workspace, tmp_path):
    import zipfile

    from forumkit.documents.office import (
        load_template,
        new_document,
        workspace_template,
    )

    _template(tmp_path / "s.docx")
    with zipfile.ZipFile(tmp_path / "s.docx") as source, zipfile.ZipFile(tmp_path / "s.dotx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    ws = load_workspace(EXAMPLE)
    from forumkit.documents.office import Letter

    letter = Letter("T", "S", "Dragør Kommune", TODAY)
    doc = new_document(letter, load_template(tmp_path / "s.dotx"))
    assert doc.sections[0].header.paragraphs[0].text == "Vesterby Kommune · Byrådssekretariatet"
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="er ikke en Word-fil"):
        load_template(tmp_path / "bad.docx")
    with pytest.raises(InputError, match="findes ikke"):
        workspace_template(
            ws.charter.model_copy(
                update={"documents": ws.charter.documents.model_copy(update={"word_template": "mangler.docx"})}
            ),
            workspace,
        )


def test_cli_agenda_without_libreoffice_still_writes_word(workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FORUMKIT_SOFFICE", "")
    assert main(["agenda", "M-2027-1", "--out", str(tmp_path / "ud"), "--dir", str(workspace)]) == 0
    captured = capsys.readouterr()
    assert [p.name for p in (tmp_path / "ud").iterdir() if p.name != ".forumkit-filer.json"] == [
        "Dagsorden M-2027-1.docx"
    ]
    assert "Bemærk: PDF-filerne kræver LibreOffice" in captured.err
    assert "libreoffice-writer-nogui" in captured.err and "Traceback" not in captured.err
    assert main(["board-pack", "M-2027-1", "--out", str(tmp_path / "ud"), "--dir", str(workspace)]) == 1
    assert "Fejl: mødemappen kan ikke laves: PDF-filerne kræver LibreOffice" in capsys.readouterr().err
    assert main(["agenda", "M-2099-1", "--out", str(tmp_path / "ud"), "--dir", str(workspace)]) == 2  # bad input
    assert "mødet 'M-2099-1' findes ikke" in capsys.readouterr().err


def test_write_agenda_is_reproducible(tmp_path):
    ws = load_workspace(EXAMPLE)
    first = write_agenda(ws, "M-2026-2", tmp_path / "a", TODAY).read_bytes()
    assert write_agenda(ws, "M-2026-2", tmp_path / "b", TODAY).read_bytes() == first
    shutil.rmtree(tmp_path / "a")


def test_the_meeting_screen_takes_a_case_text_and_attachments(workspace, tmp_path):
    from forumkit.ui.meetings import MeetingScreen

    screen = MeetingScreen.from_env()
    screen.meeting.value = "M-2027-1"
    screen.item_title.value = "Budget for netværkene"
    screen.item_kind.value = "beslutning"
    screen.item_recommendation.value = "at budgettet godkendes"
    screen.item_case.value = "Netværkene søger 40.000 kr.\nBudgettet er vedlagt."
    screen.item_attachments.value = "Budget 2027.pdf | Notat.docx"
    screen.add_item_button.click()
    item = next(
        a for a in load_workspace(workspace).agenda if a.meeting == "M-2027-1" and a.title == "Budget for netværkene"
    )
    assert item.case == "Netværkene søger 40.000 kr.\nBudgettet er vedlagt."
    assert item.attachments == "Budget 2027.pdf | Notat.docx" and screen.item_case.value == ""
    screen.export_dir = tmp_path / "ud"
    screen.export_agenda.click()  # without LibreOffice it still writes the Word file
    text = [p.text for p in docx.Document(screen.last_files[0]).paragraphs]
    start = text.index(f"{item.number}. Budget for netværkene")
    assert text[start + 1 : start + 10] == [
        "Beslutning",
        "Sagsfremstilling",
        "Netværkene søger 40.000 kr.",
        "Budgettet er vedlagt.",
        "Indstilling",
        "Administrationen indstiller, at budgettet godkendes.",
        "Bilag",
        "1.\tBudget 2027",
        "2.\tNotat",
    ]
