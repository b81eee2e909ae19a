"""The annual status: chart data and takeaways, the deck and the case note read back, byte-reproducible
charts, and bad input (no data, unwritable folder, a failure half-way) handled without loss."""

from __future__ import annotations

import hashlib
from datetime import date

import docx
import pytest
from pptx import Presentation

from forumkit.cli import main
from forumkit.documents.status_report import snapshot_hash, write_status_report
from forumkit.model.errors import InputError
from forumkit.rules.status_data import CHARTS, chart_data, year_facts
from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import EXAMPLE, TODAY

TAKEAWAYS_2026 = {
    "status": "3 af 6 initiativer under Turisme og Livskvalitet er igangsat",
    "progress": "Størst fremgang i 2026: Liv på Havnen, fra 10 % til 65 % (+55 procentpoint)",
    "budget": "692.000 kr. sikret af 1.560.000 kr. søgt (44 %)",
    "attendance": "Fremmøde i 2026: 85 % på 2 møder",
    "actions": "6 af 11 opgaver er lukket; 1 åben er over 90 dage gammel",
    "networks": "Klima og bæredygtighed har 19 medlemmer, gastronomi og lokale fødevarer 21",
    "green": "8 initiativer til yderligere belysning; 4 mangler en ejer",
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("status") / "Årsstatus 2026"
    return write_status_report(load_workspace(EXAMPLE), EXAMPLE, 2026, out, TODAY)


def test_year_facts():
    ws, changes = load_workspace(EXAMPLE), read_changes(EXAMPLE)
    facts = year_facts(ws, changes, 2026, TODAY)
    assert facts.meetings_held == ("M-2026-1", "M-2026-2") and facts.attendance_rate == 0.85
    assert [i.id for i in facts.completed] == ["I-015", "I-019"]
    assert len(facts.started) == 9 and (facts.budget_asked, facts.budget_secured) == (1_560_000, 692_000)
    earlier = year_facts(ws, changes, 2025, TODAY)
    assert [i.id for i in earlier.completed] == ["I-002", "I-004", "I-005", "I-006"]
    assert earlier.budget_secured == 215_000 and earlier.as_of == date(2025, 12, 31)


def test_chart_data_and_takeaways():
    charts = chart_data(load_workspace(EXAMPLE), read_changes(EXAMPLE), 2026, TODAY)
    assert {c.key: c.takeaway for c in charts} == TAKEAWAYS_2026
    by_key = {c.key: c.table for c in charts}
    assert int(by_key["status"].loc["Liv på Havnen", "igangsat"]) == 2
    assert int(by_key["status"].to_numpy().sum()) == 28
    assert list(by_key["attendance"].loc["1. okt. 2026"]) == [9, 1, 0]  # meetings named by date
    assert int(by_key["budget"].loc["Liv på Havnen", "Sikret"]) == 215_000
    assert by_key["networks"].ffill().iloc[-1].tolist() == [19.0, 21.0]
    assert by_key["progress"].iloc[-1]["Liv på Havnen"] == 65


def test_deck(bundle):
    """The deck's content in order (its form – layouts, alt text, notes – is in tests/test_deck.py)."""
    deck = Presentation(bundle.folder / "Status 2026 – præsentation.pptx")
    assert deck.slide_width * 9 == deck.slide_height * 16
    slides = list(deck.slides)
    assert len(slides) == 2 + len(CHARTS) + 1
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert titles == (
        ["Årsstatus 2026", "2026 i tal: 2 møder, 9 initiativer sat i gang og 2 gennemført"]
        + list(TAKEAWAYS_2026.values())
        + ["9 initiativer sat i gang og 2 gennemført i 2026"]
    )
    assert sum(1 for s in slides for shape in s.shapes if shape._element.tag.endswith("}pic")) == len(CHARTS)


def test_case_note(bundle):
    document = docx.Document(bundle.folder / "Status 2026 – sagsfremstilling.docx")
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["RESUMÉ", "INDSTILLING", "SAGSFREMSTILLING", "ØKONOMI", "KOMMUNIKATION/HØRING", "BILAG"]
    assert "1.\tat orienteringen tages til efterretning." in paragraphs
    assert (
        "•\tForummet har holdt 2 møder i 2026 (den 23. april 2026 og den 1. oktober 2026); fremmødet var 85 %."
        in paragraphs
    )
    assert "•\t9 initiativer er sat i gang, og 2 er gennemført i 2026." in paragraphs
    assert "•\tDer er sikret 692.000 kr. af 1.560.000 kr. søgt til initiativerne i kataloget." in paragraphs
    assert any(
        p.startswith("•\tTil sammenligning blev der i 2025 holdt 2 møder, sat 7 initiativer i gang") for p in paragraphs
    )
    private = paragraphs.index("Private erhvervsinitiativer")
    assert paragraphs[private + 1] == "Forummet udvikler og understøtter 4 private erhvervsinitiativer:"
    assert paragraphs[private + 6] == (
        "Forummet har i 2026 modtaget 5 input fra virksomheder og borgere (dialog og erfaringsudveksling)."
    )
    bilag = paragraphs[paragraphs.index("BILAG") + 1 :]
    assert bilag[0] == "1.\tPræsentation: Status 2026"
    assert "5.\tGraf: Fremmøde pr. møde" in bilag
    assert bilag[-1] == "Data pr. 26. november 2026."
    assert document.core_properties.comments == (
        f"Data pr. 26. november 2026; Datagrundlag (sha256): {snapshot_hash(EXAMPLE)}"
    )


def test_bundle_is_byte_identical_and_names_its_data(bundle, tmp_path):
    again = write_status_report(load_workspace(EXAMPLE), EXAMPLE, 2026, tmp_path / "igen", TODAY)
    first = {p.relative_to(bundle.folder): p.read_bytes() for p in bundle.files}
    second = {p.relative_to(again.folder): p.read_bytes() for p in again.files}
    assert first == second
    assert {p.suffix for p in first} == {".png", ".svg", ".pdf", ".csv", ".xlsx", ".pptx", ".docx", ".json"}
    manifest = (bundle.folder / "manifest.json").read_text(encoding="utf-8")
    assert snapshot_hash(EXAMPLE) in manifest and '"dato": "2026-11-26"' in manifest
    for path in bundle.files:
        if path.suffix in (".png", ".svg", ".pdf", ".csv", ".xlsx"):
            assert hashlib.sha256(path.read_bytes()).hexdigest() in manifest


def test_charts_carry_no_timestamps(bundle):
    svg = next(p for p in bundle.files if p.suffix == ".svg").read_text(encoding="utf-8")
    pdf = next(p for p in bundle.files if p.suffix == ".pdf").read_bytes()
    assert "<dc:date>" not in svg and b"/CreationDate" not in pdf and b"/ModDate" not in pdf


def test_a_year_with_no_data(tmp_path):
    with pytest.raises(InputError) as info:
        write_status_report(load_workspace(EXAMPLE), EXAMPLE, 2024, tmp_path / "x", TODAY)
    assert info.value.message == (
        "der er ingen møder og ingen initiativer sat i gang eller gennemført i 2024 – der er intet at rapportere"
    )
    assert not (tmp_path / "x").exists()


def test_an_unwritable_folder_is_reported_before_any_work(workspace, tmp_path, capsys, monkeypatch):
    import forumkit.rules.status_data as data

    monkeypatch.setattr(data, "chart_data", lambda *a: pytest.fail("work started"))
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    assert main(["status-report", "2026", "--out", str(blocker / "ud"), "--dir", str(workspace)]) == 2
    assert f"Fejl: --out: {blocker} er en fil, ikke en mappe" in capsys.readouterr().err


def test_a_failure_half_way_leaves_the_old_bundle_whole(tmp_path, monkeypatch):
    ws = load_workspace(EXAMPLE)
    out = tmp_path / "bundle"
    write_status_report(ws, EXAMPLE, 2026, out, TODAY, charts=["status"])
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    import forumkit.documents.deck as deck

    monkeypatch.setattr(deck, "build_deck", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "Disken er fuld")))
    with pytest.raises(OSError):
        write_status_report(ws, EXAMPLE, 2026, out, TODAY)
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["bundle"]


def test_cli_status_report(workspace, tmp_path, capsys):
    assert (
        main(
            [
                "status-report",
                "2026",
                "--out",
                str(tmp_path / "ud"),
                "--dir",
                str(workspace),
                "--charts",
                "status,budget",
                "--no-pdf",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "grafer/01_initiativer_pr_soejle_og_status.png" in out and "grafer/02_budget_soegt_og_sikret.pdf" in out
    deck = Presentation(tmp_path / "ud" / "Status 2026 – præsentation.pptx")
    assert len(deck.slides) == 5
