"""The catalogue's first tab: filter the initiatives and see them as a table."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ...edits.catalogue import filter_frame
from ...model.danish import da_date, da_kroner, da_number, da_percent
from ...model.tables import INITIATIVE_KINDS, INITIATIVE_STATUSES
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
        self.f_status = w.Dropdown(
            description="Status:", style=STYLE, options=[("Alle", ALL)] + [(s, s) for s in INITIATIVE_STATUSES]
        )
        self.f_colour = w.Dropdown(description="Farve:", style=STYLE)
        self.f_horizon = w.Dropdown(description="Horisont:", style=STYLE)
        self.f_owner = w.Dropdown(description="Ejer:", style=STYLE)
        self.f_network = w.Dropdown(description="Netværk:", style=STYLE)
        self.f_group = w.Dropdown(description="Arbejdsgruppe:", style=STYLE)
        self.f_kind = w.Dropdown(
            description="Type:", style=STYLE, options=[("Alle", ALL)] + [(k, k) for k in INITIATIVE_KINDS]
        )
        self.f_text = w.Text(description="Søg:", placeholder="titel, id, ejer …", style=STYLE, continuous_update=False)
        self.count = w.HTML()
        self.table_out = w.Output()
        self.export_xlsx = button("Hent listen (Excel)", "file-excel-o")
        self.export_csv = button("Hent listen (CSV)", "file-text-o")
        self.export_out = w.Output()
        self.export_files = Downloads()
        self.export_xlsx.on_click(lambda _b: self.export("xlsx"))
        self.export_csv.on_click(lambda _b: self.export("csv"))
        for widget in (
            self.f_pillar,
            self.f_status,
            self.f_colour,
            self.f_horizon,
            self.f_owner,
            self.f_network,
            self.f_group,
            self.f_text,
            self.f_kind,
        ):
            widget.observe(lambda _c: self.refresh_table(), names="value")
        super().__init__(
            [
                w.HBox([self.f_pillar, self.f_status]),
                w.HBox([self.f_colour, self.f_horizon]),
                w.HBox([self.f_owner, self.f_network]),
                w.HBox([self.f_group, self.f_text]),
                w.HBox([self.f_kind]),
                self.count,
                self.table_out,
                w.HBox([self.export_xlsx, self.export_csv]),
                self.export_out,
                self.export_files,
            ]
        )

    def reload(self) -> None:
        ws = self.screen.ws
        c = ws.charter
        set_options(self.f_pillar, [("Alle", ALL)] + [(p.name, p.id) for p in c.pillars])
        set_options(self.f_colour, [("Alle", ALL)] + [(x, x) for x in c.catalogue.colours])
        set_options(self.f_horizon, [("Alle", ALL)] + [(x, x) for x in c.catalogue.horizons])
        set_options(
            self.f_owner, [("Alle", ALL)] + [(o, o) for o in sorted({i.owner for i in ws.initiatives if i.owner})]
        )
        set_options(self.f_network, [("Alle", ALL)] + [(n.name, n.id) for n in ws.networks])
        set_options(self.f_group, [("Alle", ALL)] + [(g.name, g.id) for g in ws.working_groups])
        self.refresh_table()

    def criteria(self) -> dict:
        return dict(
            pillar=self.f_pillar.value or None,
            status=self.f_status.value or None,
            colour=self.f_colour.value or None,
            horizon=self.f_horizon.value or None,
            owner=self.f_owner.value or None,
            network=self.f_network.value or None,
            working_group=self.f_group.value or None,
            text=self.f_text.value,
            kind=self.f_kind.value or None,
        )

    def refresh_table(self) -> None:
        ws = getattr(self.screen, "ws", None)
        if ws is None:
            return
        frame = ws.base_frame("initiatives")
        self.shown_frame = shown = filter_frame(frame, **self.criteria())
        self.export_files.clear()  # a list made with other filters must not pass for this one
        self.export_out.outputs = ()
        drawn = shown.head(MAX_ROWS)
        more = f" – viser de første {MAX_ROWS}; brug filtrene for at se andre" if len(shown) > MAX_ROWS else ""
        self.count.value = f"<b>{da_number(len(shown))}</b> af {da_number(len(frame))} initiativer{more}"
        columns = (
            "id",
            "title",
            "pillar",
            "kind",
            "status",
            "progress",
            "owner",
            "due",
            "budget_asked",
            "budget_secured",
        )
        show_html(
            self.table_out,
            html_table(
                [
                    "Id",
                    "Titel",
                    "Søjle",
                    "Type",
                    "Status",
                    "Fremdrift",
                    "Ejer",
                    "Frist",
                    "Budget søgt",
                    "Budget sikret",
                ],
                [
                    (
                        i,
                        title,
                        ws.charter.pillar_name(pillar),
                        str(kind),
                        str(status),
                        "" if _number(progress) is None else da_percent(_number(progress)),
                        _text(owner),
                        "" if pd.isna(due) else da_date(due.date(), False),
                        "" if _number(asked) is None else da_kroner(_number(asked)),
                        "" if _number(secured) is None else da_kroner(_number(secured)),
                    )
                    for i, title, pillar, kind, status, progress, owner, due, asked, secured in zip(
                        *(drawn[c].tolist() for c in columns), strict=False
                    )
                ],
            ),
        )

    @property
    def shown(self) -> list:
        """The initiatives the filters show, as records."""
        rows = self.screen.ws.initiatives
        return [rows[i] for i in self.shown_frame.index]

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
                path = export_table(
                    screen.ws.with_table("initiatives", list(self.shown)),
                    "initiatives",
                    fmt,
                    screen.store.root / "eksport" / name,
                    workspace=screen.store.root,
                )
            except (OSError, ForumkitError) as exc:
                show_text(self.export_out, f"Kunne ikke gemme {name}: {exc}")
                return None
            self.export_files.offer([path], "Hent listen")
        show_text(self.export_out, f"{name} er klar med {da_number(len(self.shown))} initiativer. Hent den herunder.")
        return path


def _text(value) -> str:
    return "" if value is None or value is pd.NA or value != value else str(value)


def _number(value) -> int | None:
    return None if value is pd.NA or value is None else int(value)
