"""Short stable ids ('A-013', 'I-017') for new rows."""

from __future__ import annotations

import re

__all__ = ["next_id"]


def next_id(existing: list[str] | tuple[str, ...], prefix: str, width: int = 3) -> str:
    """The next short stable id ('A-013') after the highest one in use."""
    numbers = [int(m[1]) for i in existing if (m := re.match(rf"^{re.escape(prefix)}-(\d+)$", i))]
    return f"{prefix}-{max(numbers, default=0) + 1:0{width}d}"
