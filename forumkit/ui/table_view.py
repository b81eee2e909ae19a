"""A pandas table as a person reads it: Danish headings, Danish dates and numbers, blanks for what is missing and
no row numbers. The frame itself is left as it is (the analyst's data, model/frames.py); only its display
changes."""

from __future__ import annotations

import math
from datetime import date, datetime

from ..model.danish import da_date, da_number
from ..model.vocab import GLOSSARY

__all__ = ["for_people", "heading", "shown"]

_ATTRIBUTE_HEADINGS = {attribute: danish for danish, attribute in GLOSSARY.items()}


def heading(name, headings: dict | None = None) -> str:
    """A column's heading in Danish: the frame's own CSV heading, the glossary's (``pillar_name`` → 'Søjle
    (navn)'), or the name as it is; first letter capital, no underscores."""
    if name is None:
        return ""
    text = str(name)
    if headings and text in headings:
        text = headings[text]
    elif text in _ATTRIBUTE_HEADINGS:
        text = _ATTRIBUTE_HEADINGS[text]
    elif text.endswith("_name") and text[:-5] in _ATTRIBUTE_HEADINGS:
        text = f"{_ATTRIBUTE_HEADINGS[text[:-5]]} (navn)"
    text = text.replace("_", " ")
    return text[:1].upper() + text[1:]


def shown(value) -> str:
    """One cell: '' for None/NaN/NaT/<NA>, '1. september 2026', '85.000', '16,7', 'ja'/'nej', else the text."""
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "ja" if value else "nej"
    if isinstance(value, (pd.Timestamp, datetime)):
        return da_date(value.date(), False)
    if isinstance(value, date):
        return da_date(value, False)
    if isinstance(value, int) or type(value).__name__.startswith(("int", "uint")):
        return da_number(int(value))
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        value = float(value)
        if math.isinf(value):
            return ""
        return da_number(value, 0 if value == round(value) else 1)
    return str(value)


def for_people(frame, headings: dict | None = None):
    """``frame`` for display (a pandas Styler over a copy of text): Danish headings (``headings`` first, then the
    frame's own, then the glossary), every value through :func:`shown`, and the row index only when it says
    something (not 0, 1, 2 …)."""
    import pandas as pd

    if isinstance(frame, pd.Series):
        frame = frame.to_frame(name=frame.name if frame.name is not None else "antal")
    own = {**frame.attrs.get("headings", {}), **(headings or {})}
    text = frame.copy()
    text.attrs = {}
    text = text.astype(object).apply(lambda column: column.map(shown)) if len(text.columns) else text
    text.columns = _labels(frame.columns, own)
    plain_index = isinstance(frame.index, pd.RangeIndex)
    if not plain_index:
        text.index = _labels(frame.index, own, values=True)
    styler = text.style
    if plain_index:
        styler = styler.hide(axis="index")
    return styler


def _labels(index, headings: dict, values: bool = False):
    """An index (or columns) with Danish labels: its names as headings, its values shown (``values``) or as
    headings (column names)."""
    import pandas as pd

    label = shown if values else (lambda name: heading(name, headings))
    if isinstance(index, pd.MultiIndex):
        out = pd.MultiIndex.from_tuples([tuple(label(v) for v in key) for key in index])
    else:
        out = pd.Index([label(v) for v in index])
    out.names = [heading(n, headings) if n is not None else None for n in index.names]
    return out
