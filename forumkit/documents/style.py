"""The house style for every chart: Danish labels and numbers, one colour-blind-safe colour per pillar,
slide-size fonts, a footer with source and data date, and byte-reproducible PNG/SVG/PDF files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..storage.atomic import write_atomic

__all__ = ["OKABE_ITO", "STATUS_COLOURS", "figure", "pillar_colours", "save_figure"]

# Okabe & Ito's palette, safe for the common kinds of colour blindness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
STATUS_COLOURS = {"idé": "#BBBBBB", "afklaring": "#56B4E9", "igangsat": "#E69F00", "gennemført": "#009E73",
                  "parkeret": "#8C8C8C", "opgivet": "#D55E00"}
_RC = {
    "font.size": 13, "axes.titlesize": 17, "axes.titleweight": "bold", "axes.labelsize": 13,
    "xtick.labelsize": 12, "ytick.labelsize": 12, "legend.fontsize": 11, "axes.spines.top": False,
    "axes.spines.right": False, "axes.formatter.use_locale": False, "svg.hashsalt": "forumkit",
    "svg.fonttype": "path", "pdf.compression": 6, "figure.dpi": 100, "font.family": "DejaVu Sans",
}


def pillar_colours(pillar_ids) -> dict[str, str]:
    """One fixed colour per pillar, in charter order, used in every chart."""
    return {pid: OKABE_ITO[i % len(OKABE_ITO)] for i, pid in enumerate(pillar_ids)}


def figure(title: str, source: str, data_date: date, size=(12.8, 7.2), subtitle: str | None = None,
           left: float = 0.08, bottom: float = 0.12):
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


def save_figure(fig, path: Path) -> Path:
    """Save PNG (200 dpi), SVG or PDF without timestamps, so the same data gives the same bytes."""
    import io

    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
                "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}}[fmt]
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=200 if fmt == "png" else None, metadata=metadata)
    write_atomic(path, buffer.getvalue())
    return path
