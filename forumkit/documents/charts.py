"""The annual status's charts, drawn in the house style from :mod:`forumkit.rules.status_data` tables.

A chart saved as a file carries its title, takeaway and source line; a chart placed on a slide is drawn
bare (the slide's title is the takeaway, its footer the source). Legends sit above the plot, never on the
data; bars carry their numbers; time axes have Danish month names."""

from __future__ import annotations

from datetime import date

from ..model.danish import da_kroner, da_number
from ..model.vocab import Presence
from ..rules.status_data import ChartData
from .style import (
    OKABE_ITO,
    STATUS_COLOURS,
    chart_figure,
    danish_months,
    legend_outside,
    pillar_colours,
)

__all__ = ["CHART_KINDS", "chart_table", "csv_cells", "draw"]

# What kind of chart each one is, for alt text ("Søjlediagram: …").
CHART_KINDS = {
    "status": "Stablet liggende søjlediagram",
    "progress": "Kurvediagram",
    "budget": "Liggende søjlediagram",
    "attendance": "Stablet liggende søjlediagram",
    "actions": "Liggende søjlediagram",
    "networks": "Trappekurve",
    "green": "Liggende søjlediagram",
}
ATTENDANCE_COLOURS = {Presence.PRESENT: "#009E73", Presence.APOLOGIES: "#E69F00", Presence.ABSENT: "#D55E00"}
ACTION_COLOURS = ("#009E73", "#56B4E9", "#E69F00", "#D55E00")
ASKED, SECURED = "#BBBBBB", "#0072B2"


def _thousands(axis) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _p: da_number(v)))


def _whole(axis) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _label_bars(ax, bars, fmt=lambda v: da_number(v), inside: bool = False) -> None:
    """Each bar's number at its end (or in its middle for stacked bars), skipping empty segments."""
    labels = [fmt(b.get_width()) if b.get_width() or not inside else "" for b in bars]
    if inside:
        ax.bar_label(bars, labels=labels, label_type="center", fontsize=12, color="#111111")
    else:
        ax.bar_label(bars, labels=labels, padding=4, fontsize=12, color="#222222")


def draw(
    chart: ChartData,
    source: str,
    data_date: date,
    pillar_order: list[str],
    *,
    framed: bool = True,
    size: tuple[float, float] = (12.8, 7.2),
):
    """The figure for one chart: with title, takeaway and source line (``framed``) or bare, for a slide."""
    fig, ax = chart_figure(
        chart.title if framed else None,
        chart.takeaway if framed else None,
        source if framed else None,
        data_date,
        size=size,
    )
    colours = pillar_colours(pillar_order)
    table = chart.table
    names = [str(n) for n in table.index]
    if chart.key == "status":
        left = [0] * len(names)
        for status in table.columns:
            values = [int(v) for v in table[status]]
            if not any(values):
                continue
            bars = ax.barh(names, values, left=left, color=STATUS_COLOURS[status], label=status, height=0.65)
            _label_bars(ax, bars, inside=True)
            left = [a + b for a, b in zip(left, values, strict=False)]
        ax.invert_yaxis()
        ax.set_xlabel("Antal initiativer")
        _whole(ax.xaxis)
    elif chart.key == "progress":
        for name in table.columns:
            series = table[name].dropna()
            if not len(series):
                continue
            ax.plot(
                series.index,
                series.values,
                marker="o",
                markersize=4,
                linewidth=2.5,
                color=colours.get(name, "#333333"),
                label=name,
            )
        ax.set_ylim(0, 105)
        ax.set_ylabel("Fremdrift")
        from matplotlib.ticker import FuncFormatter

        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{da_number(v)} %"))
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.8)
        if len(table):  # the whole period on the axis, also where a pillar has no value yet
            margin = (table.index[-1] - table.index[0]) * 0.02
            ax.set_xlim(table.index[0] - margin, table.index[-1] + margin)
        danish_months(ax.xaxis)
    elif chart.key == "budget":
        positions = list(range(len(names)))
        asked = ax.barh([p - 0.2 for p in positions], table["Søgt"], height=0.38, color=ASKED, label="Søgt")
        secured = ax.barh([p + 0.2 for p in positions], table["Sikret"], height=0.38, color=SECURED, label="Sikret")
        for bars in (asked, secured):
            _label_bars(ax, bars, fmt=da_kroner)
        ax.set_yticks(positions, names)
        ax.invert_yaxis()
        ax.set_xlabel("kr.")
        _thousands(ax.xaxis)
        ax.set_xlim(0, max([1, *table["Søgt"], *table["Sikret"]]) * 1.2)  # room for the numbers
    elif chart.key == "attendance":
        left = [0] * len(names)
        for status in table.columns:
            values = [int(v) for v in table[status]] if len(table) else []
            bars = ax.barh(names, values, left=left, color=ATTENDANCE_COLOURS[status], label=status, height=0.6)
            _label_bars(ax, bars, inside=True)
            left = [a + b for a, b in zip(left, values, strict=False)]
        ax.invert_yaxis()
        ax.set_xlabel("Medlemmer")
        _whole(ax.xaxis)
    elif chart.key == "actions":
        bars = ax.barh(names, [int(v) for v in table["Opgaver"]], color=list(ACTION_COLOURS[: len(names)]), height=0.6)
        _label_bars(ax, bars)
        ax.invert_yaxis()
        ax.set_xlabel("Antal opgaver")
        _whole(ax.xaxis)
        ax.set_xlim(0, max([1, *table["Opgaver"]]) * 1.12)
    elif chart.key == "networks":
        for i, name in enumerate(table.columns):
            series = table[name].dropna()
            if not len(series):
                continue
            colour = OKABE_ITO[(i + 2) % len(OKABE_ITO)]
            ax.step(
                series.index,
                series.values,
                where="post",
                linewidth=2.5,
                color=colour,
                label=name,
                marker="o",
                markersize=5,
            )
            ax.annotate(
                da_number(series.iloc[-1]),
                (series.index[-1], series.iloc[-1]),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=12,
                color=colour,
            )
        ax.set_ylabel("Medlemmer")
        ax.set_ylim(bottom=0)
        _whole(ax.yaxis)
        ax.grid(axis="y", color="#DDDDDD", linewidth=0.8)
        if len(table):
            danish_months(ax.xaxis)
    elif chart.key == "green":
        bars = ax.barh(names, [int(v) for v in table["Antal"]], color=[STATUS_COLOURS[s] for s in names], height=0.6)
        _label_bars(ax, bars)
        ax.invert_yaxis()
        ax.set_xlabel("Antal initiativer")
        _whole(ax.xaxis)
        ax.set_xlim(0, max([1, *table["Antal"]]) * 1.12)
    else:  # pragma: no cover - every key in CHARTS is drawn above
        raise KeyError(chart.key)
    # The legend starts where the plot does, right of the category labels: it has the rest of the width.
    horizontal = chart.key not in ("progress", "networks")
    labels = max((len(n) for n in names), default=0) * 0.55 * 12 / 72 + 0.4 if horizontal else 0.9
    legend_outside(fig, ax, size[0] - labels - 0.3)
    return fig


def chart_table(chart: ChartData) -> tuple[list[str], list[list[object]]]:
    """The numbers behind a chart as a header and rows, for CSV and Excel: dates as dates, whole numbers as
    integers, empty where a series has no value yet."""
    import pandas as pd

    table = chart.table
    headers = [str(table.index.name or "")] + [str(c) for c in table.columns]
    rows = []
    for index, row in table.iterrows():
        first = index.date() if hasattr(index, "date") and callable(index.date) else str(index)
        cells: list[object] = [first]
        for value in row:
            if pd.isna(value):  # no value yet
                cells.append(None)
            elif float(value).is_integer():
                cells.append(int(value))
            else:
                cells.append(round(float(value), 1))
        rows.append(cells)
    return headers, rows


def csv_cells(rows: list[list[object]]) -> list[list[str]]:
    """Rows as CSV text in the workspace dialect: ISO dates, decimal comma, empty for no value."""

    def text(value) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float):
            return str(value).replace(".", ",")
        return str(value)

    return [[text(v) for v in row] for row in rows]
