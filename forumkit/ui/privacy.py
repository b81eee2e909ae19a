"""The 'Persondata' panel of the set-up screen: what `forumkit forget` does, as a preview and a confirmed button."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from ..edits.privacy import ForgetReport, forget
from ..model.danish import da_date
from ..storage.store import Store
from .common import button, card, show_html

__all__ = ["ForgetPanel", "forget_lines"]


def forget_lines(report: ForgetReport, dry_run: bool) -> list[str]:
    """The report in Danish for a reader: names and Danish dates, not row codes and ISO dates (the files
    forumkit leaves alone are not among these lines: see :func:`left_card`)."""
    verb = "slettes" if dry_run else "er slettet"
    people = [
        f"{name}: e-mail og telefon {verb} (opbevaringsfristen udløb {da_date(due, False)})"
        for _table, _id, name, due in report.plan
    ]
    return people + report.lines(dry_run)[len(report.plan) : len(report.lines(dry_run)) - len(report.left)]


def left_card(report: ForgetReport) -> str:
    """The files that still hold a value and that forumkit does not change, by name, in a card of their own
    (empty when there are none): the purge is not over for the secretary until they are dealt with."""
    if not report.left:
        return ""
    return card(
        f"Ikke renset: {len(report.left)} fil(er), du selv skal rette eller slette",
        [
            "Filerne er ikke lavet af forumkit (eller er ændret, siden forumkit lavede dem), så forumkit ændrer dem "
            "ikke. De indeholder stadig kontaktoplysninger, der skal slettes:",
            *report.left,
        ],
    )


class ForgetPanel(w.VBox):
    """Preview first, then a ticked confirmation, then the deletion – of exactly what was previewed."""

    def __init__(self, store: Store, today: date, after: Callable[[], None] | None = None):
        self.store, self.today, self.after = store, today, after
        self.preview_button = button("Vis, hvad der ville blive slettet", "eye")
        self.confirm = w.Checkbox(
            value=False, indent=False, disabled=True, description="Ja, slet kontaktoplysningerne ovenfor"
        )
        self.delete_button = button("Slet kontaktoplysningerne", "trash", disabled=True)
        self.delete_button.button_style = "danger"
        self.out = w.Output()
        self.previewed: ForgetReport | None = None
        self.preview_button.on_click(lambda _b: self.preview())
        self.delete_button.on_click(lambda _b: self.delete())
        self.confirm.observe(lambda _c: self._arm(), names="value")
        super().__init__(
            [
                w.HTML(
                    "<p>Kontaktoplysninger (e-mail og telefon) på personer, der er udtrådt, slettes, når "
                    "opbevaringsfristen i kommissoriet er passeret. Navn, organisation og sæde bevares, så "
                    "referaterne kan læses. Ændringsloggen og forumkits egne eksportfiler renses også. Filer, du selv "
                    "har lagt i eksportmappen eller ændret, røres ikke – de nævnes, så du kan rette dem.</p>"
                ),
                self.preview_button,
                self.out,
                self.confirm,
                self.delete_button,
            ]
        )

    def preview(self) -> ForgetReport:
        report = forget(self.store, self.today, dry_run=True)
        self.previewed = report if report else None
        self.confirm.value = False
        self.confirm.disabled = not report
        if report:
            show_html(
                self.out,
                card(f"Dette slettes pr. {da_date(self.today, False)}", forget_lines(report, True)) + left_card(report),
            )
        else:
            show_html(
                self.out,
                card(
                    "Intet at slette",
                    ["Ingen kontaktoplysninger har passeret opbevaringsfristen, og der er ingen rester at fjerne."],
                ),
            )
        self._arm()
        return report

    def _arm(self) -> None:
        self.delete_button.disabled = not (self.previewed and self.confirm.value)

    def delete(self) -> ForgetReport | None:
        if not (self.previewed and self.confirm.value):
            return None
        now = forget(self.store, self.today, dry_run=True)
        if now.plan != self.previewed.plan:  # the data changed since the preview: show it again first
            self.preview()
            show_html(
                self.out,
                card(
                    "Data er ændret siden forhåndsvisningen – se listen igen, før du sletter", forget_lines(now, True)
                ),
            )
            return None
        report = forget(self.store, self.today)
        self.previewed, self.confirm.value, self.confirm.disabled = None, False, True
        self._arm()
        show_html(self.out, card("Slettet", forget_lines(report, False)) + left_card(report))
        if self.after:
            self.after()
        return report
