"""A columnar pre-check of the workspace's references: True when :func:`reference_problems` would find
nothing. It only answers yes or no; when the answer is no, the record path words every problem."""

from __future__ import annotations

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
    rows = frame[key[0]].tolist() if len(key) == 1 else list(zip(*(frame[k].tolist() for k in key)))
    return len(set(rows)) != len(rows)


def _before(later: pd.Series, earlier: pd.Series) -> bool:
    return bool((later < earlier).fillna(False).any())


def references_ok(ws: Workspace) -> bool:
    """Whether every id is unique, every reference resolves and every ordering holds (see
    :func:`forumkit.model.workspace.reference_problems`), checked on the base frames."""
    f = {name: ws.base_frame(name) for name in TABLES}
    c = ws.charter
    for name, spec in TABLES.items():
        if _duplicated(f[name], spec.model.key_fields):
            return False
    meetings, members, inis = f["meetings"], f["members"], f["initiatives"]
    meeting_ids, member_ids = set(meetings["id"].tolist()), set(members["id"].tolist())
    initiative_ids, group_ids = set(inis["id"].tolist()), set(f["working_groups"]["id"].tolist())
    network_ids, pillar_ids = set(f["networks"]["id"].tolist()), set(c.pillar_by_id)
    if _dangling(members["seat"], c.seat_by_id) or _before(members["end"], members["start"]):
        return False
    staff = f["secretariat"]
    if _dangling(staff["role"], c.role_by_id) or _before(staff["end"], staff["start"]):
        return False
    if any(end <= start for start, end in zip(meetings["start"].tolist(), meetings["end"].tolist())):
        return False
    agenda, attendance = f["agenda"], f["attendance"]
    single = [
        (meetings["minutes_approved"], meeting_ids), (agenda["meeting"], meeting_ids),
        (agenda["carried_from"], meeting_ids), (attendance["meeting"], meeting_ids),
        (attendance["member"], member_ids), (inis["working_group"], group_ids), (inis["network"], network_ids),
        (f["working_groups"]["meeting"], meeting_ids), (f["group_members"]["group"], group_ids),
        (f["group_members"]["member"], member_ids), (f["networks"]["pillar"], pillar_ids),
        (f["network_events"]["network"], network_ids), (f["actions"]["meeting"], meeting_ids),
        (f["actions"]["initiative"], initiative_ids), (f["inputs"]["meeting"], meeting_ids),
        (f["milestones"]["initiative"], initiative_ids),
    ]
    if any(_dangling(values, known) for values, known in single):
        return False
    if _dangling_ids(agenda["initiatives"], initiative_ids) or _dangling_ids(f["inputs"]["initiatives"],
                                                                             initiative_ids):
        return False
    if _dangling(inis["pillar"], pillar_ids) or _dangling(inis["colour"], c.catalogue.colours) \
            or _dangling(inis["horizon"], c.catalogue.horizons) or _before(inis["due"], inis["start"]):
        return False
    groups = f["working_groups"]
    if groups["reported"].notna().any():  # a report before the meeting that set the group up
        set_up = groups["meeting"].map(dict(zip(meetings["id"].tolist(), meetings["date"].tolist())))
        if _before(groups["reported"], pd.to_datetime(set_up)):
            return False
    actions = f["actions"]
    if _dangling_ids(actions["owners"], member_ids | set(staff["id"].tolist())):
        return False
    for people in (members, staff):  # contact details on one line (what the calendar and e-mail need)
        for column in ("email", "phone"):
            if any(isinstance(v, str) and any(ord(ch) < 32 for ch in v) for v in people[column].tolist()):
                return False
    with_item = actions[actions["item"].notna()]
    if len(with_item):  # an action's agenda item exists, when its meeting does
        keys = set(zip(with_item["meeting"].tolist(), with_item["item"].to_numpy(dtype="int64").tolist()))
        unknown = keys - set(zip(agenda["meeting"].tolist(), agenda["number"].to_numpy(dtype="int64").tolist()))
        if any(meeting in meeting_ids for meeting, _ in unknown):
            return False
    return True
