"""pyproject.toml and environment.yml stay in step; the public face is sorted and complete; README and CI agree."""

from __future__ import annotations

import ast
import os
import re
import sys
import tomllib

import pytest

import forumkit
from tests.conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_deps() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_name(r): r.replace(" ", "") for r in reqs}


def _environment_deps() -> dict[str, str]:
    deps = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8").split("dependencies:", 1)[1]
    for line in text.splitlines():
        match = re.match(r"^\s+- (?!pip\s*$|pip:|python[<>=]|-e )([A-Za-z][\w.-]*\S*)\s*$", line)
        if match:
            deps[_name(match[1])] = match[1].replace(" ", "")
    return deps


def test_environment_yml_mirrors_pyproject():
    assert _environment_deps() == _pyproject_deps()


def test_python_version_is_the_same():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    assert "  - python>=3.11" in (ROOT / "environment.yml").read_text(encoding="utf-8")


def test_all_is_sorted_and_complete():
    assert forumkit.__all__ == sorted(forumkit.__all__)
    assert list(forumkit._EXPORTS) == forumkit.__all__  # one list: __all__ is the export mapping's names
    for name in forumkit.__all__:
        assert getattr(forumkit, name) is not None


def test_every_public_name_imports_from_its_module_in_a_fresh_interpreter():
    """Each name comes from the module the mapping names (a module for its own last path part), and
    ``import forumkit`` alone loads none of the heavy libraries."""
    import subprocess
    import sys

    code = (
        "import sys, importlib, types, forumkit\n"
        "heavy = [m for m in ('pandas', 'matplotlib', 'docx', 'pptx', 'ipywidgets') if m in sys.modules]\n"
        "assert heavy == [], heavy\n"
        "for name, path in forumkit._EXPORTS.items():\n"
        "    value = getattr(forumkit, name)\n"
        "    module = importlib.import_module('forumkit.' + path)\n"
        "    expected = module if path.rsplit('.', 1)[-1] == name else getattr(module, name)\n"
        "    assert value is expected, name\n"
        "assert set(forumkit.__all__) <= set(dir(forumkit))\n"
        "print('ok', len(forumkit.__all__))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        forumkit.no_such_name  # noqa: B018


def _notebook_code() -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from notebook_cells import NOTEBOOKS, SETUP
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return [SETUP] + [source for cells in NOTEBOOKS.values() for kind, source, _tags in cells if kind == "code"]


def _forumkit_uses(source: str) -> tuple[set[str], set[str]]:
    """(public names a cell takes from forumkit, deep forumkit modules it imports)."""
    names, deep = set(), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "forumkit":
            if node.module == "forumkit":
                names.update(alias.name for alias in node.names)
            else:
                deep.add(node.module)
        elif isinstance(node, ast.Import):
            deep.update(a.name for a in node.names if a.name.startswith("forumkit."))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "forumkit":
            names.add(node.attr)
    return names, deep


def test_the_notebooks_use_only_the_public_api():
    names, deep = set(), set()
    for source in _notebook_code():
        cell_names, cell_deep = _forumkit_uses(source)
        names |= cell_names
        deep |= cell_deep
    assert deep == set()
    assert names - set(forumkit.__all__) == set()
    assert {"Store", "open_workspace_path", "today", "views", "StatusScreen", "read_changes"} <= names


def test_the_notebook_check_sees_deep_imports_and_unknown_names():
    names, deep = _forumkit_uses(
        "import forumkit\nfrom forumkit.ui.views import x\nfrom forumkit import views\n"
        "import forumkit.rules.rollup\nforumkit.not_public()"
    )
    assert deep == {"forumkit.ui.views", "forumkit.rules.rollup"}
    assert names == {"views", "not_public"} and "not_public" not in forumkit.__all__


def test_every_module_all_is_sorted():
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(forumkit.__path__, "forumkit."):
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None)
        if names is not None:
            assert list(names) == sorted(names), info.name
            for name in names:
                assert hasattr(module, name), f"{info.name}.{name}"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", setup, flags=re.S)


def test_readme_has_exactly_two_setup_commands():
    commands = _readme_commands()
    assert len(commands) == 2
    assert "forumkit lab" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci


def test_every_column_is_documented():
    from forumkit.model.tables import TABLES

    doc = (ROOT / "docs" / "workspace.md").read_text(encoding="utf-8")
    for spec in TABLES.values():
        section = doc.split(f"## `{spec.file}`", 1)[1].split("\n## ", 1)[0]
        for header in spec.headers:
            assert f"| `{header}` |" in section, f"{spec.file}: {header}"
