"""No forum is hard-coded: Dragør's names and numbers appear only in its charter file and its example data,
never in the package or in the notebooks' cells (their stored golden outputs show the example's data)."""

from __future__ import annotations

import json
import re

from forumkit.model.charter import bundled_charters, load_charter
from tests.conftest import ROOT

ALLOWED = ("forumkit/charters/", "forumkit/_example/")
FIXED = [
    "Dragør",
    "Rådhus",
    "Kirkevej",
    "Havnestuen",
    "Horesta",
    "Gadelauget",
    "visionsgruppe",
    "ti sæder",
    "to gange om året",
    "to møder om året",
    "De to erhvervsnetværk",
    "samarbejdsforummet",
    "konsulent",
]
IDS = re.compile(r"""["'](LH|IU|FGK|TL|RE|VG|HORESTA|GADE|N-KLIMA|N-GASTRO)["']|\bM-20\d\d-\d|\bI-0\d\d|\bA-0\d\d""")


def _words() -> list[str]:
    charter, _ = load_charter(bundled_charters()["dragoer"])
    names = [p.name for p in charter.pillars] + [n.name for n in charter.networks] + [charter.council.committee]
    names += [s.appointed_by for s in charter.seats if s.appointed_by not in ("Dansk Erhverv",)]
    return sorted(set(FIXED + names))


def _sources():
    for path in sorted((ROOT / "forumkit").rglob("*")):
        rel = path.relative_to(ROOT).as_posix()
        if path.suffix in (".py", ".toml", ".md", ".txt", ".html", ".css", ".json") and not rel.startswith(ALLOWED):
            yield rel, path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path.relative_to(ROOT).as_posix(), "\n".join("".join(c["source"]) for c in cells)
    yield "scripts/notebook_cells.py", (ROOT / "scripts" / "notebook_cells.py").read_text(encoding="utf-8")


def test_no_dragoer_words_or_ids_outside_its_charter_and_example():
    words = _words()
    found = []
    for rel, text in _sources():
        for number, line in enumerate(text.splitlines(), start=1):
            hits = [w for w in words if w.lower() in line.lower()] + [m.group() for m in IDS.finditer(line)]
            if hits:
                found.append(f"{rel}:{number}: {', '.join(hits)}: {line.strip()[:100]}")
    assert found == []


def test_the_search_can_fail():
    words = _words()
    assert "Liv på Havnen" in words and "Erhvervsforeningen Dragør Havn" in words
    assert IDS.search('explain(ws, "LH")') and IDS.search("M-2026-1") and IDS.search("I-017")
