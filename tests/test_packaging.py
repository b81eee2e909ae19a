"""pyproject.toml and environment.yml stay in step; the public face is sorted and complete; README and CI agree."""

from __future__ import annotations

import re
import tomllib

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
    assert set(forumkit.__all__) == set(forumkit._EXPORTS)
    for name in forumkit.__all__:
        assert getattr(forumkit, name) is not None


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
