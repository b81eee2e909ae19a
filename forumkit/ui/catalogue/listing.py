"""The catalogue's first tab: filter the initiatives and see them as a table."""

from __future__ import annotations

import ipywidgets as w

from ...edits.catalogue import filter_initiatives
from ...model.danish import da_date, da_kroner, da_number, da_percent
from ...model.tables import INITIATIVE_STATUSES
from ..common import button, html_table, show_html, show_text
from ..downloads import Downloads
from ..feedback import busy
from ._form import ALL, STYLE, set_options

__all__ = ["ListTab", "MAX_ROWS"]

MAX_ROWS = 200  # a table a person can read; the filters narrow it down


class ListTab(w.VBox):
    title = "Initiativer"

    def __init__(self, screen):
        self.screen = screen
        self.f_pillar = w.Dropdown(description="Søjle:", style=STYLE)
        self.f_status = w.Dropdown(description="Status:", style=STYLE,
                                   options=[("Alle", ALL)] + [(s, s) for s in INITIATIVE_STATUSES])
        self.f_colour = w.Dropdown(description="Farve:", style=STYLE)
        self.f_horizon = w.Dropdown(description="Horisont:", style=STYLE)
        self.f_owner = w.Dropdown(description="Ejer:", style=STYLE)
        self.f_network = w.Dropdown(description="Netværk:", style=STYLE)
        self.f_group = w.Dropdown(description="Arbejdsgruppe:", style=STYLE)
        self.f_text = w.Text(description="Søg:", placeholder="titel, id, ejer …", style=STYLE,
                             continuous_update=False)
        self.count = w.HTML()
        self.table_out = w.Output()
        self.shown = []
        self.export_xlsx = button("Hent listen (Excel)", "file-excel-o")
        self.export_csv = button("Hent listen (CSV)", "file-text-o")
        self.export_out = w.Output()
        self.export_files = Downloads()
        self.export_xlsx.on_click(lambda _b: self.export("xlsx"))
        self.export_csv.on_click(lambda _b: self.export("csv"))
        for widget in (self.f_pillar, self.f_status, self.f_colour, self.f_horizon, self.f_owner, self.f_network,
                       self.f_group, self.f_text):
            widget.observe(lambda _c: self.refresh_table(), names="value")
        super().__init__([w.HBox([self.f_pillar, self.f_status]), w.HBox([self.f_colour, self.f_horizon]),
                          w.HBox([self.f_owner, self.f_network]), w.HBox([self.f_group, self.f_text]),
                          self.count, self.table_out, w.HBox([self.export_xlsx, self.export_csv]),
                          self.export_out, self.export_files])

    def reload(self) -> None:
        ws = self.screen.ws
        c = ws.charter
        set_options(self.f_pillar, [("Alle", ALL)] + [(p.name, p.id) for p in c.pillars])
        set_options(self.f_colour, [("Alle", ALL)] + [(x, x) for x in c.catalogue.colours])
        set_options(self.f_horizon, [("Alle", ALL)] + [(x, x) for x in c.catalogue.horizons])
        set_options(self.f_owner, [("Alle", ALL)] + [(o, o) for o in sorted({i.owner for i in ws.initiatives
                                                                             if i.owner})])
        set_options(self.f_network, [("Alle", ALL)] + [(n.name, n.id) for n in ws.networks])
        set_options(self.f_group, [("Alle", ALL)] + [(g.name, g.id) for g in ws.working_groups])
        self.refresh_table()

    def criteria(self) -> dict:
        return dict(pillar=self.f_pillar.value or None, status=self.f_status.value or None,
                    colour=self.f_colour.value or None, horizon=self.f_horizon.value or None,
                    owner=self.f_owner.value or None, network=self.f_network.value or None,
                    working_group=self.f_group.value or None, text=self.f_text.value)

    def refresh_table(self) -> None:
        ws = getattr(self.screen, "ws", None)
        if ws is None:
            return
        self.shown = filter_initiatives(ws.initiatives, **self.criteria())
        self.export_files.clear()  # a list made with other filters must not pass for this one
        self.export_out.outputs = ()
        drawn = self.shown[:MAX_ROWS]
        more = f" – viser de første {MAX_ROWS}; brug filtrene for at se andre" if len(self.shown) > MAX_ROWS else ""
        self.count.value = (f"<b>{da_number(len(self.shown))}</b> af {da_number(len(ws.initiatives))} "
                            f"initiativer{more}")
        show_html(self.table_out, html_table(
            ["Id", "Titel", "Søjle", "Status", "Fremdrift", "Ejer", "Frist", "Budget søgt", "Budget sikret"],
            [(i.id, i.title, ws.charter.pillar_name(i.pillar), i.status,
              "" if i.progress is None else da_percent(i.progress), i.owner or "",
              da_date(i.due, False) if i.due else "",
              "" if i.budget_asked is None else da_kroner(i.budget_asked),
              "" if i.budget_secured is None else da_kroner(i.budget_secured)) for i in drawn]))

    def export(self, fmt: str):
        """The initiatives the filters show, as Excel or CSV with the catalogue's own headings, to download."""
        from ...edits.transfer import export_table
        from ...model.errors import ForumkitError

        screen = self.screen
        name = f"Idékatalog {screen.today.isoformat()}.{fmt}"
        clicked = self.export_xlsx if fmt == "xlsx" else self.export_csv
        with busy(clicked, "Laver listen …", self.export_out):
            self.export_files.clear()
            try:
                path = export_table(screen.ws.with_table("initiatives", list(self.shown)), "initiatives", fmt,
                                    screen.store.root / "eksport" / name, workspace=screen.store.root)
            except (OSError, ForumkitError) as exc:
                show_text(self.export_out, f"Kunne ikke gemme {name}: {exc}")
                return None
            self.export_files.offer([path], "Hent listen")
        show_text(self.export_out, f"{name} er klar med {da_number(len(self.shown))} initiativer. Hent den herunder.")
        return path
