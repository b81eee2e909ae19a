"""Nothing injected through exports: formulas stay text, markup shows as text on every screen, calendar,
Word and PowerPoint get plain text, and a file name built from user text never leaves its folder."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import ipywidgets as widgets
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.model.errors import InputError
from forumkit.model.safe import (
    FORMULA_TRIGGERS,
    csv_cell,
    safe_filename,
    safe_output_path,
    uncsv_cell,
)
from forumkit.model.tables import edit
from forumkit.storage.csvfile import parse_csv, render_csv
from forumkit.storage.store import Store, load_workspace
from tests.conftest import EXAMPLE, ROOT, TODAY

EVIL = "<img src=x onerror=alert(1)></script>"
FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x";"klik")']


@pytest.mark.parametrize("formula", FORMULAS)
def test_workspace_csv_guards_formulas_and_round_trips(store, formula):
    import csv
    import io

    store.update(
        lambda ws: ws.with_table(
            "initiatives", [edit(i, owner=formula) if i.id == "I-001" else i for i in ws.initiatives]
        )
    )
    typed = formula.strip()  # leading tab or CR is trimmed like any surrounding blank
    rows = list(
        csv.reader(io.StringIO((store.root / "initiatives.csv").read_text(encoding="utf-8-sig")), delimiter=";")
    )
    raw = rows[1][rows[0].index("ejer")]
    assert raw == "'" + typed  # what Excel sees: text, not a formula
    assert load_workspace(store.root).initiative_by_id["I-001"].owner == typed


@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\r;,\"\n aæø1")), max_size=30))
def test_csv_guard_is_lossless(text):
    assert uncsv_cell(csv_cell(text)) == text
    assert not csv_cell(text).startswith(FORMULA_TRIGGERS)


@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("'=+-@;,\"\n\t aæø1")), max_size=20).map(str.strip),
        min_size=2,
        max_size=2,
    ).filter(any)
)
def test_render_then_parse_gives_the_same_cells(cells):
    """Cells as the workspace stores them (trimmed text) survive a write and a read unchanged."""
    data = render_csv(["a", "b"], [{"a": cells[0], "b": cells[1]}])
    parsed, problems = parse_csv("x.csv", data, ["a", "b"])
    assert problems == []
    assert [parsed.rows[0]["a"] or "", parsed.rows[0]["b"] or ""] == cells


@pytest.mark.parametrize("formula", FORMULAS)
def test_excel_exports_never_hold_a_formula(tmp_path, formula):
    from forumkit.documents.member_exports import write_public_xlsx
    from forumkit.edits.transfer import export_table

    ws = load_workspace(EXAMPLE)
    ws = ws.with_table(
        "members", [edit(m, organisation=formula.strip() or "x") if m.id == "A-007" else m for m in ws.members]
    )
    for path in (
        write_public_xlsx(ws, TODAY, tmp_path / "m.xlsx"),
        export_table(ws, "members", "xlsx", tmp_path / "t.xlsx"),
    ):
        book = openpyxl.load_workbook(path)
        cells = [c for row in book.active.iter_rows() for c in row if c.value is not None]
        assert not [c for c in cells if c.data_type == "f"]
        assert formula.strip() in [c.value for c in cells]


def test_control_characters_are_refused(store):
    with pytest.raises(InputError) as info:
        store.update(
            lambda ws: ws.with_table(
                "initiatives", [edit(i, title="Bod\x00på havnen") if i.id == "I-001" else i for i in ws.initiatives]
            )
        )
    assert info.value.message == "teksten indeholder et kontroltegn (U+0000) – fjern det"


def _evil_workspace(store: Store) -> None:
    def poison(ws):
        ws = ws.with_table("members", [edit(m, name=f"{m.name} {EVIL}", organisation=EVIL) for m in ws.members])
        ws = ws.with_table(
            "initiatives",
            [
                edit(i, title=f"{i.title} {EVIL}", owner=EVIL if i.owner else None, next_step=EVIL)
                for i in ws.initiatives
            ],
        )
        ws = ws.with_table("meetings", [edit(m, theme=EVIL) for m in ws.meetings])
        ws = ws.with_table("agenda", [edit(a, title=f"{a.title} {EVIL}", recommendation=EVIL) for a in ws.agenda])
        ws = ws.with_table("actions", [edit(a, text=EVIL) for a in ws.actions])
        ws = ws.with_table("working_groups", [edit(g, name=EVIL, mandate=EVIL) for g in ws.working_groups])
        return ws.with_table("secretariat", [edit(s, title=EVIL) for s in ws.secretariat])

    store.update(poison)


def _html_of(widget) -> list[str]:
    out = []
    if isinstance(widget, widgets.HTML):
        out.append(widget.value)
    if isinstance(widget, widgets.Output):
        out += [o.get("data", {}).get("text/html", "") for o in widget.outputs]
    for child in getattr(widget, "children", ()):
        out += _html_of(child)
    return out


def test_markup_typed_by_users_is_shown_as_text_on_every_screen(store):
    from forumkit.ui.catalogue import CatalogueScreen
    from forumkit.ui.meetings import MeetingScreen
    from forumkit.ui.overview import OverviewScreen
    from forumkit.ui.setup import SetupScreen
    from forumkit.ui.status import StatusScreen

    _evil_workspace(store)
    screens = [
        OverviewScreen(store, TODAY),
        SetupScreen(store, TODAY),
        MeetingScreen(store, TODAY),
        CatalogueScreen(store, TODAY),
        StatusScreen(store, TODAY),
    ]
    screens[2].meeting.value = "M-2026-2"
    screens[3].progress.explain_key.value = screens[3].ws.charter.pillars[0].id
    html = "\n".join(h for screen in screens for h in _html_of(screen))
    assert "&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;" in html
    assert "<img" not in html and "</script>" not in html.lower()


def test_markup_in_word_and_powerpoint_is_plain_text(store, tmp_path):
    from pptx import Presentation

    from forumkit.documents.invitation import write_invitation
    from forumkit.documents.status_report import write_status_report

    _evil_workspace(store)
    ws = store.load()
    letter = write_invitation(ws, "M-2027-1", tmp_path / "inv", TODAY)[0]
    assert any(
        EVIL in p.text
        for p in docx.Document(letter).paragraphs
        + [p for t in docx.Document(letter).tables for r in t.rows for c in r.cells for p in c.paragraphs]
    )
    bundle = write_status_report(ws, store.root, 2026, tmp_path / "status", TODAY, charts=["status"])
    deck = Presentation(bundle.folder / "Status 2026 – præsentation.pptx")
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    texts += [
        c.text for slide in deck.slides for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells
    ]  # initiative titles are in a real table
    assert any(EVIL in t for t in texts)


def test_calendar_text_is_escaped(store):
    import icalendar

    from forumkit.documents.invitation import invitation_ics

    _evil_workspace(store)
    raw = invitation_ics(store.load(), "M-2027-1")
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["summary"]) == f"Samarbejdsforum: {EVIL}"
    assert b"BEGIN:VEVENT" in raw and raw.count(b"BEGIN:VEVENT") == 1


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "_etc_passwd"),
        ("/etc/passwd", "_etc_passwd"),
        ("CON", "fil_CON"),
        ("con.txt", "fil_con.txt"),
        ("Referat\x00M-1.docx", "ReferatM-1.docx"),
        ("..", "fil"),
        ("  .skjult", "skjult"),
        ('a<b>c:d"e|f?g*h', "a_b_c_d_e_f_g_h"),
    ],
)
def test_file_names_from_user_text(tmp_path, name, expected):
    assert safe_filename(name) == expected
    assert safe_output_path(tmp_path, name).parent == tmp_path.resolve()


@given(st.text(max_size=60))
def test_any_file_name_stays_in_its_folder(name):
    folder = Path("/tmp/forumkit-ud").resolve()
    target = safe_output_path(folder, name)
    assert target.parent == folder and target.name not in ("", ".", "..")


def test_only_safe_loaders():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "forumkit").rglob("*.py"))
    assert "import yaml" not in source and "pickle" not in source and "eval(" not in source
    assert re.search(r"\btomllib\.loads?\(", source)
