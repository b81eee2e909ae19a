"""The annual status's charts, drawn in the house style from :mod:`forumkit.status_data` tables."""

from __future__ import annotations

from datetime import date

from ..model.danish import da_number
from ..rules.status_data import ChartData
from .style import OKABE_ITO, STATUS_COLOURS, figure, pillar_colours

__all__ = ["draw"]


def _thousands(ax, axis: str = "x") -> None:
    from matplotlib.ticker import FuncFormatter

    fmt = FuncFormatter(lambda v, _p: da_number(v))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


def draw(chart: ChartData, source: str, data_date: date, pillar_order: list[str]):
    """The figure for one chart (a 16:9 matplotlib Figure with title, takeaway and footer)."""
    wide_labels = chart.key in ("status", "budget", "green")
    fig, ax = figure(chart.title, source, data_date, subtitle=chart.takeaway, left=0.27 if wide_labels else 0.08,
                     bottom=0.2 if chart.key == "status" else 0.12)
    colours = pillar_colours(pillar_order)
    table = chart.table
    if chart.key == "status":
        left = [0] * len(table.index)
        for status in table.columns:
            values = list(table[status])
            ax.barh(list(table.index), values, left=left, color=STATUS_COLOURS[status], label=status)
            left = [a + b for a, b in zip(left, values)]
        ax.invert_yaxis()
        ax.set_xlabel("Antal initiativer")
        ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.4, -0.1), frameon=False)
    elif chart.key == "progress":
        for name in table.columns:
            ax.plot(table.index, table[name], marker="o", markersize=3, linewidth=2.5,
                    color=colours.get(name, "#333333"), label=name)
        ax.set_ylim(0, 100)
        ax.set_ylabel("Fremdrift (%)")
        ax.legend(loc="upper left", frameon=False, fontsize=10)
        _months(ax)
    elif chart.key == "budget":
        names = list(table.index)
        positions = range(len(names))
        ax.barh([p - 0.2 for p in positions], table["Søgt"], height=0.38, color="#BBBBBB", label="Søgt")
        ax.barh([p + 0.2 for p in positions], table["Sikret"], height=0.38,
                color=[colours.get(n, OKABE_ITO[0]) for n in names], label="Sikret")
        ax.set_yticks(list(positions), names)
        ax.invert_yaxis()
        ax.set_xlabel("Kroner")
        _thousands(ax, "x")
        ax.legend(loc="lower right", frameon=False)
    elif chart.key == "attendance":
        bottom = [0] * len(table.index)
        for status, colour in (("deltog", OKABE_ITO[2]), ("afbud", OKABE_ITO[1]), ("fraværende", OKABE_ITO[5])):
            values = list(table[status]) if len(table) else []
            ax.bar(list(table.index), values, bottom=bottom, color=colour, label=status)
            bottom = [a + b for a, b in zip(bottom, values)]
        ax.set_ylabel("Medlemmer")
        ax.legend(loc="upper right", frameon=False)
    elif chart.key == "actions":
        labels = list(table.index)
        ax.bar(labels, table["Opgaver"], color=[OKABE_ITO[2]] + [OKABE_ITO[1], OKABE_ITO[6], OKABE_ITO[5]])
        ax.set_ylabel("Antal opgaver")
    elif chart.key == "networks":
        for i, name in enumerate(table.columns):
            series = table[name].dropna()
            ax.step(series.index, series.values, where="post", linewidth=2.5, color=OKABE_ITO[(i + 2) % 8],
                    label=name, marker="o", markersize=4)
        ax.set_ylabel("Medlemmer")
        ax.set_ylim(bottom=0)
        ax.legend(loc="upper left", frameon=False)
        _months(ax)
    elif chart.key == "green":
        ax.barh(list(table.index), table["Antal"], color=[STATUS_COLOURS[s] for s in table.index])
        ax.invert_yaxis()
        ax.set_xlabel("Antal initiativer")
    else:  # pragma: no cover - every key in CHARTS is drawn above
        raise KeyError(chart.key)
    return fig


def _months(ax) -> None:
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%Y"))
