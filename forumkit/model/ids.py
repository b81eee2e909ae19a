"""Short stable ids ('A-nnn', 'I-nnn') for new rows."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["IdSequence", "next_id"]


def _highest(existing: Iterable[str], prefix: str) -> int:
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    return max((int(m[1]) for i in existing if (m := pattern.match(i))), default=0)


def next_id(existing: Iterable[str], prefix: str, width: int = 3) -> str:
    """The next short stable id ('A-nnn') after the highest one in use."""
    return f"{prefix}-{_highest(existing, prefix) + 1:0{width}d}"


class IdSequence:
    """Hands out one new id after another in constant time each (one scan of the ids in use, at the start).

    Use it when many rows get ids in one go (an import); :func:`next_id` for a single new row."""

    def __init__(self, existing: Iterable[str], prefix: str, width: int = 3):
        self.prefix, self.width = prefix, width
        self.last = _highest(existing, prefix)

    def take(self) -> str:
        self.last += 1
        return f"{self.prefix}-{self.last:0{self.width}d}"

    def seen(self, used: str) -> None:
        """Note an id the caller used itself, so it is never handed out."""
        m = re.match(rf"^{re.escape(self.prefix)}-(\d+)$", used)
        if m:
            self.last = max(self.last, int(m[1]))
