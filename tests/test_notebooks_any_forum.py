"""Every curated notebook runs on any forum: a brand-new, empty forum straight from `forumkit init` (for each
bundled charter) and the second charter's example. The overview then says what to do first."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from forumkit.model.charter import bundled_charters
from forumkit.storage.settings import init_workspace
from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
pytestmark = pytest.mark.slow


def _run(path: Path, workspace: Path, monkeypatch, cwd: Path) -> nbformat.NotebookNode:
    monkeypatch.setenv("FORUMKIT_WORKSPACE", str(workspace))
    monkeypatch.setenv("FORUMKIT_TODAY", "2026-11-26")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _text(nb) -> str:
    return "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


@pytest.mark.parametrize("charter", sorted(bundled_charters()))
def test_every_notebook_runs_on_a_new_empty_forum(charter, tmp_path, monkeypatch):
    workspace = init_workspace(tmp_path / "nyt forum", bundled_charters()[charter])
    outputs = {path.stem: _text(_run(path, workspace, monkeypatch, tmp_path)) for path in NOTEBOOKS}
    assert "Det skal du gøre først" in outputs["00_overblik"]
    assert "01 Opsætning af forum" in outputs["00_overblik"]
    assert "Ingen udpegninger endnu" in outputs["01_opsaetning"]
    assert "Der er ingen initiativer endnu" in outputs["03_idekatalog"]
    assert not list(workspace.glob("*.forumkit-tmp"))


def test_every_notebook_runs_on_the_second_example(tmp_path, monkeypatch):
    workspace = tmp_path / "erhvervsforum"
    shutil.copytree(ROOT / "data" / "example-erhvervsforum", workspace)
    outputs = {path.stem: _text(_run(path, workspace, monkeypatch, tmp_path)) for path in NOTEBOOKS}
    assert "Forummet er sat op" in outputs["00_overblik"]
    assert (
        "Vækst og iværksætteri" in outputs["03_idekatalog"] and "vægtet efter søgt budget" in outputs["03_idekatalog"]
    )
