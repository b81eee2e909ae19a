"""The workspace's tables as typed pandas columns: the schema derived from the record models, records built
from columns (lazily, when code needs them) and columns built from records (after an edit).

A *base frame* has one column per record field, named in English (the attribute), typed by kind:

=========  =======================================================================
kind       dtype
=========  =======================================================================
text       object (``str``, missing as ``NaN``)
ids        object (the cell's text, ids joined by ", "; records split it)
date       ``datetime64[us]`` (``NaT`` when empty; year 1–9999)
time       object (``datetime.time``)
int        ``Int64`` (nullable)
choice     ordered ``category`` in the order the model lists the choices
=========  =======================================================================
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from .cells import _id_list
from .tables import TABLES, Record

__all__ = [
    "Column",
    "LazyTable",
    "agenda_with_meetings",
    "analyst_frame",
    "attendance_with_people",
    "columns",
    "danish_headings",
    "frame_from_records",
    "initiatives_with_pillars",
    "records_from_frame",
]


@dataclass(frozen=True)
class Column:
    """One field of a record model as a typed column."""

    name: str  # attribute (the frame's column name)
    header: str  # Danish CSV heading
    kind: str  # text, ids, date, time, int, choice
    required: bool
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()


class LazyTable:
    """A loaded table held as its base frame; its records are built once, when first asked for."""

    def __init__(self, model: type[Record], frame: pd.DataFrame, known: dict[int, Record] | None = None):
        self.model, self.frame, self.known = model, frame, known or {}
        self.built: tuple[Record, ...] | None = None

    def records(self) -> tuple[Record, ...]:
        if self.built is None:
            self.built = records_from_frame(self.model, self.frame, self.known)
            self.known = {}
        return self.built


def _kind(annotation: Any, metadata: list) -> tuple[str, bool, tuple, list]:
    """(kind, required, choices, metadata) of a field annotation, looking inside Optional[Annotated[...]]."""
    required = True
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Union and type(None) in args:
        required = False
        annotation = next(a for a in args if a is not type(None))
    if typing.get_origin(annotation) is typing.Annotated:
        metadata = [*metadata, *annotation.__metadata__]
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is typing.Literal:
        return "choice", required, typing.get_args(annotation), metadata
    if annotation is str:
        return "text", required, (), metadata
    if annotation is date:
        return "date", required, (), metadata
    if annotation is time:
        return "time", required, (), metadata
    if annotation is int:
        return "int", required, (), metadata
    if typing.get_origin(annotation) is tuple:
        return "ids", False, (), metadata
    raise TypeError(f"no column kind for {annotation!r}")


@cache
def columns(model: type[Record]) -> tuple[Column, ...]:
    """The typed columns of a record model, in field order."""
    out = []
    for name, field in model.model_fields.items():
        kind, required, choices, metadata = _kind(field.annotation, list(field.metadata))
        low = high = None
        for item in metadata:
            low = getattr(item, "ge", None) if getattr(item, "ge", None) is not None else low
            high = getattr(item, "le", None) if getattr(item, "le", None) is not None else high
            if kind == "int" and isinstance(getattr(item, "high", None), int):  # cells._Whole: 0 … high
                low, high = 0, item.high
        out.append(Column(name, field.alias or name, kind, required, low, high, choices))
    return tuple(out)


def _python(column: Column, series: pd.Series) -> list:
    """A column's values as the Python objects a record holds (None where empty)."""
    if column.kind == "date":
        return series.to_numpy().astype("datetime64[D]").astype(object).tolist()
    if column.kind == "int":
        return series.to_numpy(dtype=object, na_value=None).tolist()
    if column.kind == "ids":
        return [_id_list(v if isinstance(v, str) else None) for v in series.tolist()]
    values = series.to_numpy(dtype=object)
    if column.kind == "choice" or not series.hasnans:
        return values.tolist()
    return np.where(pd.isna(values), None, values).tolist()


def records_from_frame(
    model: type[Record], frame: pd.DataFrame, known: dict[int, Record] | None = None
) -> tuple[Record, ...]:
    """The records of a (validated) base frame, without validating again. ``known`` holds records already
    built for some rows (by position), which are used as they are."""
    cols = columns(model)
    names = [c.name for c in cols]
    fields_set = set(names)
    new = object.__new__
    setattr_ = object.__setattr__
    known = known or {}
    out = []
    for i, values in enumerate(zip(*(_python(c, frame[c.name]) for c in cols), strict=False)):
        record = known.get(i)
        if record is None:
            record = new(model)
            setattr_(record, "__dict__", dict(zip(names, values, strict=False)))
            setattr_(record, "__pydantic_fields_set__", fields_set)
            setattr_(record, "__pydantic_extra__", None)
            setattr_(record, "__pydantic_private__", None)
        out.append(record)
    if not out:
        return ()
    return tuple(out)


def empty_column(column: Column, size: int = 0) -> pd.Series:
    return typed_column(column, [None] * size)


def typed_column(column: Column, values: list) -> pd.Series:
    """A typed column from Python values (None where empty)."""
    array = _typed_array(column, values)
    return pd.Series(array, dtype=object if array.dtype == object else None, copy=False)  # (no str inference)


@cache
def _choice_dtype(choices: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(choices), ordered=True)


def _typed_array(column: Column, values: list):
    """The array of a typed column (numpy or pandas extension array), built without pandas' inference."""
    if column.kind == "date":  # (pandas converts date objects far faster than numpy does)
        return pd.array(values, dtype="datetime64[us]") if values else pd.array([], dtype="datetime64[us]")
    if column.kind == "int":
        if any(v is not None and not -(2**63) <= v < 2**63 for v in values):  # beyond 64 bits: Python ints
            out = np.empty(len(values), dtype=object)
            out[:] = [pd.NA if v is None else v for v in values]
            return out
        return pd.array(values, dtype="Int64")
    if column.kind == "choice":  # an unknown value (a record built in code) is missing, as pd.Categorical has it
        where = _choice_codes(column.choices)
        codes = np.fromiter((where.get(v, -1) for v in values), np.int8 if len(where) < 127 else np.int32, len(values))
        return pd.Categorical.from_codes(codes, dtype=_choice_dtype(column.choices), validate=False)
    out = np.empty(len(values), dtype=object)
    if column.kind == "ids":
        out[:] = [", ".join(v) if v else np.nan for v in values]
    else:
        out[:] = [np.nan if v is None else v for v in values]
    return out


@cache
def _choice_codes(choices: tuple[str, ...]) -> dict[str, int]:
    return {choice: i for i, choice in enumerate(choices)}


def frame_from_records(model: type[Record], rows: tuple[Record, ...]) -> pd.DataFrame:
    """The base frame of a tuple of records (after an edit, or for a workspace built in code)."""
    cols = columns(model)
    return frame_of_arrays(
        [c.name for c in cols], [_typed_array(c, [r.__dict__[c.name] for r in rows]) for c in cols], len(rows)
    )  # the same dtypes as a loaded frame


def frame_of_arrays(names: list[str], arrays: list, size: int) -> pd.DataFrame:
    """A frame holding ``arrays`` as its columns, as they are: no copy, no alignment, no type inference.

    Each array must already be what pandas keeps in a column (a 1-D numpy array, or a pandas extension array
    such as ``Categorical``, ``IntegerArray`` or ``DatetimeArray``) of length ``size``. Built with pandas'
    ``DataFrame._from_arrays(verify_integrity=False)``, the constructor pandas itself uses for ``transpose``:
    ``pd.DataFrame(dict)`` would check and align each column and infer a ``str`` dtype for object columns
    (on a loaded table's 13 frames, about 3 ms of a 55 ms load)."""
    build = getattr(pd.DataFrame, "_from_arrays", None)
    if build is None:  # a pandas without it: the public constructor, slower but the same frame
        series = {
            n: pd.Series(a, dtype=a.dtype, index=pd.RangeIndex(size), copy=False)
            for n, a in zip(names, arrays, strict=True)
        }
        return pd.DataFrame(series, copy=False)  # each column keeps its own dtype (no str inference)
    return build(arrays, columns=pd.Index(names), index=pd.RangeIndex(size), verify_integrity=False)


def table_model(name: str) -> type[Record]:
    return TABLES[name].model


# --- The analyst's face: typed frames with charter categories, Danish headings and joins -----------------


def _ordered(values: pd.Series, order) -> pd.Series:
    return pd.Series(pd.Categorical(values, categories=list(dict.fromkeys(order)), ordered=True), index=values.index)


def analyst_frame(ws, name: str) -> pd.DataFrame:
    """Table ``name`` for analysis: English column names; dates ``datetime64``; numbers ``Int64``; status,
    kind, state and role as ordered categoricals in the charter's order, and so are pillar, colour and
    horizon (charter order); id lists as tuples. ``df.attrs["headings"]`` maps each column to its Danish
    CSV heading (see :func:`danish_headings`), ``df.attrs["table"]`` names the table."""
    model = TABLES[name].model
    frame = ws.base_frame(name).copy(deep=False)
    charter = ws.charter
    orders = {
        ("initiatives", "pillar"): [p.id for p in charter.pillars],
        ("networks", "pillar"): [p.id for p in charter.pillars],
        ("initiatives", "colour"): charter.catalogue.colours,
        ("initiatives", "horizon"): charter.catalogue.horizons,
        ("secretariat", "role"): [r.id for r in charter.secretariat],
        ("members", "seat"): [s.id for s in charter.seats],
    }
    for column in columns(model):
        order = orders.get((name, column.name))
        if order is not None:
            frame[column.name] = _ordered(frame[column.name], order)
        elif column.kind == "ids":
            frame[column.name] = pd.Series(
                [_id_list(v if isinstance(v, str) else None) for v in frame[column.name]],
                index=frame.index,
                dtype=object,
            )
        elif column.kind == "text":
            frame[column.name] = frame[column.name].astype("str")
    frame.attrs = {"table": name, "headings": {c.name: c.header for c in columns(model)}}
    return frame


def danish_headings(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its columns named by their Danish CSV headings (columns without one keep their
    name) – for showing a table to Danish readers."""
    headings = frame.attrs.get("headings", {})
    return frame.rename(columns={c: headings[c] for c in frame.columns if c in headings})


def _with_headings(frame: pd.DataFrame, table: str, *joined: tuple[str, str, str]) -> pd.DataFrame:
    """Set the Danish headings of a joined frame: ``joined`` holds (English prefix, Danish prefix, table)."""
    headings = {c.name: c.header for c in columns(TABLES[table].model)}
    for prefix, danish_prefix, name in joined:
        for column in columns(TABLES[name].model):
            headings[f"{prefix}{column.name}"] = f"{danish_prefix}{column.header}"
    frame.attrs = {"table": table, "headings": headings}
    return frame


def initiatives_with_pillars(ws) -> pd.DataFrame:
    """Initiatives with ``pillar_name`` (an ordered categorical in the charter's order) next to ``pillar``."""
    frame = ws.frame("initiatives")
    names = {p.id: p.name for p in ws.charter.pillars}
    pillar_name = frame["pillar"].cat.rename_categories([names[c] for c in frame["pillar"].cat.categories])
    frame.insert(frame.columns.get_loc("pillar") + 1, "pillar_name", pillar_name)
    headings = dict(frame.attrs["headings"], pillar_name="søjlenavn")
    frame.attrs = {"table": "initiatives", "headings": headings}
    return frame


def attendance_with_people(ws) -> pd.DataFrame:
    """Attendance with the member (``member_name``, ``member_seat``, ``member_organisation``) and the meeting
    (``meeting_date``, ``meeting_kind``, ``meeting_state``) of each row."""
    att = ws.frame("attendance")
    members = ws.frame("members")[["id", "name", "seat", "organisation"]].add_prefix("member_")
    meetings = ws.frame("meetings")[["id", "date", "kind", "state"]].add_prefix("meeting_")
    out = att.merge(members, how="left", left_on="member", right_on="member_id").drop(columns="member_id")
    out = out.merge(meetings, how="left", left_on="meeting", right_on="meeting_id").drop(columns="meeting_id")
    return _with_headings(out, "attendance", ("member_", "medlem_", "members"), ("meeting_", "møde_", "meetings"))


def agenda_with_meetings(ws) -> pd.DataFrame:
    """Agenda items with their meeting's ``meeting_date``, ``meeting_kind`` and ``meeting_state``."""
    meetings = ws.frame("meetings")[["id", "date", "kind", "state"]].add_prefix("meeting_")
    out = ws.frame("agenda").merge(meetings, how="left", left_on="meeting", right_on="meeting_id")
    return _with_headings(out.drop(columns="meeting_id"), "agenda", ("meeting_", "møde_", "meetings"))
