"""The app as a secretary meets it: a Danish start page, Danish titles and lang, no notebook guidance,
no WCAG 2.1 AA violation (axe-core) on any screen, tab or chart, and kernels that go away after a visit."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from forumkit.ui.screens import SCREENS
from tests.e2e.axe import assert_accessible, axe_script
from tests.e2e.conftest import SIGNAL_TIMEOUT, _serve, shoot

pytestmark = pytest.mark.e2e

NOTEBOOK_WORDS = re.compile(r"\bcelle|terminal|Kør alle|forumkit [a-z]+\b|notesbog", re.IGNORECASE)
FORUM = "Samarbejdsforum"  # the example charter's short name (data, not code)


def open_screen(page, app, notebook: str) -> None:
    page.goto(f"{app.url}/voila/render/{notebook}.ipynb")
    page.wait_for_selector("#rendered_cells .jupyter-widgets")
    page.wait_for_load_state("networkidle")


def test_start_page_links_every_screen(page, app):
    axe_script()
    page.goto(app.url)
    page.locator("#forumkit-forside[data-forumkit-ready='true']").wait_for()
    assert page.evaluate("document.documentElement.lang") == "da"
    assert page.title() == f"Forside – {FORUM}"
    body = page.locator("main").inner_text()
    assert "Voilà" not in page.content() and ".ipynb" not in body
    for screen in SCREENS:
        link = page.locator("main").get_by_role("link", name=screen.name, exact=True)
        assert link.get_attribute("href").endswith(f"/voila/render/{screen.notebook}.ipynb")
        assert screen.purpose in body
    assert_accessible(page, "forsiden")
    shoot(page, "app_forside")
    page.locator("main").get_by_role("link", name="Idékatalog", exact=True).click()
    page.wait_for_selector("#rendered_cells .jupyter-widgets")
    assert page.title() == f"Idékatalog – {FORUM}"


@pytest.mark.parametrize("screen", SCREENS, ids=[s.notebook for s in SCREENS])
def test_screen_is_danish_and_accessible(page, app, screen):
    axe_script()
    open_screen(page, app, screen.notebook)
    assert page.evaluate("document.documentElement.lang") == "da"
    assert page.title() == f"{screen.name} – {FORUM}"
    text = page.locator("#rendered_cells").inner_text()
    assert not NOTEBOOK_WORDS.search(text), NOTEBOOK_WORDS.search(text).group(0)
    # No pandas leftovers, long decimals, ISO dates or person codes (names instead).
    leftover = re.search(r"\bNaN\b|\bNone\b|\d[.,]\d{4,}|\b\d{4}-\d\d-\d\d\b|\b[AS]-\d{3}\b", text)
    assert not leftover, leftover.group(0)
    assert page.locator("nav[aria-label='Skærme'] a[aria-current='page']").inner_text() == screen.name
    assert_accessible(page, screen.name)
    assert_focus_visible(page, screen.name)
    tabs = page.locator("#rendered_cells [role='tab']")
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        if not tab.is_visible():
            continue
        name = tab.inner_text().strip()
        tab.click()
        page.wait_for_function("t => t.getAttribute('aria-selected') === 'true'", arg=tab.element_handle())
        assert_accessible(page, f"{screen.name}, fanen {name}")
    shoot(page, f"app_{screen.notebook}")


FOCUS_JS = """els => els.filter(e => e.offsetParent !== null).slice(0, 6).map(e => {
    e.focus();
    const s = getComputedStyle(e);
    return [e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent || e.id).trim().slice(0, 30),
            s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor];
})"""


def _luminance(rgb: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (float(x) for x in re.findall(r"[\d.]+", rgb)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def assert_focus_visible(page, where: str) -> None:
    """WCAG 2.4.7 and 1.4.11: a focused field or button has an outline of 2 px or more at 3:1 against white."""
    found = page.locator("#rendered_cells").locator("button, input, select, textarea").evaluate_all(FOCUS_JS)
    assert found, where
    for name, style, width, colour in found:
        contrast = (1.05) / (_luminance(colour) + 0.05)
        assert style != "none" and width >= 2 and contrast >= 3, f"{where}: {name} har fokus {style} {width}px {colour}"


def test_charts_carry_their_takeaway_as_alt_text(page, app):
    open_screen(page, app, "04_aarsstatus")
    page.get_by_role("button", name="Vis graferne").click()
    images = page.locator("#rendered_cells figure img")
    page.wait_for_function("n => document.querySelectorAll('#rendered_cells figure img').length >= n", arg=7)
    alts = [images.nth(i).get_attribute("alt") for i in range(images.count())]
    assert all(len(a) > 60 for a in alts), alts
    assert any("kr." in a for a in alts) and any(" %" in a for a in alts)  # key numbers, in Danish
    assert_accessible(page, "Årsstatus med graferne vist")
    shoot(page, "app_04_aarsstatus_grafer")


def _kernels(pid: int) -> int:
    """The kernels the server started (its child processes running ipykernel)."""
    proc = Path("/proc")
    if not proc.is_dir():
        pytest.skip("kernetællingen læser /proc (kun Linux)")
    count = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", status, re.M)
        if ppid and int(ppid.group(1)) == pid and b"ipykernel" in cmdline:
            count += 1
    return count


CULL_SECONDS = 8


@pytest.fixture
def culled_app(tmp_path):
    yield from _serve("app", tmp_path, cull_seconds=CULL_SECONDS)


def test_kernels_are_culled_after_the_pages_close(browser, culled_app):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(SIGNAL_TIMEOUT)
    for screen in SCREENS:
        open_screen(page, culled_app, screen.notebook)
    assert _kernels(culled_app.proc.pid) >= 1
    context.close()
    # The signal is the kernel count reaching zero; the ceiling is generous for a loaded machine.
    deadline = time.monotonic() + SIGNAL_TIMEOUT / 1000
    while (left := _kernels(culled_app.proc.pid)) and time.monotonic() < deadline:
        time.sleep(1)
    assert left == 0, f"{left} kerner kører stadig efter {CULL_SECONDS} sekunders tomgang"


def test_forget_is_a_button_with_a_preview(page, app):
    open_screen(page, app, "01_opsaetning")
    page.get_by_role("tab", name="Persondata").click()
    page.get_by_role("button", name="Vis, hvad der ville blive slettet").click()
    page.get_by_text("Ingen kontaktoplysninger har passeret opbevaringsfristen").wait_for()
    assert page.get_by_role("button", name="Slet kontaktoplysningerne").is_disabled()
    assert_accessible(page, "Opsætning, fanen Persondata efter forhåndsvisningen")
