"""The app on any forum: the overview of each bundled example (Dragør's and the second charter's), in a real
browser, shows that forum's own words – from its charter and data, never from code."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT
from tests.e2e import conftest as e2e
from tests.e2e.conftest import shoot
from tests.e2e.test_app import open_app

pytestmark = pytest.mark.e2e

FORUMS = {"example": "Peter Mølgaard", "example-erhvervsforum": "Økonomiudvalget"}


@pytest.fixture(params=sorted(FORUMS))
def forum_app(request, tmp_path, monkeypatch):
    """A Voilà server on a copy of one bundled example."""

    def prepare(tmp):
        workspace, notebooks = tmp / "workspace", tmp / "notebooks"
        shutil.copytree(ROOT / "data" / request.param, workspace)
        shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("workspace", ".ipynb_checkpoints"))
        return workspace, notebooks

    monkeypatch.setattr(e2e, "prepare", prepare)
    server_gen = e2e._serve("app", tmp_path)
    server = next(server_gen)
    server.forum = request.param
    yield server
    next(server_gen, None)


def test_app_overview_on_each_forum(page, forum_app):
    open_app(page, forum_app, "00_overblik.ipynb")
    page.get_by_text("Kontrol af kommissoriet").first.wait_for()
    page.get_by_text(FORUMS[forum_app.forum]).first.wait_for()
    for other, word in FORUMS.items():
        if other != forum_app.forum:
            assert word not in page.inner_text("body")
    shoot(page, f"app_00_overblik_{forum_app.forum}")
