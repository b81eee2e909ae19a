"""Sort every module's __all__ (python scripts/sort_all.py); tests/test_packaging.py checks they stay sorted."""

import re
from pathlib import Path

for path in sorted((Path(__file__).resolve().parent.parent / "forumkit").rglob("*.py")):
    text = path.read_text(encoding="utf-8")
    match = re.search(r"__all__ = \[(.*?)\]", text, re.S)
    if not match:
        continue
    names = re.findall(r'"([^"]+)"', match.group(1))
    if names == sorted(names):
        continue
    body = "".join(f'    "{n}",\n' for n in sorted(names))
    path.write_text(text[: match.start()] + f"__all__ = [\n{body}]" + text[match.end() :], encoding="utf-8")
    print(path)
