"""The workbench as an app (Voilà): no code shown, Danish screens, the same workspace."""

from __future__ import annotations

import re

import pytest

from forumkit.storage.store import load_workspace
from tests.e2e.conftest import shoot
from tests.e2e.test_lab import choose

pytestmark = pytest.mark.e2e


def open_app(page, app, notebook: str) -> None:
    page.goto(f"{app.url}/voila/render/{notebook}")
    page.wait_for_selector(".widget-box, .jupyter-widgets")
    page.wait_for_load_state("networkidle")
    assert page.locator(".cm-editor, .jp-InputArea-editor, .CodeMirror").count() == 0  # no code shown
    assert "Traceback" not in page.content()


def test_app_overview(page, app):
    open_app(page, app, "00_overblik.ipynb")
    page.get_by_text("Kontrol af kommissoriet").first.wait_for()
    assert page.get_by_text("Peter Mølgaard").first.is_visible()
    shoot(page, "app_00_overblik")


def test_app_catalogue_filter_and_edit(page, app):
    open_app(page, app, "03_idekatalog.ipynb")
    page.get_by_text(re.compile(r"28\s+af 28 initiativer")).first.wait_for()
    choose(page, "Søjle:", "Liv på Havnen")
    page.get_by_text(re.compile(r"5\s+af 28 initiativer")).first.wait_for()
    shoot(page, "app_03_idekatalog")
    page.get_by_role("tab", name="Redigér").click()
    choose(page, "Initiativ:", "I-021 ")
    choose(page, "Status:", "parkeret")
    page.get_by_role("button", name="Gem ændringer").click()
    page.get_by_text("I-021 er gemt.").wait_for()
    assert load_workspace(app.workspace).initiative_by_id["I-021"].status == "parkeret"
