"""Tables for people in the notebooks: Danish headings, dates and numbers, blanks for missing values, no row
numbers – and the analyst's frame left as it was."""

from __future__ import annotations

import re

import pandas as pd

from forumkit.model.frames import danish_headings, initiatives_with_pillars
from forumkit.rules.composition import seat_history
from forumkit.storage.store import load_workspace, read_changes
from forumkit.ui import views
from tests.conftest import EXAMPLE, TODAY

MISSING = re.compile(r">\s*(nan|NaN|None|NaT|<NA>|&lt;NA&gt;|inf)\s*<")


def _cells(styler) -> tuple[list[str], list[list[str]]]:
    html = styler.to_html()
    assert not MISSING.search(html), MISSING.search(html)
    headers = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>.*?</th>", html, re.S)]
    rows = [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>.*?</t[dh]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1], re.S)
    ]
    return headers, rows


def test_the_catalogue_frame_for_people_and_unchanged_for_the_analyst():
    ws = load_workspace(EXAMPLE)
    frame = ws.frame("initiatives")
    before = frame.copy()
    headers, rows = _cells(views.for_people(danish_headings(frame).head(3)))
    assert headers[:6] == ["Id", "Titel", "Søjle", "Farve", "Horisont", "Status"]
    assert "Budget søgt" in headers and "Næste skridt" in headers
    first = dict(zip(headers, rows[0], strict=False))
    assert first["Budget søgt"] == "85.000" and first["Start"] == "15. oktober 2025"
    second = dict(zip(headers, rows[1], strict=False))
    assert second["Arbejdsgruppe"] == "" and second["Beskrivelse"] == ""  # missing: blank, not NaN
    assert len(rows[0]) == len(headers)  # no row-number column
    pd.testing.assert_frame_equal(frame, before)
    assert frame.attrs == before.attrs and str(frame["start"].dtype).startswith("datetime64")


def test_progress_over_time_open_actions_and_seat_history():
    ws = load_workspace(EXAMPLE)
    headers, rows = _cells(views.for_people(views.progress_over_time(ws, read_changes(EXAMPLE), TODAY)))
    assert "Liv på Havnen" in headers
    assert rows[0][0] == "31. maj 2025" and rows[2][0] == "31. juli 2025"  # Danish dates as row labels
    assert all(re.fullmatch(r"|\d+(,\d)?", cell) for row in rows for cell in row[1:])  # 23,3 not 23.333333
    headers, rows = _cells(views.for_people(views.open_actions(ws)))
    assert headers == ["Opgave", "Ansvarlige", "Frist", "Tilstand", "Fra mødet"]
    bod = next(r for r in rows if r[0] == "Aftale bodens drift for 2027")
    assert bod == [
        "Aftale bodens drift for 2027",
        ws.member_by_id["A-007"].name,
        "10. december 2026",
        "åben",
        "1. oktober 2026",
    ]
    assert not any(re.search(r"\b[HSAM]-\d", cell) for row in rows for cell in row)  # no codes
    headers, rows = _cells(views.for_people(seat_history(ws)))
    assert headers[:2] == ["Sæde", "Navn"] and re.fullmatch(r"\d+\. \w+ \d{4}", rows[0][headers.index("Fra")])


def test_crosstab_and_series_get_danish_headings():
    ws = load_workspace(EXAMPLE)
    names = initiatives_with_pillars(ws)
    headers, rows = _cells(views.for_people(pd.crosstab(names["pillar_name"], names["status"])))
    assert "Søjle (navn)" in headers and "Status" in headers and "Gennemført" in headers
    assert not any(h in headers for h in ("pillar_name", "status"))
    counts = pd.Series([3, 2], index=pd.Index(["Anna", "Bo"], name="member_name"))
    headers, rows = _cells(views.for_people(counts))
    assert headers[:3] == ["&nbsp;", "Antal", "Medlem (navn)"]  # the index name on its own header row
    assert rows == [["Anna", "3"], ["Bo", "2"]]
    assert (
        views.for_people(pd.DataFrame({"x": [1.5, None, float("nan")], "y": [pd.NA, True, 1_234_567]}))
        .to_html()
        .count(">1.234.567<")
        == 1
    )
