"""The catalogue's dialogue tab: inputs from businesses (who said what, when), linked to initiatives."""

from __future__ import annotations

import ipywidgets as w

from ...edits.inputs import add_input, remove_input, update_input
from ...model.danish import da_date
from ..common import DAY_RANGE, button, html_table, show_html, show_text
from ._form import ALL, STYLE, set_options, wide

__all__ = ["InputsTab"]

NEW = ""  # the "Nyt input" choice of the picker


class InputsTab(w.VBox):
    title = "Input og dialog"

    def __init__(self, screen):
        self.screen = screen
        self.f_initiative = w.Dropdown(description="Vis for:", style=STYLE, layout=wide())
        self.table_out = w.Output()
        self.pick = w.Dropdown(description="Input:", style=STYLE, layout=wide())
        self.i_day = w.DatePicker(description="Dato:", value=screen.today, style=STYLE, **DAY_RANGE)
        self.i_source = w.Text(
            description="Afsender:", style=STYLE, layout=wide(), placeholder="virksomhed, forening eller person"
        )
        self.i_text = w.Textarea(description="Input:", style=STYLE, layout=wide())
        self.i_meeting = w.Dropdown(description="Møde:", style=STYLE, layout=wide())
        self.i_initiatives = w.SelectMultiple(description="Initiativer:", style=STYLE, layout=wide(), rows=6)
        self.save = button("Gem input", "comment", primary=True)
        self.remove = button("Fjern input", "trash")
        self._filling = False
        self.f_initiative.observe(lambda _c: self.draw(), names="value")
        self.pick.observe(lambda _c: self.fill_form(), names="value")
        self.save.on_click(self._on_save)
        self.remove.on_click(self._on_remove)
        super().__init__(
            [
                w.HTML(
                    "<p>Forummet er en platform for dialog og erfaringsudveksling: skriv input fra "
                    "virksomheder ned og knyt dem til de initiativer, de handler om.</p>"
                ),
                self.f_initiative,
                self.table_out,
                w.HTML("<h4>Skriv eller ret et input</h4>"),
                self.pick,
                self.i_day,
                self.i_source,
                self.i_text,
                self.i_meeting,
                self.i_initiatives,
                w.HBox([self.save, self.remove]),
            ]
        )

    def reload(self) -> None:
        ws = self.screen.ws
        initiatives = [(f"{i.id} {i.title}", i.id) for i in ws.initiatives]
        set_options(self.f_initiative, [("Alle initiativer", ALL)] + initiatives)
        set_options(
            self.i_meeting,
            [("(intet møde)", "")]
            + [(f"{m.id} ({da_date(m.date, False)})", m.id) for m in sorted(ws.meetings, key=lambda m: m.date)],
        )
        chosen = [v for v in self.i_initiatives.value if v in ws.initiative_by_id]
        self.i_initiatives.options = initiatives
        self.i_initiatives.value = tuple(chosen)
        set_options(
            self.pick, [("(nyt input)", NEW)] + [(f"{i.id} {i.source}: {i.text[:40]}", i.id) for i in ws.inputs]
        )
        self.draw()
        self.fill_form()

    def draw(self) -> None:
        ws = getattr(self.screen, "ws", None)
        if ws is None:
            return
        wanted = self.f_initiative.value
        rows = sorted((i for i in ws.inputs if not wanted or wanted in i.initiatives), key=lambda i: (i.date, i.id))
        if not rows:
            show_text(self.table_out, "Ingen input endnu." if not wanted else f"Ingen input om {wanted}.")
            return
        show_html(
            self.table_out,
            html_table(
                ["Id", "Dato", "Afsender", "Input", "Møde", "Initiativer"],
                [
                    (
                        i.id,
                        da_date(i.date, False),
                        i.source,
                        i.text,
                        i.meeting or "",
                        ", ".join(
                            f"{x} {ws.initiative_by_id[x].title}" if x in ws.initiative_by_id else x
                            for x in i.initiatives
                        ),
                    )
                    for i in rows
                ],
            ),
        )

    def fill_form(self) -> None:
        ws = getattr(self.screen, "ws", None)
        if ws is None:
            return
        row = next((i for i in ws.inputs if i.id == self.pick.value), None)
        self._filling = True
        if row is None:
            self.i_source.value = self.i_text.value = ""
            self.i_meeting.value = ""
            self.i_initiatives.value = ()
            self.remove.disabled = True
        else:
            self.i_day.value = row.date
            self.i_source.value, self.i_text.value = row.source, row.text
            self.i_meeting.value = row.meeting if row.meeting in [o[1] for o in self.i_meeting.options] else ""
            self.i_initiatives.value = tuple(x for x in row.initiatives if x in ws.initiative_by_id)
            self.remove.disabled = False
        self._filling = False

    def _fields(self) -> dict:
        return dict(
            day=self.i_day.value,
            source=self.i_source.value.strip(),
            text=self.i_text.value.strip(),
            meeting=self.i_meeting.value or None,
            initiatives=tuple(self.i_initiatives.value),
        )

    def _on_save(self, _b=None) -> None:
        f = self._fields()
        if not f["source"] or not f["text"] or f["day"] is None:
            show_text(self.screen.message, "Skriv afsender, input og dato.")
            return
        picked = self.pick.value
        if picked == NEW:
            if self.screen._apply(lambda ws: add_input(ws, **f), "nyt input", f"Input fra {f['source']} er gemt."):
                self.pick.value = self.screen.ws.inputs[-1].id if self.screen.ws.inputs else NEW
            return
        changes = dict(
            date=f["day"], source=f["source"], text=f["text"], meeting=f["meeting"], initiatives=f["initiatives"]
        )
        self.screen._apply(lambda ws: update_input(ws, picked, **changes), f"input {picked}", f"{picked} er gemt.")

    def _on_remove(self, _b=None) -> None:
        picked = self.pick.value
        if picked == NEW:
            return
        if self.screen._apply(
            lambda ws: remove_input(ws, picked),
            f"input {picked} fjernet",
            f"{picked} er fjernet (ændringsloggen gemmer, hvad det sagde).",
        ):
            self.pick.value = NEW
