"""The pandas face: typed frames for every table, Danish headings, joins, analyses and the house style."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from forumkit.edits.catalogue import filter_frame, filter_initiatives
from forumkit.model.frames import (
    agenda_with_meetings,
    attendance_with_people,
    danish_headings,
    frame_from_records,
    initiatives_with_pillars,
)
from forumkit.model.tables import INITIATIVE_STATUSES, ROLES, TABLES, edit
from forumkit.model.workspace import Workspace
from forumkit.rules.analysis import attendance_over_time, budget_by_year, status_by_pillar
from forumkit.storage.store import load_workspace

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "example"


@pytest.fixture(scope="module")
def ws():
    return load_workspace(EXAMPLE)


@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_has_a_frame_with_english_columns_and_danish_headings(ws, name):
    frame = ws.frame(name)
    spec = TABLES[name]
    assert list(frame.columns) == list(spec.model.model_fields)
    assert len(frame) == len(ws.table(name))
    assert list(danish_headings(frame).columns) == list(spec.headers)
    assert frame.attrs["table"] == name


def test_initiative_columns_are_typed(ws):
    frame = ws.frame("initiatives")
    assert str(frame["start"].dtype).startswith("datetime64")
    for column in ("budget_asked", "budget_secured", "hours", "progress"):
        assert frame[column].dtype == "Int64"
    assert list(frame["status"].cat.categories) == list(INITIATIVE_STATUSES)
    assert frame["status"].cat.ordered
    assert list(frame["pillar"].cat.categories) == [p.id for p in ws.charter.pillars]
    assert list(frame["colour"].cat.categories) == list(ws.charter.catalogue.colours)
    assert list(frame["horizon"].cat.categories) == list(ws.charter.catalogue.horizons)
    first = ws.initiatives[0]
    row = frame.iloc[0]
    assert row["id"] == first.id and row["budget_asked"] == first.budget_asked
    assert row["start"].date() == first.start
    assert frame["budget_asked"].sum() == sum(i.budget_asked or 0 for i in ws.initiatives)
    assert frame["start"].isna().sum() == sum(i.start is None for i in ws.initiatives)


def test_roles_and_id_lists(ws):
    members = ws.frame("members")
    assert list(members["role"].cat.categories) == list(ROLES)
    actions = ws.frame("actions")
    assert actions["owners"].tolist() == [a.owners for a in ws.actions]


def test_a_frame_is_a_copy_the_analyst_may_change(ws):
    frame = ws.frame("initiatives")
    frame["title"] = "ændret"
    assert ws.frame("initiatives")["title"].iloc[0] == ws.initiatives[0].title


def test_frames_follow_edits(ws):
    changed = ws.with_table("initiatives", [edit(ws.initiatives[0], budget_asked=123), *ws.initiatives[1:]])
    assert changed.frame("initiatives")["budget_asked"].iloc[0] == 123
    assert ws.frame("initiatives")["budget_asked"].iloc[0] != 123


def test_a_workspace_built_in_code_has_frames(ws):
    small = Workspace(charter=ws.charter, initiatives=ws.initiatives[:2])
    frame = small.frame("initiatives")
    assert frame["id"].tolist() == [i.id for i in ws.initiatives[:2]]
    assert small.frame("meetings").empty
    assert list(small.frame("meetings").columns) == list(TABLES["meetings"].model.model_fields)


def test_frame_from_records_round_trip(ws):
    from forumkit.model.frames import records_from_frame

    for name, spec in TABLES.items():
        rows = ws.table(name)
        assert records_from_frame(spec.model, frame_from_records(spec.model, rows)) == rows


def test_initiatives_with_pillar_names(ws):
    frame = initiatives_with_pillars(ws)
    names = {p.id: p.name for p in ws.charter.pillars}
    assert frame["pillar_name"].astype(str).tolist() == [names[i.pillar] for i in ws.initiatives]
    assert list(frame["pillar_name"].cat.categories) == list(names.values())
    assert danish_headings(frame).columns[3] == "søjlenavn"


def test_attendance_with_member_and_meeting(ws):
    frame = attendance_with_people(ws)
    assert len(frame) == len(ws.attendance)
    first = ws.attendance[0]
    assert frame["member_name"].iloc[0] == ws.member_by_id[first.member].name
    assert frame["meeting_date"].iloc[0].date() == ws.meeting_by_id[first.meeting].date
    assert "medlem_navn" in danish_headings(frame).columns
    agenda = agenda_with_meetings(ws)
    assert len(agenda) == len(ws.agenda) and agenda["meeting_date"].notna().all()


def test_status_by_pillar_counts_every_initiative(ws):
    table = status_by_pillar(ws)
    assert table.loc["I alt", "I alt"] == len(ws.initiatives)
    assert list(table.index[:-1]) == [p.name for p in ws.charter.pillars]
    first = ws.initiatives[0]
    pillar = ws.charter.pillar_by_id[first.pillar].name
    expected = sum(1 for i in ws.initiatives if i.pillar == first.pillar and i.status == first.status)
    assert table.loc[pillar, first.status] == expected


def test_budget_by_year_sums_live_initiatives(ws):
    table = budget_by_year(ws)
    live = [i for i in ws.initiatives if i.start and i.status not in ("parkeret", "opgivet")]
    assert table["Søgt"].sum() == sum(i.budget_asked or 0 for i in live)
    for year in table.index:
        assert table.loc[year, "Sikret"] == sum(i.budget_secured or 0 for i in live if i.start.year == year)
    wide = budget_by_year(ws, by_pillar=True)
    assert wide["Søgt"].sum().sum() == table["Søgt"].sum()


def test_attendance_over_time(ws):
    table = attendance_over_time(ws)
    held = [m for m in ws.meetings if m.state in ("afholdt", "referat godkendt")]
    assert [m for _, m in table.index] == [m.id for m in sorted(held, key=lambda m: m.date)]
    mid = held[0].id
    marks = [a.status for a in ws.attendance if a.meeting == mid]
    row = table.xs(mid, level="Møde").iloc[0]
    assert row["deltog"] == marks.count("deltog")
    assert row["Andel"] == pytest.approx(marks.count("deltog") / len(marks))


@pytest.mark.parametrize(
    "criteria",
    [
        dict(pillar="LH"),
        dict(status="igangsat", colour="grøn"),
        dict(text="havn"),
        dict(text="  HAVNEFEST "),
        dict(network="N-GASTRO"),
        dict(pillar="findes-ikke"),
        dict(owner="Karin Søborg"),
        {},
    ],
)
def test_filter_frame_picks_what_filter_initiatives_picks(ws, criteria):
    picked = filter_frame(ws.base_frame("initiatives"), **criteria)
    assert picked["id"].tolist() == [i.id for i in filter_initiatives(ws.initiatives, **criteria)]
    assert filter_frame(ws.frame("initiatives"), **criteria)["id"].tolist() == picked["id"].tolist()


def test_house_style_on_any_figure(tmp_path, ws):
    import matplotlib

    matplotlib.use("Agg")
    from forumkit.documents.style import OKABE_ITO, apply_house_style, save_figure

    table = budget_by_year(ws)
    ax = table.plot.bar()
    fig = apply_house_style(ax, title="Budget", source="Kilde A", data_date=date(2026, 11, 26), thousands="y")
    assert matplotlib.colors.to_hex(ax.containers[0][0].get_facecolor()) == OKABE_ITO[0].lower()
    texts = [t.get_text() for t in fig.texts]
    assert "Budget" in texts and "Kilde: Kilde A · data pr. 26. november 2026" in texts
    assert ax.yaxis.get_major_formatter()(1234567, 0) == "1.234.567"
    out = save_figure(fig, tmp_path / "ny" / "graf.png")
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert apply_house_style(fig) is fig
    pd.DataFrame({"a": [1, 2]}).plot()


def test_loaded_frames_equal_frames_built_from_records(ws):
    for name, spec in TABLES.items():
        pd.testing.assert_frame_equal(ws.base_frame(name), frame_from_records(spec.model, ws.table(name)))


def test_an_edited_table_patches_its_frame(ws):
    rows = ws.initiatives
    changed = ws.with_table(
        "initiatives",
        [
            edit(rows[0], progress=5, status="gennemført", start=None),
            *rows[1:3],
            edit(rows[3], due=date(2199, 1, 1)),
            *rows[4:],
        ],
    )
    pd.testing.assert_frame_equal(
        changed.base_frame("initiatives"), frame_from_records(TABLES["initiatives"].model, changed.initiatives)
    )
    again = changed.with_table("initiatives", changed.initiatives[1:])  # a row removed: built afresh
    pd.testing.assert_frame_equal(
        again.base_frame("initiatives"), frame_from_records(TABLES["initiatives"].model, again.initiatives)
    )
    assert ws.base_frame("initiatives")["progress"].iloc[0] == rows[0].progress


def test_a_frame_of_arrays_is_the_same_without_pandas_private_constructor(monkeypatch):
    """frame_of_arrays uses pandas' DataFrame._from_arrays for speed; a pandas without it gets the same frame
    from the public constructor."""
    import pandas as pd

    from forumkit.model.frames import frame_of_arrays

    arrays = [pd.array([1, None], dtype="Int64"), pd.Categorical(["a", "b"]), pd.array(["x", "y"], dtype=object)]
    fast = frame_of_arrays(["n", "c", "t"], arrays, 2)
    monkeypatch.delattr(pd.DataFrame, "_from_arrays")
    slow = frame_of_arrays(["n", "c", "t"], arrays, 2)
    pd.testing.assert_frame_equal(fast, slow)
    assert list(slow.dtypes.astype(str)) == ["Int64", "category", "object"]
