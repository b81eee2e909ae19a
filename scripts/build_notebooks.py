"""Build the curated notebooks: write their cells, run them on a copy of the example, keep golden outputs only.

    python scripts/build_notebooks.py            # all notebooks
    python scripts/build_notebooks.py 00_overblik

Golden cells (tags keep_output + nbval-check-output) keep the output they produced with
FORUMKIT_TODAY=2026-11-26 on the example forum; every other cell is stored stripped.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from notebook_cells import NOTEBOOKS  # noqa: E402

GOLDEN = ["keep_output", "nbval-check-output"]
TODAY = "2026-11-26"


def make(name: str, cells: list[tuple[str, str, list[str]]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, source, tags in cells:
        cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    return nb


def run(nb: nbformat.NotebookNode, workspace: Path) -> None:
    os.environ["FORUMKIT_WORKSPACE"] = str(workspace)
    os.environ["FORUMKIT_TODAY"] = TODAY
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    ).execute()


def strip(nb: nbformat.NotebookNode) -> None:
    nb.metadata.pop("widgets", None)
    count = 0
    for cell in nb.cells:
        cell.pop("id", None)
        if cell.cell_type != "code":
            continue
        count += 1
        if "keep_output" in cell.metadata.get("tags", []):
            cell.execution_count = count
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = count
        else:
            cell.outputs = []
            cell.execution_count = None
    nb.nbformat_minor = 4


def main(names: list[str]) -> None:
    for name, cells in NOTEBOOKS.items():
        if names and name not in names:
            continue
        nb = make(name, cells)
        with tempfile.TemporaryDirectory() as tmp:
            workspace = Path(tmp) / "workspace"
            shutil.copytree(ROOT / "data" / "example", workspace)
            run(nb, workspace)
        strip(nb)
        nbformat.write(nb, ROOT / "notebooks" / f"{name}.ipynb")
        print(f"notebooks/{name}.ipynb")


if __name__ == "__main__":
    main(sys.argv[1:])
