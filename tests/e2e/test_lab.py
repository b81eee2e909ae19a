"""JupyterLab end to end: each notebook runs in a real browser without error, and the secretary's one
task on each screen changes the workspace on disk as it should."""

from __future__ import annotations

import json
import re

import pytest

from forumkit.storage.store import load_workspace
from tests.e2e.conftest import shoot

pytestmark = pytest.mark.e2e

ERRORS = (
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
    ".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"
)


def open_and_run(page, lab, notebook: str) -> None:
    """Open ``notebook`` in JupyterLab, run all cells and wait until every code cell has run or one failed.

    The number of code cells comes from the file, not from the page: JupyterLab adds cells to the page while it
    renders, and a count taken too early on a loaded machine would wait for ever."""
    cells = json.loads((lab.notebooks / notebook).read_text(encoding="utf-8"))["cells"]
    count = sum(cell["cell_type"] == "code" for cell in cells)
    page.goto(f"{lab.url}/lab/tree/{notebook}?token={lab.token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    # The status bar says Idle only once the session is connected to its kernel; a run started before that
    # (seconds later on a busy machine) loses the first cell's output when the connection resets the prompts.
    page.locator(".jp-StatusBar-TextItem").filter(has_text=re.compile(r"\| (Idle|Ledig|Inaktiv)$")).first.wait_for()
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile(r"^(Run|Kør)$")).click()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(r"^(Run All Cells|Kør alle celler)$")).click()
    # done when every code cell shows an execution count, or as soon as one shows an error (run-all stops there)
    page.wait_for_function(
        """([n, failed]) => {
            if (document.querySelector(failed)) return true;
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
            return prompts.length === n && prompts.every(t => /\\[\\d+\\]/.test(t));
        }""",
        arg=[count, ERRORS],
    )
    errors = page.locator(ERRORS)
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    page.wait_for_selector(".widget-box, .jupyter-widgets")


def out(page):
    """Only what the notebook's outputs show (not the code in the editor)."""
    return page.locator(".jp-OutputArea")


def widget(page, label: str, kind: str = "input"):
    """The input of the ipywidget whose description is ``label`` (in the open tab), scrolled into view."""
    found = page.locator(f".widget-inline-hbox:has(> .widget-label:text-is('{label}')) {kind}")
    page.wait_for_function(
        """([label, kind]) => [...document.querySelectorAll('.widget-inline-hbox')]
        .some(box => box.querySelector(':scope > .widget-label')?.textContent === label && box.querySelector(kind))""",
        arg=[label, kind],
    )
    index = found.evaluate_all("""els => {
        const shown = els.findIndex(e => !e.closest('.lm-mod-hidden, .p-mod-hidden, [hidden]'));
        const i = shown < 0 ? 0 : shown;
        els[i].scrollIntoView({block: 'center'});
        return i;
    }""")
    return found.nth(index)


def choose(page, label: str, option_prefix: str) -> None:
    """Pick the option of a dropdown whose visible text starts with ``option_prefix``."""
    select = widget(page, label, "select")
    select.wait_for()
    options = select.evaluate("s => [...s.options].map(o => o.textContent)")
    wanted = [o for o in options if o.replace("\xa0", " ").startswith(option_prefix)]
    assert wanted, f"{label} har intet valg, der begynder med '{option_prefix}': {options}"
    select.select_option(label=wanted[0])


def test_opsaetning_appoint_to_the_vacant_seat(page, lab):
    open_and_run(page, lab, "01_opsaetning.ipynb")
    assert out(page).get_by_text("Repræsentant udpeget af Dragør Erhverv (DE)").first.is_visible()
    choose(page, "Sæde:", "Repræsentant udpeget af Dragør Erhverv")
    widget(page, "Navn:").fill("Ida Bech")
    widget(page, "Navn:").press("Tab")
    widget(page, "Virksomhed:").fill("Bechs Bageri")
    widget(page, "Virksomhed:").press("Tab")
    out(page).get_by_text("Klar til at gemme").wait_for()
    page.get_by_role("button", name="Gem udpegning").click()
    out(page).get_by_text("Gemt: Ida Bech er udpeget fra").wait_for()
    shoot(page, "01_opsaetning")
    ida = [a for a in load_workspace(lab.workspace).members if a.name == "Ida Bech"]
    assert [(a.seat, a.appointed_by, a.organisation) for a in ida] == [("DE", "Dragør Erhverv", "Bechs Bageri")]


def test_overblik(page, lab):
    open_and_run(page, lab, "00_overblik.ipynb")
    out(page).get_by_text("Næste møde").first.wait_for()
    assert out(page).get_by_text("M-2027-1: Netværkene ét år efter").first.is_visible()
    shoot(page, "00_overblik")


def test_moedeplanlaegning_plan_and_export_invitation(page, lab):
    open_and_run(page, lab, "02_moedeplanlaegning.ipynb")
    page.get_by_role("button", name="Foreslå datoer").click()
    out(page).get_by_text("forslag").first.wait_for()
    page.get_by_role("button", name="Opret møderne").click()
    out(page).get_by_text("Årsplanen for 2027 er gemt: M-2027-2.").wait_for()
    assert "M-2027-2" in load_workspace(lab.workspace).meeting_by_id
    page.get_by_role("tab", name="Indkaldelse").click()
    page.get_by_role("button", name=re.compile("Gem indkaldelse")).click()
    # the meeting chosen before 'Opret møderne' (the next one) is still the one invited to
    out(page).get_by_text("Indkaldelsen til mødet den 22. april 2027 er klar: 4 filer.").wait_for()
    shoot(page, "02_moedeplanlaegning")
    written = sorted(p.name for p in (lab.workspace / "eksport").iterdir() if p.name != ".forumkit-filer.json")
    assert written == [
        "Indkaldelse M-2027-1 (e-mail).txt",
        "Indkaldelse M-2027-1.docx",
        "Indkaldelse M-2027-1.ics",
        "Indkaldelse M-2027-1.pdf",
    ]


def test_idekatalog_status_change_moves_the_rollup(page, lab):
    open_and_run(page, lab, "03_idekatalog.ipynb")
    page.get_by_role("tab", name="Redigér").click()
    choose(page, "Initiativ:", "I-020 ")
    choose(page, "Status:", "gennemført")
    out(page).get_by_text("fremdrift sættes til 100 %").wait_for()
    page.get_by_role("button", name="Gem ændringer").click()
    out(page).get_by_text("I-020 er gemt.").wait_for()
    page.get_by_role("tab", name="Fremdrift").click()
    out(page).get_by_role("row", name=re.compile(r"Liv på Havnen\s+90 %")).first.wait_for()
    shoot(page, "03_idekatalog")
    ini = load_workspace(lab.workspace).initiative_by_id["I-020"]
    assert (ini.status, ini.progress) == ("gennemført", 100)


def test_aarsstatus_export_the_deck(page, lab):
    open_and_run(page, lab, "04_aarsstatus.ipynb")
    page.get_by_role("button", name=re.compile("Gem årsstatus")).click()
    out(page).get_by_text(re.compile(r"Årsstatus 2026 er klar: \d+ filer")).wait_for()
    shoot(page, "04_aarsstatus")
    bundle = lab.workspace / "eksport" / "Årsstatus 2026"
    assert (bundle / "Status 2026 – præsentation.pptx").stat().st_size > 100_000
    assert (bundle / "Status 2026 – sagsfremstilling.docx").exists()
    # the council's PDFs come with it, as from 'forumkit status-report' (LibreOffice is installed here)
    assert (bundle / "Status 2026 – sagsfremstilling.pdf").exists()
    assert (bundle / "Status 2026 – præsentation.pdf").exists()
