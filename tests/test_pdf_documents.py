"""PDFs through LibreOffice, read back with pypdf: A4, tagged PDF/A with embedded fonts, the text, fixed dates
and ids; the board pack with its bookmarks and page numbers across the pack. Conversions are slow, so each
test converts several documents in one call."""

from __future__ import annotations

import io
import re

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from forumkit.cli import main
from forumkit.documents.agenda import write_agenda
from forumkit.documents.board_pack import write_board_pack
from forumkit.documents.invitation import write_invitation
from forumkit.documents.minutes import write_minutes
from forumkit.documents.pdf import to_pdf
from forumkit.model.errors import InputError
from forumkit.model.tables import edit
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY


def _a4(reader: PdfReader) -> bool:
    return all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842) for p in reader.pages)


def _fonts_embedded(reader: PdfReader) -> bool:
    seen = 0
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font.get("/DescendantFonts", [{}])[0].get_object().get(
                "/FontDescriptor"
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
            seen += 1
    return seen > 0


def test_meeting_documents_as_pdf(soffice, tmp_path):
    ws = load_workspace(EXAMPLE)
    words = [
        write_invitation(ws, "M-2027-1", tmp_path, TODAY)[0],
        write_minutes(ws, "M-2026-2", tmp_path, TODAY)[0],
        write_agenda(ws, "M-2026-2", tmp_path, TODAY),
    ]
    pdfs = to_pdf(words, tmp_path / "pdf", TODAY)  # one LibreOffice call for all three
    assert [p.name for p in pdfs] == ["Indkaldelse M-2027-1.pdf", "Referat M-2026-2.pdf", "Dagsorden M-2026-2.pdf"]
    readers = {p.stem.split()[0]: PdfReader(p) for p in pdfs}
    for name, reader in readers.items():
        assert _a4(reader) and _fonts_embedded(reader), name
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "da-DK"
        assert b"<pdfaid:part>2</pdfaid:part>" in root["/Metadata"].get_object().get_data()
        assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20261126000000Z"
        assert reader.metadata["/Author"] == "Dragør Kommune"
        pages = len(reader.pages)
        assert f"Side {pages} af {pages}" in reader.pages[-1].extract_text()
    assert len(readers["Indkaldelse"].pages) == 1
    text = readers["Indkaldelse"].pages[0].extract_text()
    assert "torsdag den 22. april 2027 kl. 16.00–18.00" in text  # on one line: the facts column fits it
    outline = readers["Dagsorden"].outline  # PDF bookmarks from the real headings
    assert outline[0].title == "Dagsorden til møde i Samarbejdsforum mellem Kommune og Erhvervsliv"
    items = [o.title for o in outline[1] if not isinstance(o, list)]
    assert items[:3] == ["Punkter", "1. Godkendelse af dagsorden", "2. Godkendelse af referat fra sidste møde"]
    assert items[-1] == "8. Eventuelt"
    minutes = "\n".join(p.extract_text() for p in readers["Referat"].pages)
    assert "Afbud" in minutes and "Henrik Strandberg (Strandbergs Boghandel)" in minutes
    again = to_pdf([words[0]], tmp_path / "igen", TODAY)[0]
    assert again.read_bytes() == pdfs[0].read_bytes()  # fixed dates and /ID: the same data, the same bytes


def _attachments(root):
    folder = root / "bilag"
    folder.mkdir()
    note = docx.Document()
    note.add_paragraph("Notat om bodens første sæson: salget har været over forventning.")
    note.save(folder / "Notat om boden.docx")
    blank = PdfWriter()
    blank.add_blank_page(612, 792)  # a US Letter attachment stays as it is
    blank.add_blank_page(612, 792)
    buffer = io.BytesIO()
    blank.write(buffer)
    (folder / "Budget_2027.pdf").write_bytes(buffer.getvalue())


def test_board_pack(soffice, store, workspace, tmp_path, capsys):
    _attachments(workspace)

    def attach(ws):
        return ws.with_table(
            "agenda",
            [
                edit(a, attachments="Notat om boden.docx|Budget_2027.pdf")
                if (a.meeting, a.number) == ("M-2026-2", 5)
                else a
                for a in ws.agenda
            ],
        )

    store.update(attach, what="bilag")
    ws = load_workspace(workspace)
    assert (
        main(["board-pack", "M-2026-2", "--out", str(tmp_path / "ud"), "--dir", str(workspace), "--date", "2026-11-26"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Mødemappe M-2026-2.pdf" in out and "    Referat af mødet 23. april 2026 (side 4)" in out
    reader = PdfReader(tmp_path / "ud" / "Mødemappe M-2026-2.pdf")
    total = len(reader.pages)
    assert f"{total} sider; indhold:" in out and total >= 10
    for number, page in enumerate(reader.pages, start=1):
        assert f"Side {number} af {total}" in page.extract_text()
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    # attachments keep their own page size (python-docx's blank note is US Letter, like the blank PDF)
    assert sizes.count((612, 792)) == 3 and sizes.count((595, 842)) == total - 3

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield item.title, depth, reader.get_destination_page_number(item) + 1

    outline = list(walk(reader.outline))
    assert outline[:2] == [("Forside", 0, 1), ("Dagsorden", 0, 2)]
    titles = [t for t, _d, _p in outline]
    assert (
        titles.index("Punkt 2. Godkendelse af referat fra sidste møde")
        < titles.index("Referat af mødet 23. april 2026")
        < titles.index("Punkt 3. Orientering fra formanden")
    )
    item5 = titles.index("Punkt 5. Boden på havnen: erfaringer fra første sæson")
    assert titles[item5 + 1 : item5 + 4] == [
        "Bilag 1: Notat om boden",
        "Bilag 2: Budget 2027",
        "Statusark: Ubemandet bod med lokale råvarer på Dragør Havn",
    ]
    pages = {t: p for t, _d, p in outline}
    assert "Notat om bodens første sæson" in reader.pages[pages["Bilag 1: Notat om boden"] - 1].extract_text()
    sheet = reader.pages[pages["Statusark: Ubemandet bod med lokale råvarer på Dragør Havn"] - 1].extract_text()
    assert "Fremdrift" in sheet and "Åbne opgaver" in sheet and "Tidligere beslutninger" in sheet
    assert "Aftale bodens drift for 2027" in sheet and "2. oktober 2025, punkt 5" in sheet
    cover = reader.pages[0].extract_text()
    assert "Mødemappe" in cover and "torsdag den 1. oktober 2026 kl. 16.00–18.00" in cover
    assert reader.metadata["/Title"] == "Mødemappe – møde 1. oktober 2026"
    assert reader.metadata["/CreationDate"] == "D:20261126000000Z"
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    _the_pack_keeps_its_tags(reader, outline)
    with pytest.raises(InputError, match=re.escape("'Mangler.pdf' findes ikke i mappen bilag/")):
        bad = ws.with_table("agenda", [edit(a, attachments="Mangler.pdf") if a.number == 3 else a for a in ws.agenda])
        write_board_pack(bad, workspace, "M-2026-2", tmp_path / "ud2", TODAY)
    with pytest.raises(InputError, match="uden for mappen bilag/"):
        bad = ws.with_table("agenda", [edit(a, attachments="../forum.toml") if a.number == 3 else a for a in ws.agenda])
        write_board_pack(bad, workspace, "M-2026-2", tmp_path / "ud2", TODAY)
    assert not (tmp_path / "ud2" / "Mødemappe M-2026-2.pdf").exists()


def _the_pack_keeps_its_tags(reader: PdfReader, outline: list[tuple[str, int, int]]) -> None:
    """The joined pack keeps what pypdf can keep of its parts' accessibility: language, title shown, the parts'
    structure trees under one /Part each (titled like the bookmarks, pointing to the pack's own pages), one parent
    tree, and the page numbers as artifacts. The untagged PDF attachment stays untagged."""
    from pypdf.generic import ContentStream

    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da-DK" and bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    tree = root["/StructTreeRoot"]
    [document] = tree["/K"]
    assert document["/S"] == "/Document"
    parts = [k.get_object() for k in document["/K"]]
    with_pages = [(t, p) for t, _d, p in outline if t != "Bilag 2: Budget 2027" and not t.startswith("Punkt ")]
    assert [(p["/T"], p["/S"]) for p in parts if p["/K"]] == [(t, "/Part") for t, _p in with_pages]
    assert next(p for p in parts if p["/T"] == "Bilag 2: Budget 2027")["/K"] == []  # nothing invented
    index = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    elements: set[int] = set()
    pages_of: dict[str, set[int]] = {}

    def walk(ref, title: str) -> None:
        element = ref.get_object()
        elements.add(ref.idnum)
        if "/Pg" in element:
            assert element.raw_get("/Pg").idnum in index  # a page of the pack, not a copy
            pages_of.setdefault(title, set()).add(index[element.raw_get("/Pg").idnum] + 1)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "idnum") and kid.get_object().get("/Type") == "/StructElem":
                walk(kid, title)

    for ref in document["/K"]:
        walk(ref, ref.get_object()["/T"])
    for title, first in with_pages:  # each part's structure starts on the page its bookmark points to
        assert min(pages_of[title]) == first, title
    nums = tree["/ParentTree"]["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys)) and tree["/ParentTreeNextKey"] == keys[-1] + 1
    for i in range(1, len(nums), 2):  # the parent tree names the very elements of the tree
        value = nums[i].get_object()
        refs = value if isinstance(value, list) else [nums[i]]
        assert all(r.idnum in elements for r in refs if hasattr(r, "idnum"))
    blank = {p for t, _d, p in outline if t == "Bilag 2: Budget 2027"}
    for number, page in enumerate(reader.pages, start=1):
        has = "/StructParents" in page
        assert has == (number not in blank and number not in {p + 1 for p in blank}), number
        assert not has or int(page["/StructParents"]) in keys
        ops = ContentStream(page.get_contents(), reader).operations
        artifacts = [o for o, op in ops if op == b"BDC" and o[0] == "/Artifact" and o[1].get("/Type") == "/Pagination"]
        assert artifacts, number  # the overlaid "Side X af Y"
        mcids = [o[1]["/MCID"] for o, op in ops if op == b"BDC" and hasattr(o[1], "get") and "/MCID" in o[1]]
        assert len(mcids) == len(set(mcids)), number


def test_status_bundle_with_pdfs(soffice, tmp_path):
    from forumkit.documents.status_report import write_status_report

    bundle = write_status_report(
        load_workspace(EXAMPLE), EXAMPLE, 2026, tmp_path / "status", TODAY, charts=["status"], pdf=True
    )
    names = {p.name for p in bundle.files}
    assert {"Status 2026 – sagsfremstilling.pdf", "Status 2026 – præsentation.pdf"} <= names and not bundle.notes
    note = PdfReader(bundle.folder / "Status 2026 – sagsfremstilling.pdf")
    assert _a4(note) and _fonts_embedded(note)
    text = "\n".join(p.extract_text() for p in note.pages)
    assert "Data pr. 26. november 2026." in text and "grafer/" not in text
    assert note.metadata["/CreationDate"] == "D:20261126000000Z"
    assert note.metadata["/Title"] == "Status på Samarbejdsforum mellem Kommune og Erhvervsliv 2026"
    deck = PdfReader(bundle.folder / "Status 2026 – præsentation.pdf")
    width, height = float(deck.pages[0].mediabox.width), float(deck.pages[0].mediabox.height)
    assert round(width * 9) == round(height * 16) and len(deck.pages) >= 3
    assert deck.trailer["/Root"]["/Lang"] == "da-DK"  # LibreOffice Impress wrote its own language, en-US
    manifest = (bundle.folder / "manifest.json").read_text(encoding="utf-8")
    assert "Status 2026 – sagsfremstilling.pdf" in manifest


def test_meeting_screen_saves_agenda_and_board_pack(soffice, workspace, tmp_path):
    from forumkit.ui.common import output_text
    from forumkit.ui.meetings import MeetingScreen

    screen = MeetingScreen.from_env()
    screen.export_dir = tmp_path / "ud"
    screen.meeting.value = "M-2027-1"
    screen.export_agenda.click()
    assert [p.name for p in screen.last_files] == ["Dagsorden M-2027-1.docx", "Dagsorden M-2027-1.pdf"]
    screen.export_pack.click()
    assert [p.name for p in screen.last_files] == ["Mødemappe M-2027-1.pdf"]
    assert output_text(screen.message).startswith("Mødemappen til mødet den 22. april 2027 er klar: én PDF på ")
    assert [name for name, _data in screen.agenda_files.files] == ["Mødemappe M-2027-1.pdf"]
    assert "Side 1 af" in PdfReader(screen.last_files[0]).pages[0].extract_text()


def _fake_soffice(tmp_path, monkeypatch, body: str):
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("FORUMKIT_SOFFICE", str(script))


def test_a_hanging_or_failing_libreoffice_is_reported_in_danish(tmp_path, monkeypatch):
    from forumkit.documents.pdf import PdfUnavailable

    source = write_agenda(load_workspace(EXAMPLE), "M-2027-1", tmp_path, TODAY)
    _fake_soffice(tmp_path, monkeypatch, "sleep 30 & wait")  # a child that would outlive a plain kill
    with pytest.raises(PdfUnavailable, match="LibreOffice svarede ikke inden for 1 sekunder"):
        to_pdf([source], tmp_path / "ud", TODAY, timeout=1)
    _fake_soffice(tmp_path, monkeypatch, "echo 'Error: source file could not be loaded' >&2; exit 1")
    with pytest.raises(PdfUnavailable, match="kunne ikke lave PDF'en: Error: source file could not be loaded"):
        to_pdf([source], tmp_path / "ud", TODAY)
    _fake_soffice(tmp_path, monkeypatch, "exit 0")  # says yes, makes nothing
    with pytest.raises(PdfUnavailable, match=re.escape("LibreOffice lavede ingen PDF af Dagsorden M-2027-1.docx")):
        to_pdf([source], tmp_path / "ud", TODAY)
    assert not (tmp_path / "ud").exists() or not list((tmp_path / "ud").iterdir())


def test_the_status_screen_makes_the_pdfs_for_the_council(soffice, workspace, tmp_path, monkeypatch):
    """The screen makes what the CLI makes: the case note and the deck as PDF, in one LibreOffice call."""
    from forumkit.ui.common import output_text
    from forumkit.ui.status import StatusScreen

    calls = tmp_path / "kald.txt"
    wrapper = tmp_path / "soffice"  # LibreOffice itself, counting its starts
    wrapper.write_text(f"#!/bin/sh\necho start >> '{calls}'\nexec '{soffice}' \"$@\"\n", encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("FORUMKIT_SOFFICE", str(wrapper))
    screen = StatusScreen.from_env()
    for key in ("progress", "networks", "green", "budget", "attendance", "actions"):
        screen.chart_boxes[key].value = False
    bundle = screen.export()
    assert calls.read_text().count("start") == 1
    offered = dict(screen.downloads.files)
    assert {"Status 2026 – sagsfremstilling.pdf", "Status 2026 – præsentation.pdf"} <= set(offered)
    assert output_text(screen.message) == (
        f"Årsstatus 2026 er klar: {len(bundle.files)} filer (data pr. 26. november "
        "2026). Hent dem samlet som zip-fil eller enkeltvis herunder."
    )
    note = PdfReader(io.BytesIO(offered["Status 2026 – sagsfremstilling.pdf"]))
    assert "Data pr. 26. november 2026." in "\n".join(p.extract_text() for p in note.pages)
    deck = PdfReader(io.BytesIO(offered["Status 2026 – præsentation.pdf"]))
    assert "/StructTreeRoot" in deck.trailer["/Root"] and "Årsstatus 2026" in deck.pages[0].extract_text()


def test_a_libreoffice_that_converts_only_its_own_kind_gets_a_call_per_kind(tmp_path, monkeypatch):
    """Should a LibreOffice not pick each file's own PDF export in the one call, the files it left are converted
    with their own filter; nothing is lost."""
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    model = tmp_path / "model.pdf"
    blank.write(model)
    log = tmp_path / "kald.txt"
    _fake_soffice(
        tmp_path,
        monkeypatch,
        f"""
filter=""; out=""; next=""
for a in "$@"; do
  case "$next" in filter) filter="$a"; next=""; continue;; out) out="$a"; next=""; continue;; esac
  case "$a" in --convert-to) next=filter;; --outdir) next=out;; esac
done
mkdir -p "$out"
for a in "$@"; do
  case "$a" in
    *.docx) case "$filter" in *writer_pdf*) n=$(basename "$a" .docx); cp '{model}' "$out/$n.pdf"; \
echo "writer $n" >> '{log}';; esac;;
    *.pptx) case "$filter" in *impress_pdf*) n=$(basename "$a" .pptx); cp '{model}' "$out/$n.pdf"; \
echo "impress $n" >> '{log}';; esac;;
  esac
done""",
    )
    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / "b.pptx").write_bytes(b"x")
    made = to_pdf([tmp_path / "a.docx", tmp_path / "b.pptx"], tmp_path / "ud", TODAY, guarded=False)
    assert [p.name for p in made] == ["a.pdf", "b.pdf"]
    assert log.read_text().splitlines() == ["writer a", "impress b"]
