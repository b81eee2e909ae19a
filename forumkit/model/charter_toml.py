"""The charter written back as ``forum.toml`` text: what the charter screen saves (it reads back the same)."""

from __future__ import annotations

import json
from datetime import date, time
from enum import Enum

from .charter import Charter

__all__ = ["render_charter"]

_HEADER = (
    "# Kommissorium for {name}, {municipality}.\n"
    "# Skrevet af forumkit (skærmen 'Kommissorium'); tidligere udgaver står i charter_history.jsonl.\n"
)
_TABLES = ("forum", "meetings", "council", "terms", "catalogue", "progress", "documents")
_LISTS = ("seats", "secretariat", "pillars", "networks")
_ORDER = (
    "forum",
    "seats",
    "secretariat",
    "meetings",
    "council",
    "terms",
    "pillars",
    "networks",
    "catalogue",
    "progress",
    "documents",
)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, time):
        return json.dumps(value.strftime("%H:%M"))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    # a JSON string is a TOML basic string, but for DEL, which TOML wants escaped
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def _pairs(values: dict) -> list[str]:
    return [f"{key} = {_value(value)}" for key, value in values.items() if value is not None]


def render_charter(charter: Charter) -> str:
    """TOML text that :func:`forumkit.model.charter.parse_charter` reads back as the same charter."""
    data = {name: getattr(charter, name) for name in _ORDER}
    flat = lambda text: "".join(c if c.isprintable() else " " for c in text)
    lines = [_HEADER.format(name=flat(charter.forum.name), municipality=flat(charter.forum.municipality))]
    for name in _ORDER:
        part = data[name]
        if name in _LISTS:
            for item in part:
                lines.append(f"[[{name}]]")
                lines += _pairs(dict(item))
                lines.append("")
        elif name in _TABLES:
            lines.append(f"[{name}]")
            lines += _pairs(dict(part))
            lines.append("")
    return "\n".join(lines)
