"""The charts as drawn: headlines tied to the plotted data, Danish month names, legends outside the plot and
inside the frame, swatches that match their bars, and each chart's numbers as CSV and Excel."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.documents.charts import draw
from forumkit.documents.status_report import write_chart_files
from forumkit.rules.status_data import (
    CHART_FILES,
    CHARTS,
    chart_data,
    progress_takeaway,
)
from forumkit.storage.store import load_workspace, read_changes
from tests.conftest import EXAMPLE, TODAY


@pytest.fixture(scope="module")
def charts():
    ws = load_workspace(EXAMPLE)
    pillars = [p.name for p in ws.charter.pillars]
    data = {c.key: c for c in chart_data(ws, read_changes(EXAMPLE), 2026, TODAY)}
    return data, pillars


def _drawn(chart, pillars, **kw):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = draw(chart, "Dragør Kommune", TODAY, pillars, **kw)
    FigureCanvasAgg(fig).draw()
    return fig


def test_the_progress_headline_is_the_plotted_line(charts):
    data, pillars = charts
    chart = data["progress"]
    match = re.fullmatch(
        r"Størst fremgang i 2026: (.+), fra (\d+) % til (\d+) % \(\+(\d+) procentpoint\)", chart.takeaway
    )
    name, first, last, change = match[1], int(match[2]), int(match[3]), int(match[4])
    fig = _drawn(chart, pillars)
    line = next(line for line in fig.axes[0].get_lines() if line.get_label() == name)
    ys = line.get_ydata()
    assert (round(ys[0]), round(ys[-1])) == (first, last) and change == last - first
    for other in fig.axes[0].get_lines():  # no other plotted line gained more
        assert other.get_ydata()[-1] - other.get_ydata()[0] <= change


@given(st.lists(st.lists(st.one_of(st.none(), st.integers(0, 100)), min_size=3, max_size=3), min_size=2, max_size=8))
def test_progress_takeaway_states_last_minus_first(rows):
    table = pd.DataFrame(rows, columns=["A", "B", "C"], dtype=float)
    text = progress_takeaway(table, 2026)
    gains = {c: table[c].dropna().iloc[-1] - table[c].dropna().iloc[0] for c in table if len(table[c].dropna()) > 1}
    if not gains or max(gains.values()) <= 0:
        assert text == "Ingen søjle har fået mere fremdrift i 2026"
        return
    match = re.fullmatch(r"Størst fremgang i 2026: (\w), fra (\d+) % til (\d+) % \(\+(\d+) procentpoint\)", text)
    series = table[match[1]].dropna()
    assert (int(match[2]), int(match[3])) == (series.iloc[0], series.iloc[-1])
    assert int(match[4]) == series.iloc[-1] - series.iloc[0] == max(gains.values())


@pytest.mark.parametrize("key", ["progress", "networks"])
def test_time_axes_have_danish_month_names(charts, key):
    data, pillars = charts
    fig = _drawn(data[key], pillars)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert labels and all(
        re.fullmatch(r"(jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)\. 20\d\d|maj 20\d\d", t) for t in labels
    ), labels
    assert "jan. 2026" in labels


@pytest.mark.parametrize("key", list(CHARTS))
@pytest.mark.parametrize("framed,size", [(True, (12.8, 7.2)), (False, (12.1, 4.95)), (False, (8.2, 4.5))])
def test_legends_outside_the_data_and_everything_inside_the_frame(charts, key, framed, size):
    data, pillars = charts
    fig = _drawn(data[key], pillars, framed=framed, size=size)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend()
    if legend is not None:
        assert not legend.get_window_extent(renderer).overlaps(ax.bbox)
    frame = fig.bbox
    # Everything drawn – tick labels, bar numbers, legend, header and source – stays inside the picture.
    for box in [ax.get_tightbbox(renderer), *(t.get_window_extent(renderer) for t in fig.texts)]:
        assert (
            frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1 and frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1
        ), (key, box)
    titles = [t.get_text() for t in fig.texts]
    assert (CHARTS[key] in titles) == framed and (data[key].takeaway in titles) == framed


def test_legend_swatches_match_their_bars(charts):
    from matplotlib.colors import to_hex

    data, pillars = charts
    for key in ("budget", "attendance", "status"):
        ax = _drawn(data[key], pillars).axes[0]
        bars = {c.get_label(): {to_hex(p.get_facecolor()) for p in c.patches} for c in ax.containers}
        legend = ax.get_legend()
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=False):
            assert bars[text.get_text()] == {to_hex(handle.get_facecolor())}, (key, text.get_text())


def test_file_names_are_danish_and_plain_ascii():
    assert set(CHART_FILES) == set(CHARTS)
    for stem in CHART_FILES.values():
        assert re.fullmatch(r"[a-z_]+", stem), stem  # æøå written ae/oe/aa: safe in zips, URLs and scripts


def test_each_chart_writes_its_numbers_as_csv_and_excel(charts, tmp_path):
    from openpyxl import load_workbook

    data, pillars = charts
    files = write_chart_files(data["attendance"], tmp_path / "04_fremmoede_pr_moede", "Dragør Kommune", TODAY, pillars)
    assert [p.name for p in files] == [f"04_fremmoede_pr_moede.{s}" for s in ("png", "svg", "pdf", "csv", "xlsx")]
    raw = (tmp_path / "04_fremmoede_pr_moede.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and raw.decode("utf-8-sig").splitlines() == [
        "Møde;deltog;afbud;fraværende",
        "23. apr. 2026;8;2;0",
        "1. okt. 2026;9;1;0",
    ]
    sheet = load_workbook(tmp_path / "04_fremmoede_pr_moede.xlsx").active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Møde", "deltog", "afbud", "fraværende"],
        ["23. apr. 2026", 8, 2, 0],
        ["1. okt. 2026", 9, 1, 0],
    ]

    write_chart_files(data["progress"], tmp_path / "02_fremdrift", "Dragør Kommune", TODAY, pillars)
    lines = (tmp_path / "02_fremdrift.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Dato;" + ";".join(pillars)
    assert lines[1].startswith("2025-12-31;;100;") and lines[-1].startswith("2026-11-26;27,5;")
    sheet = load_workbook(tmp_path / "02_fremdrift.xlsx").active
    first = [c.value for c in sheet[2]]
    assert first[0].date().isoformat() == "2025-12-31" and first[1] is None and first[2] == 100
