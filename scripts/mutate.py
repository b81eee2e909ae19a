"""Mutation testing of forumkit's core modules: single-point AST mutants, each run against its own tests.

    python scripts/mutate.py                      # all core modules (slow: ~1 hour on one core)
    python scripts/mutate.py composition rollup   # some of them
    python scripts/mutate.py --list planning      # only list the mutants
    python scripts/mutate.py csvfile --json out.json

Every mutant changes one thing (a comparison, an operator, and/or, a 'not', a number, a string, True/False,
break/continue, min/max, or drops a call statement). It is written into a private copy of the tree
(subprocesses see it too), and only the test files that exercise that module run against it, in a child
forked from a process that has already imported the heavy libraries, with ``-x`` and a timeout. One worker:
the machine is shared. A mutant is killed when the tests fail or time out; it survives when they pass.

Survivors that are equivalent (no test could tell them apart) are listed in scripts/mutation_equivalents.txt
as ``module | source line | mutation``; the score is given with and without them. See docs/mutation.md.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import functools
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# module name -> (source file, the test files that exercise it; files that do not exist are skipped)
MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "composition": ("forumkit/rules/composition.py", ("tests/test_pins_composition.py", "tests/test_roster.py")),
    "rollup": ("forumkit/rules/rollup.py", ("tests/test_pins_rollup.py", "tests/test_rollup.py")),
    "planning": ("forumkit/rules/planning.py", ("tests/test_pins_planning.py", "tests/test_meetings.py")),
    "csvfile": (
        "forumkit/storage/csvfile.py",
        (
            "tests/test_pins_csvfile.py",
            "tests/test_load_errors.py",
            "tests/test_bad_input_corpus.py",
            "tests/test_injection.py",
        ),
    ),
    "atomic": (
        "forumkit/storage/atomic.py",
        ("tests/test_pins_atomic.py", "tests/test_store.py", "tests/test_reliability.py"),
    ),
    # (not test_reliability.py: its fault matrix builds exports and status bundles, minutes per mutant; the
    # store's part of it is covered by test_store.py and the pins)
    "store": (
        "forumkit/storage/store.py",
        (
            "tests/test_pins_store.py",
            "tests/test_pins_store_reads.py",
            "tests/test_pins_store_saves.py",
            "tests/test_store.py",
            "tests/test_load_errors.py",
            # the write-ahead journal, the change-log check and memo, edits made outside forumkit: all Store's
            "tests/test_journal.py",
            "tests/test_log_check.py",
            "tests/test_outside_edits.py",
        ),
    ),
}
# Plugins are not auto-loaded (nbval alone costs a second per run); only hypothesis's is needed.
PYTEST_ARGS = [
    "-x",
    "-q",
    "-p",
    "no:cacheprovider",
    "-m",
    "not e2e and not slow",
    "-o",
    "addopts=",
    "-p",
    "_hypothesis_pytestplugin",
    "-W",
    "ignore",
]
EQUIVALENTS = ROOT / "scripts" / "mutation_equivalents.txt"

_COMPARE = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINARY = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
    ast.Pow: ast.Mult,
}
_SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.Pow: "**",
}


@dataclass(frozen=True)
class Mutant:
    module: str
    index: int
    line: int
    what: str
    source_line: str

    def key(self) -> str:
        return f"{self.module} | {self.source_line} | {self.what}"


class _Mutator(ast.NodeTransformer):
    """Walks the tree in a fixed order, numbering every mutation point; applies the one numbered ``target``."""

    def __init__(self, target: int = -1):
        self.target = target
        self.points: list[tuple[int, str]] = []

    def _point(self, node: ast.AST, what: str) -> bool:
        self.points.append((getattr(node, "lineno", 0), what))
        return len(self.points) - 1 == self.target

    # --- what is never mutated: docstrings (also an attribute's), annotations, decorators, __all__, f-string text
    def _body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        start = (
            1
            if body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
            else 0
        )
        return body[:start] + [self.visit(s) for s in body[start:]]

    def visit_Module(self, node):
        node.body = self._body(node.body)
        return node

    def visit_ClassDef(self, node):
        node.body = self._body(node.body)
        return node

    def visit_FunctionDef(self, node):
        node.args.defaults = [self.visit(d) for d in node.args.defaults]
        node.args.kw_defaults = [self.visit(d) if d is not None else None for d in node.args.kw_defaults]
        node.body = self._body(node.body)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node):
        if node.value is not None:
            node.value = self.visit(node.value)
        return node

    def visit_Assign(self, node):
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return node
        return self.generic_visit(node)

    def visit_JoinedStr(self, node):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                part.value = self.visit(part.value)
        return node

    def visit_ImportFrom(self, node):
        return node

    def visit_Import(self, node):
        return node

    # --- the mutation operators
    def visit_Compare(self, node):
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            new = _COMPARE.get(type(op))
            if new and self._point(node, f"{_SYMBOL[type(op)]} -> {_SYMBOL[new]}"):
                node.ops[i] = new()
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        new = _BINARY.get(type(node.op))
        if new and self._point(node, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[new]}"):
            node.op = new()
        return node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        new = _BINARY.get(type(node.op))
        if new and self._point(node, f"{_SYMBOL[type(node.op)]}= -> {_SYMBOL[new]}="):
            node.op = new()
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        if self._point(node, f"{type(node.op).__name__.lower()} -> {new.__name__.lower()}"):
            node.op = new()
        return node

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, (ast.Not, ast.USub)) and self._point(
            node, f"drop '{'not' if isinstance(node.op, ast.Not) else '-'}'"
        ):
            return node.operand
        return node

    def visit_IfExp(self, node):
        self.generic_visit(node)
        if self._point(node, "x if c else y -> x if not c else y"):
            node.test = ast.UnaryOp(ast.Not(), node.test)
        return node

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, bool):
            if self._point(node, f"{value} -> {not value}"):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, (int, float)):
            if self._point(node, f"{value!r} -> {value + 1!r}"):
                return ast.copy_location(ast.Constant(value + 1), node)
        elif isinstance(value, (str, bytes)):
            shown = repr(value) if len(repr(value)) <= 30 else repr(value)[:27] + "..."
            mark = "XX" if isinstance(value, str) else b"XX"
            if self._point(node, f"{shown} -> XX{shown}XX"):
                return ast.copy_location(ast.Constant(mark + value + mark), node)
        return node

    def visit_Break(self, node):
        if self._point(node, "break -> continue"):
            return ast.copy_location(ast.Continue(), node)
        return node

    def visit_Continue(self, node):
        if self._point(node, "continue -> break"):
            return ast.copy_location(ast.Break(), node)
        return node

    def visit_Name(self, node):
        if node.id in ("min", "max") and isinstance(node.ctx, ast.Load):
            other = "max" if node.id == "min" else "min"
            if self._point(node, f"{node.id} -> {other}"):
                return ast.copy_location(ast.Name(other, ast.Load()), node)
        return node

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node  # a bare string: an attribute's docstring
        self.generic_visit(node)
        if isinstance(node.value, ast.Call) and self._point(node, f"drop the call {ast.unparse(node.value.func)}(…)"):
            return ast.copy_location(ast.Pass(), node)
        return node


@functools.cache
def _source(module: str) -> str:
    """The module's source as it was when the run began (edits made in the worktree meanwhile do not shift the
    numbering of the mutants)."""
    return (ROOT / MODULES[module][0]).read_text(encoding="utf-8")


def mutants(module: str) -> list[Mutant]:
    source = _source(module)
    lines = source.splitlines()
    finder = _Mutator()
    finder.visit(ast.parse(source))
    # the same mutation twice on one line (the two 2s of range(2, n + 2)) is told apart by its place: " #1", " #2"
    twice = {point for point, n in Counter(finder.points).items() if n > 1}
    seen: Counter = Counter()
    out = []
    for i, (line, what) in enumerate(finder.points):
        if (line, what) in twice:
            seen[line, what] += 1
            what = f"{what} #{seen[line, what]}"
        out.append(Mutant(module, i, line, what, lines[line - 1].strip() if line else ""))
    return out


def mutated_source(module: str, index: int) -> str:
    source = _source(module)
    tree = _Mutator(index).visit(ast.parse(source))
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def _sandbox() -> Path:
    box = Path(tempfile.mkdtemp(prefix="forumkit-mutate-"))
    skip = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc", "screenshots")
    for name in ("forumkit", "tests", "data", "notebooks"):
        shutil.copytree(ROOT / name, box / name, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", box / "pyproject.toml")
    return box


def _warm_up() -> None:
    """Import what every test run needs, once, before the first fork: the libraries and forumkit.model (the
    bottom layer, which imports none of the mutated modules; the import-linter contracts keep it so)."""
    import importlib
    import pkgutil

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    import hypothesis
    import pytest  # noqa: F401

    # Property tests run 25 fixed examples per mutant instead of 100 random ones: fast, and the same every run.
    hypothesis.settings.register_profile(
        "mutate", max_examples=25, derandomize=True, deadline=None, suppress_health_check=list(hypothesis.HealthCheck)
    )
    load = hypothesis.settings.load_profile
    type.__setattr__(hypothesis.settings, "load_profile", staticmethod(lambda name: load("mutate")))
    for name in ("pandas", "pydantic", "holidays", "filelock", "babel", "docx", "openpyxl", "_pytest.python"):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    import forumkit.model

    assert Path(forumkit.model.__file__).is_relative_to(Path.cwd()), forumkit.model.__file__
    for info in pkgutil.iter_modules(forumkit.model.__path__):
        importlib.import_module(f"forumkit.model.{info.name}")


def _run(box: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    """Run the tests in a forked child; 'killed', 'survived' or 'timeout', and the seconds it took."""
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child
        os.setpgrp()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        import pytest

        code = pytest.main([*tests, *PYTEST_ARGS])
        os._exit(int(code))
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            code = os.waitstatus_to_exitcode(status)
            return ("survived" if code == 0 else "killed"), time.monotonic() - start
        if time.monotonic() - start > timeout:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout", time.monotonic() - start
        time.sleep(0.02)


def _equivalents() -> set[str]:
    if not EQUIVALENTS.exists():
        return set()
    return {
        line.strip()
        for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"some of: {', '.join(MODULES)} (default: all)")
    parser.add_argument("--list", action="store_true", help="only list the mutants")
    parser.add_argument("--json", type=Path, help="write every mutant's result to this file")
    parser.add_argument("--timeout", type=float, default=0, help="seconds per mutant (default: 3 × the clean run)")
    parser.add_argument(
        "--only",
        type=Path,
        help="run only the mutants this file lists, one per line as in mutation_equivalents.txt "
        "(module | source line | mutation) – e.g. an earlier run's survivors",
    )
    parser.add_argument("--tests", nargs="+", help="run these test files instead of the module's own list")
    args = parser.parse_args(argv)
    only = (
        {line.strip() for line in args.only.read_text(encoding="utf-8").splitlines() if line.strip()}
        if args.only
        else None
    )
    modules = args.modules or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)} – choose from {', '.join(MODULES)}")
    if args.json:
        args.json = args.json.resolve()
    if args.list:
        for module in modules:
            for m in mutants(module):
                print(f"{module}:{m.line}: {m.what}    {m.source_line}")
        return 0
    equivalent = _equivalents()
    for module in modules:
        _source(module)  # read now, with the copy below: what the worktree becomes during the run does not count
    box = _sandbox()
    os.chdir(box)
    sys.path.insert(0, str(box))
    os.environ["PYTHONPATH"] = str(box)  # subprocesses the tests start see the mutant too
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    sys.dont_write_bytecode = True  # a mutant of the same size in the same second must not reuse a stale .pyc
    _warm_up()
    results, summary = [], []
    try:
        for module in modules:
            path, tests = MODULES[module]
            tests = [t for t in (args.tests or tests) if (box / t).exists()]
            original = (box / path).read_text(encoding="utf-8")
            verdict, clean = _run(box, tests, 600)
            if verdict != "survived":
                print(f"{module}: the tests fail without any mutant – fix them first ({' '.join(tests)})")
                return 2
            timeout = args.timeout or max(10.0, 3 * clean + 5)
            found = [m for m in mutants(module) if only is None or m.key() in only]
            print(
                f"{module}: {len(found)} mutants, tests {' '.join(tests)} ({clean:.1f} s clean, "
                f"timeout {timeout:.0f} s)",
                flush=True,
            )
            survivors = []
            counts = {"killed": 0, "timeout": 0, "survived": 0}
            try:
                for m in found:
                    (box / path).write_text(mutated_source(module, m.index), encoding="utf-8")
                    verdict, seconds = _run(box, tests, timeout)
                    counts[verdict] += 1
                    results.append(
                        {
                            **m.__dict__,
                            "result": verdict,
                            "seconds": round(seconds, 2),
                            "equivalent": m.key() in equivalent,
                        }
                    )
                    if verdict == "survived":
                        survivors.append(m)
                        print(
                            f"  survived {path}:{m.line}: {m.what}    {m.source_line}"
                            + ("   [equivalent]" if m.key() in equivalent else ""),
                            flush=True,
                        )
            finally:
                (box / path).write_text(original, encoding="utf-8")
            killed = counts["killed"] + counts["timeout"]
            eq = sum(1 for m in survivors if m.key() in equivalent)
            score = 100 * killed / len(found) if found else 100.0
            adjusted = 100 * killed / (len(found) - eq) if len(found) > eq else 100.0
            summary.append((module, len(found), killed, len(survivors), eq, score, adjusted))
            print(
                f"{module}: {killed}/{len(found)} killed = {score:.0f} % ({counts['timeout']} by timeout); "
                f"{eq} of {len(survivors)} survivors judged equivalent; without them {adjusted:.0f} %",
                flush=True,
            )
    finally:
        shutil.rmtree(box, ignore_errors=True)
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\nmodule        mutants  killed  survived  equivalent  score  without equivalents")
    for module, total, killed, survived, eq, score, adjusted in summary:
        print(f"{module:<13} {total:>7} {killed:>7} {survived:>9} {eq:>11} {score:>5.0f} % {adjusted:>6.0f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
