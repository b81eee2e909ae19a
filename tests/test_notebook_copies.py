"""The notebooks belong to the user: placed once in the workspace folder, never overwritten once changed, the
new version beside a changed copy; JupyterLab opens on the copies, straight on 00 Overblik."""

from __future__ import annotations

import json

from forumkit.cli.lab import lab_command
from forumkit.cli.notebook_copies import MANIFEST, NOTEBOOK_FOLDER, place_notebooks


def _release(folder, version: str, names=("00_overblik", "03_idekatalog")):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.ipynb").write_text(json.dumps({"cells": [], "version": version}), encoding="utf-8")
    return folder


def test_placed_once_then_left_alone(tmp_path):
    source, workspace = _release(tmp_path / "pakke", "1"), tmp_path / "ws"
    placed = place_notebooks(source, workspace)
    assert placed.folder == workspace / NOTEBOOK_FOLDER and placed.messages == ()
    assert sorted(p.name for p in placed.folder.iterdir()) == [MANIFEST, "00_overblik.ipynb", "03_idekatalog.ipynb"]
    assert place_notebooks(source, workspace).messages == ()


def test_unchanged_copy_is_upgraded_changed_copy_gets_the_new_version_beside(tmp_path):
    source, workspace = _release(tmp_path / "pakke", "1"), tmp_path / "ws"
    folder = place_notebooks(source, workspace).folder
    mine = b'{"cells": ["min egen analyse"]}'
    (folder / "03_idekatalog.ipynb").write_bytes(mine)
    _release(source, "2")
    placed = place_notebooks(source, workspace)
    assert (folder / "03_idekatalog.ipynb").read_bytes() == mine  # never overwritten
    assert json.loads((folder / "03_idekatalog (ny version).ipynb").read_text(encoding="utf-8"))["version"] == "2"
    assert json.loads((folder / "00_overblik.ipynb").read_text(encoding="utf-8"))["version"] == "2"
    assert placed.messages == (
        "00_overblik er opdateret til den nye version.",
        "Der er en ny version af 03_idekatalog: den ligger i '03_idekatalog (ny version)"
        ".ipynb'. Din egen 03_idekatalog.ipynb er ikke ændret.",
    )
    assert place_notebooks(source, workspace).messages == ()  # said once
    (folder / "03_idekatalog (ny version).ipynb").write_bytes(b'{"cells": ["rettet i den nye"]}')
    _release(source, "3")
    place_notebooks(source, workspace)
    assert (folder / "03_idekatalog.ipynb").read_bytes() == mine
    assert (folder / "03_idekatalog (ny version).ipynb").read_bytes() == b'{"cells": ["rettet i den nye"]}'
    assert json.loads((folder / "03_idekatalog (ny version 2).ipynb").read_text(encoding="utf-8"))["version"] == "3"


def test_deleted_copy_comes_back_and_a_garbage_manifest_changes_nothing_of_the_users(tmp_path):
    source, workspace = _release(tmp_path / "pakke", "1"), tmp_path / "ws"
    folder = place_notebooks(source, workspace).folder
    (folder / "00_overblik.ipynb").unlink()
    (folder / "03_idekatalog.ipynb").write_bytes(b"mine")
    (folder / MANIFEST).write_text("[ikke et kort", encoding="utf-8")
    _release(source, "2")
    place_notebooks(source, workspace)
    assert (folder / "00_overblik.ipynb").exists()
    assert (folder / "03_idekatalog.ipynb").read_bytes() == b"mine"


def test_lab_opens_on_the_copies_and_on_00_overblik(tmp_path):
    cmd = lab_command("lab", None, None, True, tmp_path / NOTEBOOK_FOLDER)
    assert f"--ServerApp.root_dir={tmp_path / NOTEBOOK_FOLDER}" in cmd
    assert "--LabApp.default_url=/lab/tree/00_overblik.ipynb" in cmd
    assert "--LabApp.default_url=/lab/tree/03_idekatalog.ipynb" in lab_command(
        "lab", "03_idekatalog.ipynb", None, True, tmp_path
    )


def test_curated_folder_holds_only_notebooks():
    from forumkit.cli.lab import notebooks_path

    assert {p.suffix for p in notebooks_path().iterdir() if p.is_file()} == {".ipynb"}
