"""The catalogue's trace tab: one initiative's page – decisions, actions, inputs, milestones, progress history."""

from __future__ import annotations

import ipywidgets as w

from ...model.danish import da_date, da_percent
from ...rules.trace import trace_initiative
from ...storage.store import read_changes
from ..common import card, html_table, show_html
from ._form import STYLE, set_options, wide

__all__ = ["TraceTab"]


def _when(stamp: str) -> str:
    """'2026-05-07T16:03:11' as '2026-05-07 kl. 16.03' (the log's own time, shown plainly)."""
    day, _, time = stamp.partition("T")
    return f"{day} kl. {time[:5].replace(':', '.')}" if time else day


class TraceTab(w.VBox):
    title = "Sporbarhed"

    def __init__(self, screen):
        self.screen = screen
        self.pick = w.Dropdown(description="Initiativ:", style=STYLE, layout=wide())
        self.out = w.Output()
        self.pick.observe(lambda _c: self.draw(), names="value")
        super().__init__([self.pick, self.out])

    def reload(self) -> None:
        ws = self.screen.ws
        set_options(self.pick, [(f"{i.id} {i.title}", i.id) for i in ws.initiatives])
        self.draw()

    def draw(self) -> None:
        ws = getattr(self.screen, "ws", None)
        if ws is None or not self.pick.value or self.pick.value not in ws.initiative_by_id:
            return
        t = trace_initiative(ws, self.pick.value, read_changes(self.screen.store.root), self.screen.today)
        ini = t.initiative
        head = card(
            f"{ini.id} {ini.title}",
            [
                f"Søjle: {ws.charter.pillar_name(ini.pillar)} · type: {ini.kind} · status: {ini.status}"
                + ("" if ini.progress is None else f" · fremdrift {da_percent(ini.progress)}"),
                f"Ejer: {ini.owner or '–'} · opbakning: {ini.supporters or '–'}",
            ],
        )
        parts = [
            head,
            "<h4>Beslutninger</h4>",
            html_table(
                ["Møde", "Dato", "Punkt", "Titel", "Beslutning"],
                [
                    (d.meeting, da_date(d.day, False), d.number, d.title, d.decision or "(ikke besluttet)")
                    for d in t.decisions
                ],
            )
            if t.decisions
            else "<p>Ingen dagsordenspunkter om initiativet.</p>",
        ]
        parts += [
            "<h4>Opgaver</h4>",
            html_table(
                ["Id", "Møde", "Opgave", "Frist", "Tilstand"],
                [(a.id, a.meeting, a.text, da_date(a.due, False) if a.due else "", a.state) for a in t.actions],
            )
            if t.actions
            else "<p>Ingen opgaver knyttet til initiativet.</p>",
        ]
        parts += [
            "<h4>Input og dialog</h4>",
            html_table(
                ["Id", "Dato", "Afsender", "Input"],
                [(i.id, da_date(i.date, False), i.source, i.text) for i in t.inputs],
            )
            if t.inputs
            else "<p>Intet input knyttet til initiativet.</p>",
        ]
        parts += [
            "<h4>Milepæle</h4>",
            html_table(
                ["Dato", "Milepæl", "Udført"],
                [(da_date(m.date, False), m.title, da_date(m.done, False) if m.done else "nej") for m in t.milestones],
            )
            if t.milestones
            else "<p>Ingen milepæle.</p>",
        ]
        parts += [
            "<h4>Fremdrift over tid (fra ændringsloggen)</h4>",
            html_table(
                ["Tidspunkt", "Hvem", "Felt", "Fra", "Til", "Ændring"],
                [(_when(h.time), h.who, h.field, h.old or "", h.new or "", h.what) for h in t.history],
            )
            if t.history
            else "<p>Ingen logførte ændringer af status eller fremdrift.</p>",
        ]
        if t.months:
            parts += [
                "<h4>Status ved månedens udgang (når den ændrede sig)</h4>",
                html_table(
                    ["Dato", "Status", "Fremdrift"],
                    [
                        (
                            da_date(m.day, False),
                            m.status or "(fandtes ikke)",
                            "" if m.progress is None else da_percent(m.progress),
                        )
                        for m in t.months
                    ],
                ),
            ]
        show_html(self.out, "".join(parts))
