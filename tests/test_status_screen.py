"""The 'Årsstatus' screen: pick the year and charts, see facts and charts, export the bundle."""

from __future__ import annotations

from pptx import Presentation

from forumkit.ui.common import output_text
from forumkit.ui.status import StatusScreen


def test_facts_and_takeaways_for_the_year(workspace):
    screen = StatusScreen.from_env()
    assert list(screen.year.options) == [2025, 2026] and screen.year.value == 2026
    text = output_text(screen.facts_out)
    # meetings by their Danish date, as in the case note; a council member does not know meeting ids
    assert (
        "Forummet har holdt 2 møder i 2026 (den 23. april 2026 og den 1. oktober 2026); fremmødet var 85 %." in text
        and "M-2026" not in text
    )
    assert "692.000 kr. sikret af 1.560.000 kr. søgt (44 %)" in text
    assert "de sikrede ressourcer er steget fra 215.000 kr. til 692.000 kr." in text and "kr.." not in text
    screen.year.value = 2025
    assert "Forummet har holdt 2 møder i 2025 (den 6. maj 2025 og den 2. oktober 2025)" in output_text(screen.facts_out)


def test_show_charts_inline(workspace, tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    screen = StatusScreen.from_env()
    screen.chart_boxes["networks"].value = False
    screen.show_button.click()
    screen.show_button.click()
    assert list(scratch.iterdir()) == []  # no 'forumkit-grafer-*' folder left behind, click after click
    html = [o["data"]["text/html"] for o in screen.charts_out.outputs if "text/html" in o.get("data", {})]
    assert len(html) == 6 and all(  # the second click replaced the first one's charts
        "<img src='data:image/png;base64," in h for h in html
    )
    # Alt text: the kind of chart, its headline, its takeaway and the numbers behind it (WCAG 1.1.1).
    budget = next(h for h in html if "Søgt og sikret budget" in h)
    assert "alt='Liggende søjlediagram: Søgt og sikret budget pr. søjle. 692.000 kr. sikret af 1.560.000 kr." in budget
    assert "Liv på Havnen: Søgt 625.000 kr., Sikret 215.000 kr." in budget
    assert not any("Netværkenes medlemstal" in h for h in html)


def test_export_the_chosen_charts(workspace):
    screen = StatusScreen.from_env()
    for key in ("progress", "networks", "green"):
        screen.chart_boxes[key].value = False
    screen.with_pdf.value = False  # the PDFs: test_pdf_documents (LibreOffice is slow)
    screen.export_button.click()
    # 4 × (png, svg, pdf, csv, xlsx) + 3; no server path and no hash
    assert output_text(screen.message) == (
        "Årsstatus 2026 er klar: 23 filer (data pr. 26. november 2026). Hent dem "
        "samlet som zip-fil eller enkeltvis herunder."
    )
    deck = Presentation(workspace / "eksport" / "Årsstatus 2026" / "Status 2026 – præsentation.pptx")
    assert len(deck.slides) == 2 + 4 + 1


def test_the_annual_status_is_offered_as_one_zip_and_as_single_files(workspace):
    import io
    import zipfile

    screen = StatusScreen.from_env()
    for key in ("progress", "networks", "green", "budget"):
        screen.chart_boxes[key].value = False
    screen.with_pdf.value = False
    bundle = screen.export()
    offered = dict(screen.downloads.files)
    assert offered == {p.relative_to(bundle.folder).as_posix(): p.read_bytes() for p in bundle.files}
    zipped = screen.downloads.zip_bytes()
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        assert {i.filename: archive.read(i) for i in archive.infolist()} == offered
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "download='Årsstatus 2026.zip'" in screen.downloads.value
    assert str(workspace) not in screen.downloads.value + output_text(screen.message)
    assert bundle.snapshot not in screen.downloads.value + output_text(screen.message)
    screen.export()  # the same data again: the same zip, byte for byte
    assert screen.downloads.zip_bytes() == zipped
    screen.year.value = 2025
    assert screen.downloads.value == ""  # 2026's files are not offered as 2025's


def test_the_export_button_is_busy_while_it_works(workspace, monkeypatch):
    import forumkit.documents.status_report as report

    screen = StatusScreen.from_env()
    seen = []
    real = report.write_status_report

    def slow(*args, **kwargs):
        b = screen.export_button
        seen.append((b.disabled, b.icon, b.description, output_text(screen.message)))
        raise OSError("disken er fuld")

    monkeypatch.setattr(report, "write_status_report", slow)
    screen.export_button.click()
    assert seen == [(True, "spinner spin", "Gemmer årsstatus 2026 …", "Gemmer årsstatus 2026 …")]
    assert output_text(screen.message) == "Ikke gemt: disken er fuld"
    assert not screen.export_button.disabled and screen.export_button.icon == "download"
    del real


def test_without_libreoffice_the_screen_says_so_in_danish_and_makes_the_rest(workspace, monkeypatch):
    monkeypatch.setenv("FORUMKIT_SOFFICE", "")  # LibreOffice is not installed
    screen = StatusScreen.from_env()
    for key in ("progress", "networks", "green", "budget", "attendance", "actions"):
        screen.chart_boxes[key].value = False
    assert screen.with_pdf.value  # the council gets PDFs unless the user says otherwise
    bundle = screen.export()
    names = sorted(p.name for p in bundle.files if p.parent == bundle.folder)
    assert names == ["Status 2026 – præsentation.pptx", "Status 2026 – sagsfremstilling.docx", "manifest.json"]
    lines = output_text(screen.message).splitlines()
    assert lines[0].startswith(f"Årsstatus 2026 er klar: {len(bundle.files)} filer (data pr. 26. november 2026).")
    assert lines[1] == (
        "Der er ingen PDF-filer, fordi LibreOffice ikke er installeret på serveren; Word- og "
        "PowerPoint-filerne er lavet. Bed jeres it-afdeling installere LibreOffice "
        "(libreoffice-writer-nogui og libreoffice-impress-nogui), så kommer PDF'erne med næste gang."
    )
    assert "kør kommandoen" not in output_text(screen.message)  # no terminal in the app
