"""The house style for every chart: Danish labels and numbers, one colour-blind-safe colour per pillar,
slide-size fonts, a footer with source and data date, and byte-reproducible PNG/SVG/PDF files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model.vocab import Status
from ..storage.atomic import write_atomic

__all__ = [
    "OKABE_ITO",
    "STATUS_COLOURS",
    "apply_house_style",
    "chart_figure",
    "danish_months",
    "figure",
    "figure_bytes",
    "legend_outside",
    "pillar_colours",
    "save_figure",
]


# Okabe & Ito's palette, safe for the common kinds of colour blindness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
STATUS_COLOURS = {
    Status.IDEA: "#BBBBBB",
    Status.CLARIFYING: "#56B4E9",
    Status.STARTED: "#E69F00",
    Status.DONE: "#009E73",
    Status.PARKED: "#8C8C8C",
    Status.DROPPED: "#D55E00",
}
_RC = {
    "font.size": 13,
    "axes.titlesize": 17,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.formatter.use_locale": False,
    "svg.hashsalt": "forumkit",
    "svg.fonttype": "path",
    "pdf.compression": 6,
    "figure.dpi": 100,
    "font.family": "DejaVu Sans",
}


def pillar_colours(pillar_ids) -> dict[str, str]:
    """One fixed colour per pillar, in charter order, used in every chart."""
    return {pid: OKABE_ITO[i % len(OKABE_ITO)] for i, pid in enumerate(pillar_ids)}


def figure(
    title: str,
    source: str,
    data_date: date,
    size=(12.8, 7.2),
    subtitle: str | None = None,
    left: float = 0.08,
    bottom: float = 0.12,
):
    """A new 16:9 figure in the house style: title and takeaway in a header band, source in the footer."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from ..model.danish import da_date

    with plt.rc_context(_RC):
        fig = Figure(figsize=size)
        ax = fig.add_subplot(111)
    for key, value in _RC.items():
        matplotlib.rcParams[key] = value
    fig.text(0.02, 0.955, title, fontsize=20, fontweight="bold", va="top")
    if subtitle:
        fig.text(0.02, 0.885, subtitle, fontsize=14, color="#333333", va="top")
    fig.text(0.02, 0.015, f"Kilde: {source} · data pr. {da_date(data_date, False)}", fontsize=10, color="#555555")
    fig.subplots_adjust(left=left, right=0.97, top=0.80 if subtitle else 0.86, bottom=bottom)
    return fig, ax


def chart_figure(title: str | None, takeaway: str | None, source: str | None, data_date: date, size=(12.8, 7.2)):
    """A new figure in the house style whose plot, tick labels and legend are laid out by matplotlib
    (constrained layout) inside the band left free by the header (title, takeaway) and the source line.
    Without a title (a chart placed on a slide, whose title is the slide's) the plot fills the figure."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from ..model.danish import da_date

    for key, value in _RC.items():
        matplotlib.rcParams[key] = value
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot(111)
    inch = 1 / size[1]
    top = 1 - (0.95 * inch if title and takeaway else 0.6 * inch if title or takeaway else 0)
    bottom = 0.35 * inch if source else 0
    if title:
        fig.text(0.015, 1 - 0.15 * inch, title, fontsize=20, fontweight="bold", va="top")
    if takeaway:
        fig.text(0.015, 1 - (0.55 if title else 0.15) * inch, takeaway, fontsize=14, color="#333333", va="top")
    if source:
        fig.text(
            0.015, 0.1 * inch, f"Kilde: {source} · data pr. {da_date(data_date, False)}", fontsize=10, color="#555555"
        )
    fig.get_layout_engine().set(rect=(0, bottom, 1, top - bottom), w_pad=0.08, h_pad=0.08)
    return fig, ax


def legend_outside(fig, ax, width_inches: float, fontsize: int = 12) -> None:
    """The legend above the plot area, never over the data, in as many columns as fit ``width_inches``
    (the width of the plot area)."""
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return
    widest = max(len(label) for label in labels) * 0.6 * fontsize / 72 + 0.65
    columns = max(1, min(len(labels), int(width_inches // widest)))
    ax.legend(
        handles,
        labels,
        loc="lower left",
        bbox_to_anchor=(0, 1.02),
        borderaxespad=0,
        ncols=columns,
        frameon=False,
        fontsize=fontsize,
        handlelength=1.6,
        columnspacing=1.4,
    )


def danish_months(axis) -> None:
    """Month ticks on a date axis named the Danish way: "jan. 2026"."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    lo, hi = axis.get_view_interval()
    span_months = (hi - lo) / 30.4
    step = 1 if span_months <= 7 else 2 if span_months <= 14 else 3 if span_months <= 30 else 6
    axis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, step)))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: _month_label(mdates.num2date(value))))


_MONTHS = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def _month_label(day) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def apply_house_style(
    target,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
    data_date: date | None = None,
    thousands: str | None = None,
):
    """Put any matplotlib figure or axes (pandas' ``df.plot()`` gives one) in the house style: slide-size
    fonts, no top and right frame, the Okabe–Ito colours for lines and bars drawn later, Danish thousands
    separators on the ``thousands`` axis ("x" or "y"), and – when given – a bold title, a takeaway line and
    a footer naming the source and the data date, as in the annual status. Returns the figure."""
    import matplotlib
    from cycler import cycler
    from matplotlib.ticker import FuncFormatter

    from ..model.danish import da_date, da_number

    fig = target if hasattr(target, "axes") and not hasattr(target, "plot") else target.figure
    axes = list(fig.axes) if target is fig else [target]
    for key, value in _RC.items():
        matplotlib.rcParams[key] = value
    for ax in axes:
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_prop_cycle(cycler(color=list(OKABE_ITO)))
        ax.tick_params(labelsize=_RC["xtick.labelsize"])
        ax.xaxis.label.set_fontsize(_RC["axes.labelsize"])
        ax.yaxis.label.set_fontsize(_RC["axes.labelsize"])
        for i, container in enumerate(ax.containers):  # bars already drawn take the house colours
            for patch in container:
                patch.set_facecolor(OKABE_ITO[i % len(OKABE_ITO)])
        for i, line in enumerate(ax.get_lines()):
            line.set_color(OKABE_ITO[i % len(OKABE_ITO)])
        if ax.get_legend() is not None:
            ax.legend(frameon=False)
        if thousands:
            axis = ax.xaxis if thousands == "x" else ax.yaxis
            axis.set_major_formatter(FuncFormatter(lambda v, _p: da_number(v)))
    if title:
        fig.text(0.02, 0.965, title, fontsize=20, fontweight="bold", va="top")
    if subtitle:
        fig.text(0.02, 0.895, subtitle, fontsize=14, color="#333333", va="top")
    if source or data_date:
        parts = [f"Kilde: {source}"] if source else []
        if data_date:
            parts.append(f"data pr. {da_date(data_date, False)}")
        fig.text(0.02, 0.015, " · ".join(parts), fontsize=10, color="#555555")
    if title or subtitle:
        fig.subplots_adjust(top=0.80 if subtitle else 0.86, bottom=0.14)
    return fig


def save_figure(fig, path: Path) -> Path:
    """Save PNG (150 dpi: a 12.8 × 7.2 in chart is 1920 × 1080, full HD), SVG or PDF (for print) without
    timestamps, so the same data gives the same bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, figure_bytes(fig, path.suffix.lstrip(".").lower()))
    return path


def figure_bytes(fig, fmt: str, dpi: int = 150) -> bytes:
    """The figure as PNG, SVG or PDF bytes, without timestamps."""
    import io

    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    }[fmt]
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi if fmt == "png" else None, metadata=metadata)
    return buffer.getvalue()
