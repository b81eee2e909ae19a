"""A columnar pre-check of the workspace's references: True when :func:`reference_problems` would find
nothing. It only answers yes or no; when the answer is no, the record path words every problem."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .tables import TABLES
from .workspace import Workspace

__all__ = ["references_ok"]


def _dangling(values: pd.Series, known) -> bool:
    """Whether a value (not empty) is not in ``known``: one pass to the distinct values, then sets."""
    return any(v == v and v is not None and v not in known for v in set(values.tolist()))


def _dangling_ids(values: pd.Series, known: set) -> bool:
    """Whether an id in a list cell ('I-1, I-2') is not in ``known``. The cells are joined with commas and
    split once: the pieces are exactly those :func:`~forumkit.model.cells._id_list` gives cell by cell."""
    texts = values.dropna().tolist()
    if not texts:
        return False
    found = {piece.strip() for piece in set(",".join(texts).split(","))}
    found.discard("")
    return bool(found - known)


def _duplicated(frame: pd.DataFrame, key: tuple[str, ...]) -> bool:
    """Whether two rows share their key (one column: a hash table's uniqueness; several: tuples in a set)."""
    if len(frame) < 2:
        return False
    rows = frame[key[0]].tolist() if len(key) == 1 else list(zip(*(frame[k].tolist() for k in key), strict=False))
    return len(set(rows)) != len(rows)


def _before(later: pd.Series, earlier: pd.Series) -> bool:
    return bool((later < earlier).fillna(False).any())


def references_ok(ws: Workspace) -> bool:
    """Whether every id is unique, every reference resolves and every ordering holds (see
    :func:`forumkit.model.workspace.reference_problems`), checked on the base frames."""
    f = {name: ws.base_frame(name) for name in TABLES}
    c = ws.charter
    ids: dict[str, set] = {}  # the keys of the tables keyed by one column (their set tells duplicates too)
    for name, spec in TABLES.items():
        key = spec.model.key_fields
        if len(key) == 1:
            ids[name] = set(f[name][key[0]].tolist())
            if len(ids[name]) != len(f[name]):
                return False
        elif _duplicated(f[name], key):
            return False
    meetings, members, inis = f["meetings"], f["members"], f["initiatives"]
    meeting_ids, member_ids = ids["meetings"], ids["members"]
    initiative_ids, group_ids = ids["initiatives"], ids["working_groups"]
    network_ids, pillar_ids = ids["networks"], set(c.pillar_by_id)
    if _dangling(members["seat"], c.seat_by_id) or _before(members["end"], members["start"]):
        return False
    staff = f["secretariat"]
    if _dangling(staff["role"], c.role_by_id) or _before(staff["end"], staff["start"]):
        return False
    if any(end <= start for start, end in zip(meetings["start"].tolist(), meetings["end"].tolist(), strict=False)):
        return False
    agenda, attendance = f["agenda"], f["attendance"]
    single = [
        (meetings["minutes_approved"], meeting_ids),
        (agenda["meeting"], meeting_ids),
        (agenda["carried_from"], meeting_ids),
        (attendance["meeting"], meeting_ids),
        (attendance["member"], member_ids),
        (inis["working_group"], group_ids),
        (inis["network"], network_ids),
        (f["working_groups"]["meeting"], meeting_ids),
        (f["group_members"]["group"], group_ids),
        (f["group_members"]["member"], member_ids),
        (f["networks"]["pillar"], pillar_ids),
        (f["network_events"]["network"], network_ids),
        (f["actions"]["meeting"], meeting_ids),
        (f["actions"]["initiative"], initiative_ids),
        (f["inputs"]["meeting"], meeting_ids),
        (f["milestones"]["initiative"], initiative_ids),
    ]
    if any(_dangling(values, known) for values, known in single):
        return False
    if _dangling_ids(agenda["initiatives"], initiative_ids) or _dangling_ids(
        f["inputs"]["initiatives"], initiative_ids
    ):
        return False
    if (
        _dangling(inis["pillar"], pillar_ids)
        or _dangling(inis["colour"], c.catalogue.colours)
        or _dangling(inis["horizon"], c.catalogue.horizons)
        or _before(inis["due"], inis["start"])
    ):
        return False
    groups = f["working_groups"]
    if groups["reported"].notna().any():  # a report before the meeting that set the group up
        set_up = groups["meeting"].map(dict(zip(meetings["id"].tolist(), meetings["date"].tolist(), strict=False)))
        if _before(groups["reported"], pd.to_datetime(set_up)):
            return False
    actions = f["actions"]
    if _dangling_ids(actions["owners"], member_ids | ids["secretariat"]):
        return False
    for people in (members, staff):  # contact details on one line (what the calendar and e-mail need)
        for column in ("email", "phone"):
            if any(isinstance(v, str) and any(ord(ch) < 32 for ch in v) for v in people[column].tolist()):
                return False
    with_item = actions[actions["number"].notna()]
    if len(with_item):  # an action's agenda item exists, when its meeting does
        wanted, items = with_item["meeting"].to_numpy(dtype=object), with_item["number"].to_numpy(dtype="int64")
        numbers = agenda["number"].to_numpy(dtype="int64")
        unknown = _unknown_pairs(wanted, items, agenda["meeting"].to_numpy(dtype=object), numbers)
        if any(meeting in meeting_ids for meeting in wanted[unknown].tolist()):
            return False
    return True


def _unknown_pairs(
    meetings: np.ndarray, items: np.ndarray, known_meetings: np.ndarray, known_items: np.ndarray
) -> np.ndarray:
    """Which (meeting, item) pairs are not among the known ones: each pair made one 64-bit number (the
    meeting's code above 40 bits of item number), then one sorted membership test."""
    both = np.concatenate((items, known_items))
    if len(both) and (both.min() < 0 or both.max() >= 2**40 or len(meetings) + len(known_meetings) >= 2**22):
        known = set(zip(known_meetings.tolist(), known_items.tolist(), strict=False))  # (numbers beyond the packing)
        return np.array([pair not in known for pair in zip(meetings.tolist(), items.tolist(), strict=False)], bool)
    codes = pd.factorize(np.concatenate((meetings, known_meetings)))[0].astype(np.int64) << 40
    keys = codes + both
    return ~np.isin(keys[: len(meetings)], keys[len(meetings) :])
