"""The layers stay as the folders show them: import-linter's contracts in pyproject.toml are kept."""

from __future__ import annotations

import os
import tomllib

import pytest

from tests.conftest import ROOT

LAYERS = ("cli", "ui", "documents", "edits", "rules", "storage", "model")


def test_import_contracts_are_kept(capsys):
    from importlinter.cli import lint_imports

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "BROKEN" not in out and "kept, 0 broken" in out


def test_every_module_lives_in_a_layer():
    package = ROOT / "forumkit"
    flat = sorted(p.name for p in package.glob("*.py") if p.name != "__init__.py")
    assert flat == [], f"modules outside a layer: {flat}"
    for layer in LAYERS:
        assert (package / layer / "__init__.py").is_file(), layer


@pytest.mark.parametrize("layer", ["model", "storage", "rules", "edits"])
def test_the_core_is_forbidden_the_edges(layer):
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    forbidden = next(c for c in contracts["contracts"] if c["type"] == "forbidden")
    assert f"forumkit.{layer}" in forbidden["source_modules"]
    assert {"forumkit.documents", "forumkit.ui", "forumkit.cli"} <= set(forbidden["forbidden_modules"])
