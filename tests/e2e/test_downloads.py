"""Results reach the browser: every file a screen makes is a download link in the app (Voilà); each one is
downloaded by the browser and opened by the program a secretary would open it with."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import icalendar
import openpyxl
import pytest
from pptx import Presentation

from tests.e2e.conftest import _serve, shoot
from tests.e2e.test_app import open_app
from tests.e2e.test_lab import choose

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    yield from _serve("app", tmp_path_factory.mktemp("downloads"))


def fetch(page, link) -> tuple[str, bytes]:
    """Click a download link; the file's name as the browser saves it, and its bytes."""
    link.scroll_into_view_if_needed()
    with page.expect_download() as info:
        link.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def fetch_all(page, region: str) -> dict[str, bytes]:
    links = page.get_by_role("region", name=region).locator("a[download]")
    links.first.wait_for()
    return dict(fetch(page, links.nth(i)) for i in range(links.count()))


def no_server_paths(page, served) -> None:
    text = page.inner_text("body")
    assert str(served.workspace) not in text and "/eksport" not in text, text[-1500:]


def test_invitation_and_minutes(page, served):
    open_app(page, served, "02_moedeplanlaegning.ipynb")
    page.get_by_role("tab", name="Indkaldelse").click()
    page.get_by_role("button", name=re.compile("Gem indkaldelse")).click()
    page.get_by_text("Indkaldelsen til mødet den 22. april 2027 er klar: 4 filer.").wait_for()  # with the PDF
    files = fetch_all(page, "Hent indkaldelsen til mødet den 22. april 2027")
    shoot(page, "app_02_indkaldelse_hent")
    assert sorted(files) == [
        "Indkaldelse M-2027-1 (e-mail).txt",
        "Indkaldelse M-2027-1.docx",
        "Indkaldelse M-2027-1.ics",
        "Indkaldelse M-2027-1.pdf",
    ]
    assert files["Indkaldelse M-2027-1.pdf"].startswith(b"%PDF")
    event = icalendar.Calendar.from_ical(files["Indkaldelse M-2027-1.ics"]).walk("VEVENT")[0]
    assert str(event["summary"]) == "Samarbejdsforum: Netværkene ét år efter"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(files["Indkaldelse M-2027-1.docx"])).paragraphs)
    assert "Indkaldelse til møde i Samarbejdsforum" in text
    assert "22. april 2027" in files["Indkaldelse M-2027-1 (e-mail).txt"].decode("utf-8")
    no_server_paths(page, served)

    choose(page, "Møde:", "M-2026-2")
    page.get_by_role("tab", name="Referat").click()
    page.get_by_role("button", name=re.compile("Gem referat")).click()
    page.get_by_text("Referatet af mødet den 1. oktober 2026 er klar: 3 filer.").wait_for()
    files = fetch_all(page, "Hent referatet af mødet den 1. oktober 2026")
    assert sorted(files) == ["Referat M-2026-2.docx", "Referat M-2026-2.md", "Referat M-2026-2.pdf"]
    minutes = docx.Document(io.BytesIO(files["Referat M-2026-2.docx"]))
    assert any("Sofie Kragh Winther" in cell.text for row in minutes.tables[0].rows for cell in row.cells)
    assert files["Referat M-2026-2.md"].decode("utf-8").startswith("# Referat")
    no_server_paths(page, served)


def test_member_lists(page, served):
    open_app(page, served, "01_opsaetning.ipynb")
    page.get_by_role("tab", name="Medlemslister").click()
    seen = {}
    for label, name in (
        ("Medlemsliste (Excel)", "Medlemsliste 2026-11-26.xlsx"),
        ("Medlemsliste (Word)", "Medlemsliste 2026-11-26.docx"),
        ("Kontaktliste, intern (Excel)", "Kontaktliste INTERN 2026-11-26.xlsx"),
    ):
        page.get_by_role("button", name=label).click()
        page.get_by_text(f"{name} er klar. Hent den herunder.").wait_for()
        seen.update(fetch_all(page, "Hent listen"))
        assert name in seen
    assert (
        openpyxl.load_workbook(io.BytesIO(seen["Medlemsliste 2026-11-26.xlsx"])).active["B2"].value
        == "Jens Peter Havmand"
    )
    assert (
        docx.Document(io.BytesIO(seen["Medlemsliste 2026-11-26.docx"])).tables[0].rows[1].cells[1].text
        == "Jens Peter Havmand"
    )
    contacts = openpyxl.load_workbook(io.BytesIO(seen["Kontaktliste INTERN 2026-11-26.xlsx"])).active
    assert any("@example.dk" in str(c.value) for row in contacts.iter_rows() for c in row)
    no_server_paths(page, served)


def test_catalogue_list(page, served):
    open_app(page, served, "03_idekatalog.ipynb")
    page.get_by_text(re.compile(r"28\s+af 28 initiativer")).first.wait_for()
    page.get_by_role("button", name="Hent listen (Excel)").click()
    page.get_by_text("Idékatalog 2026-11-26.xlsx er klar med 28 initiativer.").wait_for()
    [(name, data)] = fetch_all(page, "Hent listen").items()
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.values)
    assert name == "Idékatalog 2026-11-26.xlsx" and len(rows) == 29 and rows[1][0] == "I-001"
    page.get_by_role("button", name="Hent listen (CSV)").click()
    page.get_by_text("Idékatalog 2026-11-26.csv er klar med 28 initiativer.").wait_for()
    [(name, data)] = fetch_all(page, "Hent listen").items()
    assert name == "Idékatalog 2026-11-26.csv" and data.decode("utf-8-sig").startswith("id;titel;")


def test_annual_status_as_zip_and_single_files(page, served):
    open_app(page, served, "04_aarsstatus.ipynb")
    page.get_by_role("button", name=re.compile("Gem årsstatus")).click()
    page.get_by_text(re.compile(r"Årsstatus 2026 er klar: \d+ filer")).wait_for()
    no_server_paths(page, served)
    region = page.get_by_role("region", name="Hent årsstatus 2026")
    name, data = fetch(page, region.locator("a[download='Årsstatus 2026.zip']"))
    assert name == "Årsstatus 2026.zip"
    folder = served.workspace / "eksport" / "Årsstatus 2026"
    on_disk = {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {n: archive.read(n) for n in archive.namelist()} == on_disk
    region.get_by_text(re.compile(r"Enkeltfiler \(\d+\)")).click()
    region.scroll_into_view_if_needed()
    shoot(page, "app_04_aarsstatus_hent")
    name, data = fetch(page, region.locator("a[download='Status 2026 – sagsfremstilling.docx']"))
    assert name == "Status 2026 – sagsfremstilling.docx"
    assert any("2026" in p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    name, data = fetch(page, region.locator("a[download='Status 2026 – præsentation.pptx']"))
    assert len(Presentation(io.BytesIO(data)).slides) > 2
