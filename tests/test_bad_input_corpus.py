"""The bad-input corpus: broken workspaces with their exact expected messages, every file and every column
missing in turn, huge garbage, a TOML bomb – and random CSV text, where only forumkit's error may escape."""

from __future__ import annotations

import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.model.charter import CHARTER_FILE
from forumkit.model.errors import WorkspaceError
from forumkit.model.tables import TABLES
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, snapshot
from tests.corpus_cases import apply_case, cases

PROBLEM = re.compile(r"^[\w.]+:\d+:[^:]+: \S")


def problems(folder) -> list[str]:
    with pytest.raises(WorkspaceError) as info:
        load_workspace(folder)
    return [str(p) for p in info.value.problems]


def test_the_corpus_is_big_enough():
    assert len(cases()) >= 30


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_corpus_case(case, tmp_path):
    target = tmp_path / "ws"
    apply_case(case, EXAMPLE, target)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    before = snapshot(target)
    assert problems(target) == expected
    assert all(PROBLEM.match(line) for line in expected)
    assert snapshot(target) == before  # loading never writes


@pytest.mark.parametrize("name", [CHARTER_FILE, *(spec.file for spec in TABLES.values() if not spec.may_be_missing)])
def test_every_file_missing_in_turn(name, tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE, target)
    (target / name).unlink()
    found = problems(target)
    assert found[0].startswith(f"{name}:1:fil: filen mangler")
    assert all(line.startswith(name) for line in found)


@pytest.mark.parametrize("table, column", [(spec.file, h) for spec in TABLES.values() for h in spec.required])
def test_every_column_missing_in_turn(table, column, tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE, target)
    path = target / table
    rows = [line.split(";") for line in path.read_text(encoding="utf-8-sig").rstrip("\n").split("\n")]
    index = rows[0].index(column)
    path.write_text(
        "\n".join(";".join(c for i, c in enumerate(row) if i != index) for row in rows) + "\n", encoding="utf-8"
    )
    assert problems(target) == [f"{table}:1:{column}: kolonnen '{column}' mangler i overskriftslinjen"]


def test_ten_megabytes_of_garbage(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE, target)
    (target / "initiatives.csv").write_bytes(bytes(range(256)) * 40960)
    found = problems(target)
    assert len(found) == 1 and found[0].startswith("initiatives.csv:1:fil: filen indeholder NUL-tegn")


def test_ten_megabytes_of_text_in_one_cell(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE, target)
    with open(target / "inputs.csv", "a", encoding="utf-8") as handle:
        handle.write("IN-099;2026-11-01;;Afsender;" + "x" * 10_000_000 + ";\n")
    assert problems(target) == [
        "inputs.csv:10:fil: filen kan ikke læses som CSV her: en celle er længere end 100.000 tegn"
    ]


def test_toml_bomb(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE, target)
    (target / CHARTER_FILE).write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    found = problems(target)
    assert len(found) == 1 and found[0].startswith("forum.toml:1:")


def test_toml_too_big(tmp_path):
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE, target)
    (target / CHARTER_FILE).write_text("# " + "x" * 2_000_000, encoding="utf-8")
    assert problems(target) == ["forum.toml:1:fil: filen er 2.000.002 byte – for stor til et kommissorium"]


csv_text = st.text(
    alphabet=st.sampled_from(list(";,\"\n\r\t '=-æøå\ufeff0123456789-:aAIM") + ["\x00", "é"]), max_size=400
)


@given(text=csv_text, table=st.sampled_from(sorted(TABLES)), keep_header=st.booleans())
def test_random_csv_only_raises_forumkits_own_error(tmp_path_factory, text, table, keep_header):
    target = tmp_path_factory.mktemp("ws")
    shutil.copytree(EXAMPLE, target, dirs_exist_ok=True)
    spec = TABLES[table]
    body = (";".join(spec.headers) + "\n" + text) if keep_header else text
    (target / spec.file).write_bytes(body.encode("utf-8", errors="surrogatepass"))
    try:
        load_workspace(target)
    except WorkspaceError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file and problem.line >= 1 and problem.column and problem.message
            assert PROBLEM.match(str(problem)), str(problem)
