"""axe-core in the browser tests: the script is fetched by .ci/run with npm into .cache/axe (git-ignored)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import ROOT, missing

AXE = Path(os.environ.get("FORUMKIT_AXE") or ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js")
MISSING_AXE = (
    "axe-core mangler til tilgængelighedstesten: kør "
    "'npm install --prefix .cache/axe axe-core@4.14.1' (som .ci/run gør), eller sæt FORUMKIT_AXE."
)
# WCAG 2.0 and 2.1, levels A and AA: what the municipality must meet.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> str:
    if not AXE.is_file():
        missing(MISSING_AXE)
    return AXE.read_text(encoding="utf-8")


def violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now (injects axe once per page)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_script())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return result["violations"]


def describe(found: list[dict]) -> str:
    """One line per violation and node, readable in a test failure."""
    lines = []
    for v in found:
        for node in v["nodes"][:5]:
            lines.append(f"{v['id']} ({v['impact']}): {json.dumps(node['target'])} {node['failureSummary'][:200]}")
    return "\n".join(lines)


def assert_accessible(page, where: str) -> None:
    found = violations(page)
    assert not found, f"axe-core fandt fejl på {where}:\n{describe(found)}"
