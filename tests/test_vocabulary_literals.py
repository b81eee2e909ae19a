"""No raw Danish vocabulary value in code: a status, colour, role, severity … is named by its StrEnum member.

Every string constant in forumkit/**/*.py that equals a member value of a vocabulary in forumkit.model.vocab
is a failure, except in vocab.py itself, in docstrings, in the text parts of f-strings (user-facing
sentences), and where the same Danish word is a column heading (an InputError's field, a column alias).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from forumkit.model.vocab import VOCABULARIES

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "forumkit"
VOCAB_MODULE = PACKAGE / "model" / "vocab.py"

VALUES: dict[str, str] = {m.value: f"{e.__name__}.{m.name}" for e in VOCABULARIES for m in e}

# Calls whose argument at this position is a column heading or field name, not a value ("lukket" is both
# ActionState.CLOSED and the heading of the date an action was closed).
HEADING_ARGUMENTS = {"InputError": 0, "_alias": 0, "refs": 3}

# The same word meaning something else, counted so that one more raw value in the file still fails.
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("forumkit/documents/case_note.py", "medlem"): (1, "the Danish noun in '1 medlem' / '2 medlemmer'"),
    ("forumkit/documents/charts.py", "budget"): (2, "the key of the budget chart"),
    ("forumkit/rules/status_data.py", "budget"): (5, "the key of the budget chart"),
    ("forumkit/edits/transfer.py", "budget"): (1, "a heading an imported spreadsheet may use"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _exempt(tree: ast.AST) -> set[int]:
    """Constants that are prose or headings: docstrings, f-string text, heading arguments."""
    out = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            out.update(id(part) for part in node.values if isinstance(part, ast.Constant))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            position = HEADING_ARGUMENTS.get(name)
            if position is not None and len(node.args) > position:
                out.add(id(node.args[position]))
    return out


def vocabulary_literals(source: str) -> list[tuple[int, str]]:
    """(line, value) of every string constant in ``source`` equal to a vocabulary value and not exempt."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in VALUES
        and id(node) not in exempt
    )


def _found() -> dict[str, list[tuple[int, str]]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == VOCAB_MODULE:
            continue
        hits = vocabulary_literals(path.read_text(encoding="utf-8"))
        if hits:
            out[path.relative_to(ROOT).as_posix()] = hits
    return out


def test_no_raw_vocabulary_value_outside_the_vocabulary():
    problems = []
    for file, hits in _found().items():
        counts = Counter(value for _line, value in hits)
        for value, count in counts.items():
            allowed = ALLOWED.get((file, value), (0, ""))[0]
            if count != allowed:
                lines = ", ".join(str(line) for line, v in hits if v == value)
                problems.append(f"{file}:{lines}: '{value}' ×{count} (allowed {allowed}) – use {VALUES[value]}")
    assert problems == []


def test_every_allowance_is_still_needed():
    found = {(file, value) for file, hits in _found().items() for _line, value in hits}
    assert set(ALLOWED) - found == set()


def test_the_search_finds_a_planted_literal():
    source = '''
"""Module docstring mentioning gennemført is prose."""
def f(ini, ws):
    """A docstring: lukket."""
    if ini.status == "gennemført":
        return {"fejl": 1}
    text = f"opgaven er lukket{ini.id}"
    raise InputError("lukket", ini.id, "lukket")
'''
    assert vocabulary_literals(source) == [(5, "gennemført"), (6, "fejl"), (8, "lukket")]


def test_every_vocabulary_value_is_searched_for():
    assert {
        "gennemført",
        "igangsat",
        "lukket",
        "fejl",
        "advarsel",
        "deltog",
        "næstformand",
        "grøn",
        "0–1 år",
        "referat godkendt",
        "udløber snart",
    } <= set(VALUES)
