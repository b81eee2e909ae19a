"""Personal data stays put: only fictional contact details in git, the working workspace ignored."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import ROOT

EMAIL = re.compile(r"[\w.+-]+@([\w-]+\.)+[A-Za-z]{2,}")
ALLOWED_DOMAINS = ("example.dk", "example.org", "example.com")
PHONE = re.compile(r"(?<![\w.-])(?:\+45\s?)?(\d{2}\s?\d{2}\s?\d{2}\s?\d{2})(?![\w.-])")


def tracked_files() -> list:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("ikke et git-repository")
    return [
        ROOT / line
        for line in out.splitlines()
        if line and (ROOT / line).is_file() and not line.endswith((".png", ".pdf", ".pptx", ".docx", ".xlsx"))
    ]


def test_no_real_email_or_phone_in_git():
    offenders = []
    for path in tracked_files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        for match in EMAIL.finditer(text):
            if not match.group(0).lower().endswith(ALLOWED_DOMAINS):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
        if path.suffix == ".csv":
            for match in PHONE.finditer(text):
                if not match.group(1).replace(" ", "").startswith("0"):
                    offenders.append(f"{path.relative_to(ROOT)}: telefon {match.group(0)}")
    assert offenders == []


def test_the_working_workspace_is_ignored():
    result = subprocess.run(["git", "check-ignore", "workspace/members.csv"], cwd=ROOT, capture_output=True)
    assert result.returncode == 0


def test_notebooks_are_stripped_but_for_golden_cells():
    import nbformat

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and "keep_output" not in cell.metadata.get("tags", []):
                assert cell.outputs == [] and cell.execution_count is None, path.name
