"""The list of mutants judged equivalent stays honest: every key names a mutant that exists in the code today,
and (but for one documented case) exactly one, so a refactor cannot silently widen or void a judgement."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

from tests.conftest import ROOT

SPREAD_OVER_TWO_LINES = {"store | self._cache.clear() | drop the call self._cache.clear(…)"}  # both speed-only


def _harness():
    spec = importlib.util.spec_from_file_location("forumkit_mutate", ROOT / "scripts" / "mutate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # (its dataclasses look their module up there)
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def test_every_equivalent_key_names_exactly_one_current_mutant():
    harness = _harness()
    counts = Counter(m.key() for name in harness.MODULES for m in harness.mutants(name))
    listed = harness._equivalents()
    assert listed, "the list is read"
    stale = sorted(k for k in listed if counts[k] == 0)
    wide = sorted(k for k in listed if counts[k] > 1 and k not in SPREAD_OVER_TWO_LINES)
    assert stale == [] and wide == []
    assert all(counts[k] == 2 for k in SPREAD_OVER_TWO_LINES)


def test_a_mutation_repeated_on_one_line_is_numbered_in_source_order():
    harness = _harness()
    whats = [m.what for m in harness.mutants("store") if m.source_line.startswith("lines={name: range(2,")]
    assert whats[:2] == ["2 -> 3 #1", "2 -> 3 #2"]
