"""A catalogue sheet from outside is hostile until read: a lying <dimension>, hidden sheets, zip bombs, huge
sheets, formulas without results and garbage all end in a Danish message, never in a traceback or lost rows."""

from __future__ import annotations

import io
import random
import re
import zipfile

import openpyxl
import pytest

from forumkit.edits.transfer import preview_import, read_mapping, read_sheet
from forumkit.model.errors import InputError
from forumkit.model.ids import IdSequence, next_id
from forumkit.storage import sheets
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE

HEADINGS = ("Nr", "Indsats", "Fokusområde")


def book_with(path, rows, headings=HEADINGS, hidden_first: list | None = None):
    book = openpyxl.Workbook()
    sheet = book.active
    if hidden_first is not None:
        sheet.title = "Gammelt"
        for row in hidden_first:
            sheet.append(list(row))
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet("Idékatalog")
        book.active = 1
    else:
        sheet.title = "Idékatalog"
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def ideas(n):
    return [(None, f"Idé nummer {k}", "Turisme og Livskvalitet") for k in range(1, n + 1)]


def rewrite_member(path, name, change):
    """Rewrite one file inside the xlsx zip (as another program might have written it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, change(data) if item.filename == name else data)
    path.write_bytes(buffer.getvalue())


def test_a_too_small_dimension_tag_loses_no_rows(tmp_path):
    path = book_with(tmp_path / "ark.xlsx", ideas(10))
    rewrite_member(
        path, "xl/worksheets/sheet1.xml", lambda d: re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:C3"', d)
    )
    assert b'ref="A1:C3"' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    _name, _headings, body = read_sheet(path)
    assert [n for n, _ in body] == list(range(2, 12)) and body[-1][1][1] == "Idé nummer 10"
    preview = preview_import(load_workspace(EXAMPLE), path)
    assert preview.clean and [r.initiative.title for r in preview.rows][-1] == "Idé nummer 10"
    assert len(preview.rows) == 10


def test_a_hidden_first_sheet_is_named_and_not_imported(tmp_path):
    path = book_with(tmp_path / "ark.xlsx", ideas(2), hidden_first=[HEADINGS, ("I-001", "Gammel", "LH")])
    preview = preview_import(load_workspace(EXAMPLE), path)
    assert preview.sheet == "Idékatalog" and [r.initiative.title for r in preview.rows] == [
        "Idé nummer 1",
        "Idé nummer 2",
    ]
    assert preview.warnings == ("Skjulte ark er ikke læst: 'Gammelt' – kun arket 'Idékatalog' importeres",)
    assert preview.summary().splitlines()[1] == preview.warnings[0]


def test_a_workbook_with_only_hidden_sheets_is_refused(tmp_path):
    path = book_with(tmp_path / "ark.xlsx", ideas(1))
    rewrite_member(path, "xl/workbook.xml", lambda d: d.replace(b'state="visible" r:id', b'state="hidden" r:id'))
    with pytest.raises(InputError, match="har intet synligt ark"):
        read_sheet(path)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    path = book_with(tmp_path / "bombe.xlsx", ideas(1))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", b"\0" * 3_000_000)
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(sheets, "MAX_UNPACKED_BYTES", 2_000_000)
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("openpyxl must not unzip it"))
    with pytest.raises(InputError) as info:
        read_sheet(path)
    assert re.search(
        r"bombe\.xlsx fylder 3\.\d{3}\.\d{3} byte udpakket – højst 2\.000\.000 byte kan importeres", info.value.message
    )


def test_the_real_cap_is_far_below_a_bomb():
    assert sheets.MAX_UNPACKED_BYTES <= 200_000_000


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_too_many_rows(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(sheets, "MAX_ROWS", 5)
    if suffix == ".xlsx":
        path = book_with(tmp_path / "ark.xlsx", ideas(6))
    else:
        path = tmp_path / "ark.csv"
        path.write_text("\n".join(";".join(str(c or "") for c in r) for r in [HEADINGS, *ideas(6)]), "utf-8")
    with pytest.raises(InputError, match="mere end 5 rækker – del"):
        read_sheet(path)
    monkeypatch.setattr(sheets, "MAX_ROWS", 6)
    assert len(read_sheet(path)[2]) == 6  # the cap itself is allowed


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_too_long_cell(tmp_path, suffix):
    rows = [(None, "x" * 32_767, "TL"), (None, "y" * 32_768, "TL")]
    if suffix == ".xlsx":
        path = book_with(tmp_path / "ark.xlsx", [(None, "x" * 32_767, "TL"), (None, "y", "TL")])
        # openpyxl cuts long text when it writes; another program may not
        rewrite_member(
            path, "xl/worksheets/sheet1.xml", lambda d: d.replace(b"<t>y</t>", b"<t>" + b"y" * 32_768 + b"</t>")
        )
    else:
        path = tmp_path / "ark.csv"
        path.write_text("\n".join(";".join(str(c or "") for c in r) for r in [HEADINGS, *rows]), "utf-8")
    with pytest.raises(InputError) as info:
        read_sheet(path)
    assert info.value.message == "række 3 har en celle på 32.768 tegn – højst 32.767 tegn pr. celle"


def test_a_formula_without_a_stored_result_says_so(tmp_path):
    path = book_with(tmp_path / "ark.xlsx", [(None, '=B3&" idé"', "TL"), (None, "Tekst", "TL")])
    with pytest.raises(InputError) as info:
        read_sheet(path)
    assert info.value.message == (
        "cellen B2 i arket 'Idékatalog' er en formel (=B3&\" idé\") uden gemt resultat – "
        "åbn filen i Excel, gem den, og importér igen (eller erstat formlen med værdien)"
    )


@pytest.mark.parametrize(
    "content",
    [
        bytes(random.Random(3).randrange(256) for _ in range(5000)),
        b"",
        b"PK\x03\x04" + b"\0" * 100,
    ],
)
def test_garbage_named_xlsx(tmp_path, content):
    path = tmp_path / "skrald.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape("skrald.xlsx er ikke en gyldig Excel-fil")):
        read_sheet(path)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "andet.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hej.txt", "hej")
    with pytest.raises(InputError, match=re.escape("andet.xlsx kan ikke læses som Excel-fil")):
        read_sheet(path)


def test_a_broken_sheet_xml_inside_a_good_zip(tmp_path):
    path = book_with(tmp_path / "ark.xlsx", ideas(3))
    rewrite_member(path, "xl/worksheets/sheet1.xml", lambda d: d[: len(d) // 2])
    with pytest.raises(InputError, match=re.escape("ark.xlsx kan ikke læses som Excel-fil")):
        read_sheet(path)


@pytest.mark.parametrize(
    "text, message",
    [
        ("{", "m.json er ikke gyldig JSON (linje 1, kolonne 2)"),
        ('["titel"]', "m.json skal være et JSON-objekt med tekst"),
        ('{"Indsats": ["titel"]}', "m.json skal være et JSON-objekt med tekst"),
    ],
)
def test_a_broken_mapping_file(tmp_path, text, message):
    (tmp_path / "m.json").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_mapping(tmp_path / "m.json")
    assert info.value.message.startswith(message)


def test_generated_ids_skip_ids_the_sheet_uses_itself(tmp_path):
    path = book_with(tmp_path / "ark.xlsx", [(None, "Første", "TL"), ("I-030", "Egen id", "TL"), (None, "Anden", "TL")])
    preview = preview_import(load_workspace(EXAMPLE), path)
    assert [(r.initiative.id, r.initiative.title) for r in preview.rows] == [
        ("I-031", "Første"),
        ("I-030", "Egen id"),
        ("I-032", "Anden"),
    ]


def test_id_sequence_matches_next_id():
    used = ["A-001", "A-007", "B-100", "A-x", "A-0003"]
    seq = IdSequence(used, "A")
    assert seq.take() == next_id(used, "A") == "A-008"
    seq.seen("A-020")
    seq.seen("B-999")
    assert [seq.take(), seq.take()] == ["A-021", "A-022"]
    assert IdSequence([], "WG", 1).take() == next_id([], "WG", 1) == "WG-1"


def prescan(xml: bytes, sheet: bool = True, name: str = "ark.xlsx"):
    from pathlib import Path

    return sheets._prescan(Path(name), io.BytesIO(xml), sheet)


def test_the_prescan_counts_rows_and_cells_with_or_without_a_namespace_prefix(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    four = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 5))
    assert prescan(b"<worksheet><sheetData>" + four + b"</sheetData></worksheet>") is False
    five = four + b'<row r="5"/>'
    for xml in (
        b"<worksheet><sheetData>" + five + b"</sheetData></worksheet>",
        b'<x:worksheet xmlns:x="s"><x:sheetData>'
        + five.replace(b"<", b"<x:").replace(b"<x:/", b"</x:")
        + b"</x:sheetData></x:worksheet>",
    ):
        with pytest.raises(InputError, match=re.escape("ark.xlsx har et ark med mere end 3 rækker – del det op")):
            prescan(xml)
    monkeypatch.setattr(sheets, "MAX_ROWS", 50)
    monkeypatch.setattr(sheets, "MAX_CELLS", 3)
    with pytest.raises(InputError, match="mere end 3 celler"):
        prescan(b"<worksheet><sheetData>" + four + b"</sheetData></worksheet>")


def test_the_prescan_sees_formulas():
    assert prescan(b'<worksheet><sheetData><row r="1"><c r="A1"><f>1+1</f></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("before", [0, (1 << 20) - 10_000])  # also across the 1 MB read boundary
def test_the_prescan_finds_a_long_text_in_shared_strings(before):
    long = "æ" * 33_000  # 66,000 bytes, 33,000 characters
    xml = b"<sst>" + b"<si><t>x</t></si>" * (before // 17) + b"<si><t>" + long.encode() + b"</t></si></sst>"
    with pytest.raises(InputError) as info:
        prescan(xml, sheet=False)
    assert info.value.message == "ark.xlsx har en celle på mere end 32.767 tegn – højst 32.767 tegn pr. celle"


def test_a_long_danish_text_within_the_limit_passes_the_prescan():
    assert prescan(b"<sst><si><t>" + ("ø" * 32_000).encode() + b"</t></si></sst>", sheet=False) is False


def test_a_long_cell_in_a_real_workbook_is_refused_before_openpyxl(tmp_path, monkeypatch):
    path = book_with(tmp_path / "ark.xlsx", [(None, "y", "TL")])
    rewrite_member(path, "xl/worksheets/sheet1.xml", lambda d: d.replace(b"<t>y</t>", b"<t>" + b"y" * 40_000 + b"</t>"))
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("openpyxl must not read it"))
    with pytest.raises(InputError, match=re.escape("har en celle på mere end 32.767 tegn")):
        read_sheet(path)


@pytest.mark.parametrize("name", ["gammel.xls", "regneark.ods"])
def test_other_spreadsheet_formats_get_a_clear_message(tmp_path, name):
    (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(InputError) as info:
        read_sheet(tmp_path / name)
    assert info.value.message == (
        f"{name} er i et format, forumkit ikke læser – gem arket som Excel (.xlsx) eller 'CSV UTF-8' og prøv igen"
    )


def test_a_folder_is_not_a_sheet(tmp_path):
    with pytest.raises(InputError, match="er ikke en almindelig fil"):
        read_sheet(tmp_path)
