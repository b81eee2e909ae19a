"""Import a catalogue sheet with a preview; export any table; the round trip loses nothing."""

from __future__ import annotations

import json

import openpyxl
import pytest

from forumkit.cli import main
from forumkit.edits.transfer import (
    apply_import,
    export_table,
    load_mapping,
    preview_import,
    save_mapping,
)
from forumkit.model.errors import InputError
from forumkit.model.tables import TABLES, edit
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY, snapshot


def user_sheet(path, rows, headings=("Nr", "Indsats", "Fokusområde", "Ansvarlig", "Fremdrift (%)", "Deadline")):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Idékatalog"
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_is_lossless(tmp_path, fmt):
    ws = load_workspace(EXAMPLE)
    path = export_table(ws, "initiatives", fmt, tmp_path / f"katalog.{fmt}")
    preview = preview_import(ws, path)
    assert preview.clean and {r.action for r in preview.rows} == {"uændret"} and len(preview.rows) == 28
    assert apply_import(ws, preview, TODAY).initiatives == ws.initiatives


def test_an_edit_in_excel_comes_back(tmp_path):
    ws = load_workspace(EXAMPLE)
    path = export_table(ws, "initiatives", "xlsx", tmp_path / "katalog.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("fremdrift") + 1).value = 85
    typed = sheet.cell(row=3, column=headers.index("titel") + 1)
    typed.value = "=Ikke en formel"
    typed.data_type = "s"  # text typed in a text-formatted cell, as the export sets them
    book.save(path)
    preview = preview_import(ws, path)
    assert [(r.initiative.id, r.changes) for r in preview.rows if r.action == "ændret"] == [
        ("I-001", {"fremdrift": ("70", "85")}),
        ("I-002", {"titel": (ws.initiatives[1].title, "=Ikke en formel")}),
    ]
    merged = apply_import(ws, preview, TODAY)
    assert merged.initiative_by_id["I-001"].progress == 85
    again = export_table(merged, "initiatives", "xlsx", tmp_path / "igen.xlsx")
    cell = openpyxl.load_workbook(again).active.cell(row=3, column=headers.index("titel") + 1)
    assert (cell.value, cell.data_type) == ("=Ikke en formel", "s")
    csv_path = export_table(merged, "initiatives", "csv", tmp_path / "igen.csv")
    assert ";'=Ikke en formel;" in csv_path.read_text(encoding="utf-8-sig")
    assert preview_import(merged, csv_path).rows[1].action == "uændret"


def test_every_problem_of_a_bad_sheet_is_listed_and_nothing_written(store, tmp_path):
    path = user_sheet(
        tmp_path / "ark.xlsx",
        [
            ("I-001", "Bod på havnen", "Liv på Havnen", "Karin Søborg", 75, "2026-12-31"),
            (None, "Ny idé", "Rumfart", None, "halvdelen", "7/5-26"),
            (None, "Anden idé", "Turisme og Livskvalitet", None, 140, None),
            ("I-001", "Dobbelt", "LH", None, None, None),
        ],
        headings=("Nr", "Indsats", "Fokusområde", "Ansvarlig", "Fremdrift (%)", "Deadline", "Kommentar"),
    )
    preview = preview_import(store.load(), path)
    assert [str(p) for p in preview.problems] == [
        "Idékatalog:1:Kommentar: overskriften 'Kommentar' er ikke tilknyttet en kolonne – vælg hvilken, eller "
        "'ignorér'",
        "Idékatalog:3:Fokusområde: ukendt søjle 'Rumfart' – brug en af: Iværksættere og Uddannelse, Fødevarer, "
        "Gastronomi og Klima, Turisme og Livskvalitet, Liv på Havnen, Rammevilkår og erhvervsservice",
        "Idékatalog:3:Deadline: ugyldig dato '7/5-26' – skriv ÅÅÅÅ-MM-DD (mente du 2026-05-07?)",
        "Idékatalog:3:Fremdrift (%): ugyldig fremdrift 'halvdelen' – skriv et helt tal",
        "Idékatalog:4:Fremdrift (%): fremdrift '140' skal være mellem 0 og 100",
        "Idékatalog:5:Nr: id 'I-001' står også i række 2",
    ]
    before = snapshot(store.root)
    with pytest.raises(InputError, match="importen har 6 problem"):
        apply_import(store.load(), preview, TODAY)
    assert main(["import", str(path), "--dir", str(store.root)]) == 1
    assert snapshot(store.root) == before


def test_a_clean_user_sheet_merges_by_id_and_remembers_the_mapping(store, tmp_path, capsys):
    path = user_sheet(
        tmp_path / "ark.xlsx",
        [
            ("I-001", "Ubemandet bod med lokale råvarer på Dragør Havn", "Liv på Havnen", "Karin Søborg", 75, None),
            (None, "Fælles gavekort", "Turisme og Livskvalitet", "Vestergaard Mode", None, "2027-06-30"),
        ],
        headings=("Nr", "Indsats", "Fokusområde", "Ansvarlig", "Fremdrift (%)", "Deadline", "Kommentar"),
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Kommentar": ""}), encoding="utf-8")
    assert main(["import", str(path), "--dir", str(store.root), "--mapping", str(mapping), "--dry-run"]) == 0
    assert "Prøvekørsel: intet er gemt." in capsys.readouterr().out
    assert main(["import", str(path), "--dir", str(store.root), "--mapping", str(mapping)]) == 0
    ws = store.load()
    assert ws.initiative_by_id["I-001"].progress == 75
    new = ws.initiative_by_id["I-029"]
    assert (new.title, new.pillar, new.owner, new.status, new.kind) == (
        "Fælles gavekort",
        "TL",
        "Vestergaard Mode",
        "idé",
        "kommunal",
    )
    assert load_mapping(store.root)["kommentar"] == ""
    assert preview_import(ws, path, load_mapping(store.root)).clean  # remembered: no mapping file next time


def test_save_mapping_keeps_only_own_choices(tmp_path):
    save_mapping(tmp_path, {"Indsats": "titel", "Kommentar": "", "Pris": "budget_søgt"})
    assert json.loads((tmp_path / "import_mapping.json").read_text("utf-8")) == {"kommentar": "", "pris": "budget_søgt"}


@pytest.mark.parametrize("table", list(TABLES))
def test_cli_exports_any_table(workspace, tmp_path, table):
    out = tmp_path / f"{table}.xlsx"
    assert main(["export", table, "--format", "xlsx", "--out", str(out), "--dir", str(workspace)]) == 0
    sheet = openpyxl.load_workbook(out).active
    assert [c.value for c in sheet[1]] == list(TABLES[table].headers)
    assert sheet.max_row == len(load_workspace(workspace).table(table)) + 1


def test_formula_text_is_guarded_in_csv_export(tmp_path):
    ws = load_workspace(EXAMPLE)
    ws = ws.with_table("initiatives", [edit(i, owner="@SUM(1+1)") if i.id == "I-001" else i for i in ws.initiatives])
    text = export_table(ws, "initiatives", "csv", tmp_path / "x.csv").read_text(encoding="utf-8-sig")
    assert ";'@SUM(1+1);" in text


@pytest.mark.parametrize("fmt, name", [("xlsx", "x.csv"), ("csv", "x.xlsx"), ("csv", "x.txt"), ("xlsx", "x")])
def test_export_refuses_a_name_that_does_not_fit_the_format(workspace, tmp_path, capsys, fmt, name):
    """`--format xlsx --out x.csv` wrote an Excel file into a .csv name without a word."""
    out = tmp_path / "ud" / name
    code = main(["export", "members", "--format", fmt, "--out", str(out), "--dir", str(workspace)])
    assert code == 2
    stem = name.split(".")[0]
    assert capsys.readouterr().err == (
        f"Fejl: --out: filnavnet '{name}' passer ikke til formatet {fmt} – kald "
        f"filen fx '{stem}.{fmt}' (eller vælg formatet, der passer til navnet)\n"
    )
    assert not (tmp_path / "ud").exists()


@pytest.mark.parametrize("name, kind", [("m.csv", "csv"), ("M.CSV", "csv"), ("m.xlsx", "xlsx"), ("m.XLSX", "xlsx")])
def test_export_without_format_takes_it_from_the_name(workspace, tmp_path, name, kind):
    out = tmp_path / name
    assert main(["export", "members", "--out", str(out), "--dir", str(workspace)]) == 0
    data = out.read_bytes()
    if kind == "csv":
        assert data.decode("utf-8-sig").startswith("id;sæde;navn;")
    else:
        assert data[:2] == b"PK" and openpyxl.load_workbook(out).active["C1"].value == "navn"
