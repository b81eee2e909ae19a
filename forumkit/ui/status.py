"""Screen 'Årsstatus': pick the year and the charts, see them inline, export the bundle for the council."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as w

from ..model.errors import ForumkitError
from ..rules.status_data import CHARTS, chart_data, year_facts
from ..storage.store import Store, read_changes
from .common import Screen, button, card, html_table, show_html, show_text
from .council import CouncilSection
from .downloads import Downloads
from .feedback import busy

__all__ = ["StatusScreen", "chart_alt", "chart_figure_html"]


def chart_alt(chart) -> str:
    """The chart's alt text: what kind of chart, its headline, its takeaway and the figures behind it."""
    from ..documents.charts import CHART_KINDS
    from ..rules.status_data import chart_summary

    parts = [f"{CHART_KINDS.get(chart.key, 'Diagram')}: {chart.title}", chart.takeaway, chart_summary(chart)]
    return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."


def chart_figure_html(chart, png: bytes) -> str:
    """A chart as an <img> with alt text (a screen reader hears the takeaway and the numbers) and a caption."""
    import base64
    from html import escape

    data = base64.b64encode(png).decode("ascii")
    return (
        f"<figure style='margin:12px 0'><img src='data:image/png;base64,{data}' alt='{escape(chart_alt(chart))}'"
        f" style='max-width:900px;width:100%;height:auto'><figcaption>{escape(chart.takeaway)}</figcaption></figure>"
    )


def show_html_append(out, html: str) -> None:
    from IPython.display import HTML

    out.append_display_data(HTML(html))


class StatusScreen(Screen, w.VBox):
    """The annual status: choose, look, export."""

    def __init__(self, store: Store, today: date, out_dir: Path | None = None):
        self.store, self.today = store, today
        self.out_dir = Path(out_dir) if out_dir else store.root / "eksport"
        self.year = w.Dropdown(description="År:", options=[today.year], value=today.year)
        self.chart_boxes = {
            key: w.Checkbox(value=True, description=title, indent=False) for key, title in CHARTS.items()
        }
        self.show_button = button("Vis graferne", "bar-chart")
        self.export_button = button("Gem årsstatus (præsentation, sagsfremstilling, grafer)", "download", primary=True)
        self.with_pdf = w.Checkbox(
            description="Lav også sagsfremstilling og præsentation som PDF (kræver LibreOffice)",
            value=True,
            indent=False,
            layout=w.Layout(width="auto"),
        )
        self.facts_out, self.charts_out, self.message = w.Output(), w.Output(), w.Output()
        self.downloads = Downloads()
        self.year.observe(lambda _c: self.render(), names="value")
        self.show_button.on_click(lambda _b: self.show_charts())
        self.export_button.on_click(lambda _b: self.export())
        self.council = CouncilSection(self)
        super().__init__(
            [
                self.year,
                w.HTML("<b>Grafer i rapporten</b>"),
                w.VBox(list(self.chart_boxes.values())),
                w.HBox([self.show_button, self.export_button]),
                self.with_pdf,
                self.message,
                self.downloads,
                self.facts_out,
                self.charts_out,
                self.council,
            ]
        )
        self.reload()

    def reload(self) -> None:
        if not self.load_into(self.facts_out):
            return
        self.changes = read_changes(self.store.root)
        self.council.reload()
        years = sorted({m.date.year for m in self.ws.meetings if m.date <= self.today} | {self.today.year})
        wanted = self.year.value if self.year.value in years else years[-1]
        if list(self.year.options) != years:
            self.year.options = years
        if self.year.value != wanted:
            self.year.value = wanted  # redraws through the observer
        else:
            self.render()

    def chosen(self) -> list[str]:
        return [key for key, box in self.chart_boxes.items() if box.value]

    def render(self) -> None:
        from ..documents.case_note import case_facts, private_facts

        year = self.year.value
        try:
            facts = year_facts(self.ws, self.changes, year, self.today)
        except ForumkitError as exc:
            show_text(self.facts_out, str(exc))
            return
        previous = (
            year_facts(self.ws, self.changes, year - 1, self.today) if year - 1 >= min(self.year.options) else None
        )
        self.facts = facts
        self.data = chart_data(self.ws, self.changes, year, self.today)
        if self.downloads.files and getattr(self, "bundle_year", None) != year:
            self.downloads.clear()  # another year's files would be mistaken for this one's
        dates = {m.id: m.date for m in self.ws.meetings}  # meetings by their Danish date, never by id
        show_html(
            self.facts_out,
            card(f"Årsstatus {year}", case_facts(facts, previous, dates))
            + card("Private erhvervsinitiativer", private_facts(facts))
            + html_table(["Graf", "Hovedpunkt"], [(c.title, c.takeaway) for c in self.data]),
        )
        self.charts_out.outputs = ()

    def show_charts(self) -> None:
        with busy(self.show_button, "Tegner graferne …"):
            self._draw_charts()

    def _draw_charts(self) -> None:
        from ..documents.charts import draw
        from ..documents.style import save_figure

        self.charts_out.outputs = ()
        pillars = [p.name for p in self.ws.charter.pillars]
        import tempfile

        with tempfile.TemporaryDirectory(prefix="forumkit-grafer-") as scratch:  # gone again after the drawing
            folder = Path(scratch)
            for chart in self.data:
                if chart.key in self.chosen():
                    path = save_figure(
                        draw(chart, self.ws.charter.forum.municipality, self.facts.as_of, pillars),
                        folder / f"{chart.key}.png",
                    )
                    show_html_append(self.charts_out, chart_figure_html(chart, path.read_bytes()))

    def export(self):
        """Write the bundle in the workspace's export folder and offer it as one zip and as single files."""
        from ..documents.pdf import screen_note
        from ..documents.status_report import write_status_report
        from ..model.danish import da_date

        year = self.year.value
        target = self.out_dir / f"Årsstatus {year}"
        with busy(self.export_button, f"Gemmer årsstatus {year} …", self.message):
            self.downloads.clear()
            try:
                bundle = write_status_report(
                    self.ws, self.store.root, year, target, self.today, self.chosen(), pdf=self.with_pdf.value
                )
            except (ForumkitError, OSError) as exc:
                show_text(self.message, f"Ikke gemt: {exc}")
                return None
            self.bundle, self.bundle_year = bundle, year
            self.downloads.offer(
                bundle.files, f"Hent årsstatus {year}", base=bundle.folder, zip_name=f"Årsstatus {year}.zip"
            )
        show_text(
            self.message,
            f"Årsstatus {year} er klar: {len(bundle.files)} filer (data pr. "
            f"{da_date(self.facts.as_of, False)}). Hent dem samlet som zip-fil eller enkeltvis "
            f"herunder." + "".join(f"\n{screen_note(n)}" for n in bundle.notes),
        )
        return bundle
