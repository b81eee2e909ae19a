"""Apply a corpus case (tests/corpus/NAME/case.json) to a copy of the example workspace.

case.json keys (all optional):
  delete:    [file, ...]                         remove files
  replace:   [{file, old, new, count}]           text substitution (count default 1; 0 = all)
  append:    [{file, text}]                      add text at the end
  write:     {file: text}                        write a whole file (UTF-8)
  transform: [{file, op}]                        op: cp1252, utf16, truncate:N (bytes kept), bom-middle,
                                                 garbage:N (N bytes of noise), nul
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def apply_case(case: Path, example: Path, target: Path) -> None:
    shutil.copytree(example, target)
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    for name in spec.get("delete", []):
        (target / name).unlink()
    for item in spec.get("replace", []):
        path = target / item["file"]
        text = path.read_text(encoding="utf-8-sig")
        assert item["old"] in text, f"{case.name}: '{item['old']}' not in {item['file']}"
        count = item.get("count", 1)
        text = text.replace(item["old"], item["new"], count if count else -1)
        path.write_text("\ufeff" + text if item["file"].endswith(".csv") else text, encoding="utf-8")
    for item in spec.get("append", []):
        with open(target / item["file"], "a", encoding="utf-8") as handle:
            handle.write(item["text"])
    for name, text in spec.get("write", {}).items():
        (target / name).write_text(text, encoding="utf-8")
    for item in spec.get("transform", []):
        path = target / item["file"]
        op = item["op"]
        if op == "cp1252":
            path.write_bytes(path.read_text(encoding="utf-8-sig").encode("cp1252"))
        elif op == "utf16":
            path.write_bytes(path.read_text(encoding="utf-8-sig").encode("utf-16"))
        elif op.startswith("truncate:"):
            path.write_bytes(path.read_bytes()[: int(op.split(":")[1])])
        elif op == "bom-middle":
            data = path.read_bytes()
            cut = data.index(b"\n", len(data) // 2) + 1
            path.write_bytes(data[:cut] + b"\xef\xbb\xbf" + data[cut:])
        elif op.startswith("garbage:"):
            rng = random.Random(7)
            path.write_bytes(bytes(rng.randrange(256) for _ in range(int(op.split(":")[1]))))
        elif op == "nul":
            data = path.read_bytes()
            path.write_bytes(data[:200] + b"\x00" + data[200:])
        else:
            raise ValueError(op)


def cases() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "case.json").is_file())


def regenerate(example: Path) -> None:
    """Rewrite every case's expected.txt from the loader (review the diff before committing!)."""
    import tempfile

    from forumkit.model.errors import WorkspaceError
    from forumkit.storage.store import load_workspace

    for case in cases():
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "ws"
            apply_case(case, example, target)
            try:
                load_workspace(target)
                lines = ["(indlæses uden fejl)"]
            except WorkspaceError as exc:
                lines = [str(p) for p in exc.problems]
        (case / "expected.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python -m tests.corpus_cases
    regenerate(Path(__file__).resolve().parent.parent / "data" / "example")
