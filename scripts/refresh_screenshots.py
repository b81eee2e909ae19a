"""Refresh the README's screenshots on purpose: run the browser tests with their shots aimed at docs/screenshots.

Tests never write tracked files; this script is the one way docs/screenshots changes.
Usage: python scripts/refresh_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "FORUMKIT_SCREENSHOTS": str(ROOT / "docs" / "screenshots")}
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-m", "e2e", "tests/e2e"], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
