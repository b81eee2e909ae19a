"""Composition over time: a seat timeline chart (who held which seat when)."""

from __future__ import annotations

from datetime import date, timedelta

from ..model.vocab import Role
from ..model.workspace import Workspace
from .style import OKABE_ITO, figure

__all__ = ["seat_timeline", "seat_timeline_data"]


def seat_timeline_data(ws: Workspace, until: date) -> list[tuple[str, str, date, date, str]]:
    """One bar per appointment: (row label, name, start, end, role), rows in charter seat order."""
    out = []
    for seat in ws.charter.seats:
        rows = sorted((a for a in ws.members if a.seat == seat.id), key=lambda a: a.start)
        lanes: list[date] = []
        for a in rows:
            end = a.end or until
            lane = next((i for i, free in enumerate(lanes) if free < a.start), None)
            if lane is None:
                lanes.append(end)
                lane = len(lanes) - 1
            else:
                lanes[lane] = end
            label = seat.id if seat.count == 1 else f"{seat.id} {lane + 1}"
            out.append((label, a.name, a.start, end, a.role))
    return out


def seat_timeline(ws: Workspace, today: date):
    """A Gantt-style chart of the seats over time, with today marked."""
    import matplotlib.dates as mdates

    until = max([a.end or today for a in ws.members] + [today]) + timedelta(days=30)
    data = seat_timeline_data(ws, until)
    labels = list(dict.fromkeys(row[0] for row in data))
    fig, ax = figure("Sæderne over tid", ws.charter.forum.municipality, today)
    for _i, (label, name, start, end, role) in enumerate(data):
        y = labels.index(label)
        colour = OKABE_ITO[0] if role == Role.MEMBER else OKABE_ITO[1]
        ax.barh(y, (end - start).days, left=mdates.date2num(start), height=0.6, color=colour, alpha=0.85)
        ax.text(
            mdates.date2num(start) + 8,
            y,
            name + (f" ({role})" if role != Role.MEMBER else ""),
            va="center",
            fontsize=10,
            color="white",
            clip_on=True,
        )
    ax.axvline(mdates.date2num(today), color="#D55E00", linewidth=2)
    ax.text(mdates.date2num(today), len(labels) - 0.4, " i dag", color="#D55E00", fontsize=11)
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%Y"))
    ax.set_xlabel("Udpegningsperiode")
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=OKABE_ITO[0], label=Role.MEMBER),
            Patch(color=OKABE_ITO[1], label="formand / næstformand"),
        ],
        loc="lower right",
        frameon=False,
    )
    return fig
