"""The catalogue's progress tab: the roll-up per pillar, network or working group, and why a figure is what it is."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ...model.danish import da_number, da_percent
from ...rules.rollup import explain, rollup
from ..common import html_table, show_html, show_text
from ._form import STYLE, set_options, wide

__all__ = ["ProgressTab"]


def _cell(value):
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return da_number(value, 1) if isinstance(value, float) else value


class ProgressTab(w.VBox):
    title = "Fremdrift"

    def __init__(self, screen):
        self.screen = screen
        self.by = w.ToggleButtons(
            options=[("Søjle", "pillar"), ("Netværk", "network"), ("Arbejdsgruppe", "working_group")],
            description="Opgør pr.:",
        )
        self.rollup_out = w.Output()
        self.explain_key = w.Dropdown(description="Forklar:", style=STYLE, layout=wide())
        self.explain_out = w.Output()
        self.figures = []
        self.explanation = ""
        self.by.observe(lambda _c: self.reload(), names="value")
        self.explain_key.observe(lambda _c: self.draw_explain(), names="value")
        super().__init__([self.by, self.rollup_out, self.explain_key, self.explain_out])

    def reload(self) -> None:
        self.figures = rollup(self.screen.ws, self.by.value)
        rows = [(r.name, "–" if r.value is None else da_percent(r.value), r.counted, r.total) for r in self.figures]
        rule = self.figures[0].rule if self.figures else ""
        show_html(
            self.rollup_out,
            html_table(["Gruppe", "Fremdrift", "Talt med", "I alt"], rows) + f"<p><i>Regel: {escape(rule)}</i></p>",
        )
        set_options(self.explain_key, [(r.name, r.key) for r in self.figures])
        self.draw_explain()

    def draw_explain(self) -> None:
        if not self.explain_key.value:
            show_text(self.explain_out, "")
            return
        table, figure = explain(self.screen.ws, self.explain_key.value, self.by.value)
        value = "–" if figure.value is None else da_percent(figure.value)
        head = f"Hvorfor står {figure.name} på {value}? {figure.counted} af {figure.total} initiativer tæller med."
        rows = table.astype(object).where(table.notna(), None).values.tolist()
        show_html(
            self.explain_out,
            f"<p><b>{escape(head)}</b></p>"
            + html_table(list(table.columns), [[_cell(v) for v in row] for row in rows]),
        )
        self.explanation = head
