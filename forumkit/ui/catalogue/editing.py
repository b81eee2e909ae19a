"""The catalogue's edit tab: change an initiative along its workflow, or create a new one."""

from __future__ import annotations

from html import escape

import ipywidgets as w

from ...edits.catalogue import TRANSITIONS, create_initiative, implied_progress, update_initiative
from ...edits.milestones import add_milestone, mark_milestone, remove_milestone, update_milestone
from ...model.danish import da_date, da_number
from ...model.errors import ForumkitError
from ...model.tables import INITIATIVE_KINDS, INITIATIVE_STATUSES
from ..common import DAY_RANGE, button, html_table, show_html, show_text
from ._form import STYLE, set_options, wide

__all__ = ["EditTab"]


class EditTab(w.VBox):
    title = "Redigér"

    def __init__(self, screen):
        self.screen = screen
        self.pick = w.Dropdown(description="Initiativ:", style=STYLE, layout=wide())
        self.e_title = w.Text(description="Titel:", style=STYLE, layout=wide())
        self.e_pillar = w.Dropdown(description="Søjle:", style=STYLE, layout=wide())
        self.e_kind = w.Dropdown(description="Type:", style=STYLE, options=INITIATIVE_KINDS)
        self.e_colour = w.Dropdown(description="Farve:", style=STYLE)
        self.e_horizon = w.Dropdown(description="Horisont:", style=STYLE)
        self.e_hours = w.Text(description="Timer:", style=STYLE, placeholder="fx 120, eller tom")
        self.e_supporters = w.Text(
            description="Opbakning:",
            style=STYLE,
            layout=wide(),
            placeholder="hvem bakker op (virksomheder, foreninger)",
        )
        self.e_description = w.Textarea(description="Beskrivelse:", style=STYLE, layout=wide())
        self.e_status = w.Dropdown(description="Status:", style=STYLE, options=INITIATIVE_STATUSES)
        self.e_progress = w.Text(description="Fremdrift (%):", style=STYLE, placeholder="0–100 eller tom")
        self.e_owner = w.Text(description="Ejer:", style=STYLE, layout=wide())
        self.e_start = w.DatePicker(description="Start:", style=STYLE, **DAY_RANGE)
        self.e_due = w.DatePicker(description="Frist:", style=STYLE, **DAY_RANGE)
        self.e_asked = w.Text(description="Budget søgt (kr.):", style=STYLE)
        self.e_secured = w.Text(description="Budget sikret (kr.):", style=STYLE)
        self.e_group = w.Dropdown(description="Arbejdsgruppe:", style=STYLE, layout=wide())
        self.e_network = w.Dropdown(description="Netværk:", style=STYLE, layout=wide())
        self.e_next = w.Text(description="Næste skridt:", style=STYLE, layout=wide())
        self.hint = w.HTML()
        self.save = button("Gem ændringer", "check", primary=True)
        self.n_title = w.Text(description="Titel:", style=STYLE, layout=wide())
        self.n_pillar = w.Dropdown(description="Søjle:", style=STYLE, layout=wide())
        self.n_kind = w.Dropdown(description="Type:", style=STYLE, options=INITIATIVE_KINDS)
        self.n_colour = w.Dropdown(description="Farve:", style=STYLE)
        self.n_horizon = w.Dropdown(description="Horisont:", style=STYLE)
        self.n_owner = w.Text(
            description="Ejer:", style=STYLE, layout=wide(), placeholder="for private initiativer: virksomheden"
        )
        self.create = button("Opret initiativ", "plus")
        self.ms_out = w.Output()
        self.ms_day = w.DatePicker(description="Dato:", value=screen.today, style=STYLE, **DAY_RANGE)
        self.ms_title = w.Text(description="Milepæl:", style=STYLE, layout=wide())
        self.ms_add = button("Tilføj milepæl", "flag")
        self.ms_pick = w.Dropdown(description="Milepæl:", style=STYLE, layout=wide())
        self.ms_done = w.DatePicker(description="Udført den:", value=screen.today, style=STYLE, **DAY_RANGE)
        self.ms_mark = button("Markér som udført", "check")
        self.ms_unmark = button("Markér som ikke udført", "undo")
        self.ms_new_title = w.Text(description="Ny titel:", style=STYLE, layout=wide())
        self.ms_new_day = w.DatePicker(description="Ny dato:", style=STYLE, **DAY_RANGE)
        self.ms_save = button("Gem milepælen", "check")
        self.ms_confirm = w.Checkbox(value=False, indent=False, description="Ja, fjern den valgte milepæl")
        self.ms_remove = button("Fjern milepælen", "trash", disabled=True)
        self.ms_remove.button_style = "danger"
        self.ms_pick.observe(lambda _c: self._fill_milestone(), names="value")
        self.ms_confirm.observe(lambda _c: self._arm_remove(), names="value")
        self.ms_save.on_click(self._on_edit_milestone)
        self.ms_remove.on_click(self._on_remove_milestone)
        self.ms_add.on_click(self._on_milestone)
        self.ms_mark.on_click(lambda _b: self._on_mark(done=True))
        self.ms_unmark.on_click(lambda _b: self._on_mark(done=False))
        self._filling = False
        self.pick.observe(lambda _c: self.fill_form(), names="value")
        self.e_status.observe(self._on_status, names="value")
        for widget in (
            self.e_status,
            self.e_progress,
            self.e_owner,
            self.e_start,
            self.e_due,
            self.e_asked,
            self.e_secured,
            self.e_group,
            self.e_network,
            self.e_next,
            self.e_title,
            self.e_pillar,
            self.e_kind,
            self.e_colour,
            self.e_horizon,
            self.e_hours,
            self.e_supporters,
            self.e_description,
        ):
            widget.observe(lambda _c: self.validate(), names="value")
        self.save.on_click(self._on_save)
        self.create.on_click(self._on_create)
        super().__init__(
            [
                self.pick,
                self.e_title,
                self.e_pillar,
                self.e_kind,
                self.e_colour,
                self.e_horizon,
                self.e_status,
                self.e_progress,
                self.e_owner,
                self.e_start,
                self.e_due,
                self.e_asked,
                self.e_secured,
                self.e_hours,
                self.e_group,
                self.e_network,
                self.e_next,
                self.e_supporters,
                self.e_description,
                self.hint,
                self.save,
                w.HTML("<h4>Milepæle</h4>"),
                self.ms_out,
                self.ms_day,
                self.ms_title,
                self.ms_add,
                self.ms_pick,
                self.ms_done,
                w.HBox([self.ms_mark, self.ms_unmark]),
                self.ms_new_title,
                self.ms_new_day,
                self.ms_save,
                self.ms_confirm,
                self.ms_remove,
                w.HTML("<h4>Nyt initiativ</h4>"),
                self.n_title,
                self.n_pillar,
                self.n_kind,
                self.n_colour,
                self.n_horizon,
                self.n_owner,
                self.create,
            ]
        )

    def reload(self) -> None:
        ws = self.screen.ws
        c = ws.charter
        groups = [(g.name, g.id) for g in ws.working_groups]
        networks = [(n.name, n.id) for n in ws.networks]
        set_options(self.e_group, [("(ingen)", "")] + groups)
        set_options(self.e_network, [("(intet)", "")] + networks)
        set_options(self.n_pillar, [(p.name, p.id) for p in c.pillars])
        set_options(self.e_pillar, [(p.name, p.id) for p in c.pillars])
        set_options(self.e_colour, [("(ingen)", "")] + [(x, x) for x in c.catalogue.colours])
        set_options(self.e_horizon, [("(ingen)", "")] + [(x, x) for x in c.catalogue.horizons])
        set_options(self.n_colour, [("(ingen)", "")] + [(x, x) for x in c.catalogue.colours])
        set_options(self.n_horizon, [("(ingen)", "")] + [(x, x) for x in c.catalogue.horizons])
        set_options(self.pick, [(f"{i.id} {i.title}", i.id) for i in ws.initiatives])
        self.fill_form()

    def fill_form(self) -> None:
        ws = getattr(self.screen, "ws", None)
        ini = ws.initiative_by_id.get(self.pick.value) if ws is not None else None
        if ini is None:
            return
        self._filling = True
        self.e_status.options = [ini.status, *TRANSITIONS[ini.status]]
        self.e_status.value = ini.status
        self.e_progress.value = "" if ini.progress is None else str(ini.progress)
        self.e_owner.value = ini.owner or ""
        self.e_start.value, self.e_due.value = ini.start, ini.due
        self.e_asked.value = "" if ini.budget_asked is None else da_number(ini.budget_asked)
        self.e_secured.value = "" if ini.budget_secured is None else da_number(ini.budget_secured)
        self.e_group.value = ini.working_group or ""
        self.e_network.value = ini.network or ""
        self.e_next.value = ini.next_step or ""
        self.e_title.value = ini.title
        if ini.pillar in [o[1] for o in self.e_pillar.options]:
            self.e_pillar.value = ini.pillar
        self.e_kind.value = ini.kind
        self.e_colour.value = ini.colour if ini.colour in [o[1] for o in self.e_colour.options] else ""
        self.e_horizon.value = ini.horizon if ini.horizon in [o[1] for o in self.e_horizon.options] else ""
        self.e_hours.value = "" if ini.hours is None else da_number(ini.hours)
        self.e_supporters.value = ini.supporters or ""
        self.e_description.value = ini.description or ""
        self._filling = False
        self.draw_milestones()
        self.validate()

    def _on_status(self, change) -> None:
        implied = implied_progress(change["new"])
        if not self._filling and implied is not None:
            self.e_progress.value = str(implied)

    def changes(self) -> dict:
        return dict(
            status=self.e_status.value,
            progress=self.e_progress.value.strip() or None,
            owner=self.e_owner.value.strip() or None,
            start=self.e_start.value,
            due=self.e_due.value,
            budget_asked=self.e_asked.value.strip() or None,
            budget_secured=self.e_secured.value.strip() or None,
            working_group=self.e_group.value or None,
            network=self.e_network.value or None,
            next_step=self.e_next.value.strip() or None,
            title=self.e_title.value.strip(),
            pillar=self.e_pillar.value,
            kind=self.e_kind.value,
            colour=self.e_colour.value or None,
            horizon=self.e_horizon.value or None,
            hours=self.e_hours.value.strip() or None,
            supporters=self.e_supporters.value.strip() or None,
            description=self.e_description.value.strip() or None,
        )

    def validate(self) -> bool:
        """Try the change on the loaded data without saving, and say what it would do."""
        ws = getattr(self.screen, "ws", None)
        if self._filling or ws is None or not self.pick.value:
            return False
        changes = self.changes()
        try:
            update_initiative(ws, self.pick.value, self.screen.today, **changes)
        except ForumkitError as exc:
            self.hint.value = f"<span style='color:#b2182b'>⚠ {escape(str(exc))}</span>"
            self.save.disabled = True
            return False
        implied = implied_progress(changes["status"])
        note = f" (fremdrift sættes til {implied} %)" if implied is not None else ""
        self.hint.value = f"<span style='color:#1a7f37'>✓ Klar til at gemme{note}</span>"
        self.save.disabled = False
        return True

    def _on_save(self, _b=None) -> None:
        iid, changes, today = self.pick.value, self.changes(), self.screen.today
        self.screen._apply(
            lambda ws: update_initiative(ws, iid, today, **changes), f"initiativ {iid}", f"{iid} er gemt."
        )

    def _on_create(self, _b=None) -> None:
        args = dict(
            title=self.n_title.value.strip(),
            pillar=self.n_pillar.value,
            kind=self.n_kind.value,
            colour=self.n_colour.value or None,
            horizon=self.n_horizon.value or None,
            owner=self.n_owner.value.strip() or None,
        )
        today = self.screen.today
        if self.screen._apply(
            lambda ws: create_initiative(ws, today=today, **args),
            "nyt initiativ",
            f"Initiativet '{args['title']}' er oprettet.",
        ):
            self.n_title.value = self.n_owner.value = ""

    def draw_milestones(self) -> None:
        """The picked initiative's milestones, in date order, with done or not."""
        ws = getattr(self.screen, "ws", None)
        if ws is None:
            return
        rows = sorted((m for m in ws.milestones if m.initiative == self.pick.value), key=lambda m: (m.date, m.id))
        set_options(self.ms_pick, [(f"{m.id} {m.title} ({da_date(m.date, False)})", m.id) for m in rows])
        self._fill_milestone()
        if not rows:
            show_text(self.ms_out, "Initiativet har ingen milepæle endnu.")
            return
        show_html(
            self.ms_out,
            html_table(
                ["Id", "Dato", "Milepæl", "Udført"],
                [
                    (m.id, da_date(m.date, False), m.title, f"ja, {da_date(m.done, False)}" if m.done else "nej")
                    for m in rows
                ],
            ),
        )

    def _on_milestone(self, _b=None) -> None:
        iid, day, title = self.pick.value, self.ms_day.value, self.ms_title.value.strip()
        if not iid or day is None or not title:
            show_text(self.screen.message, "Vælg et initiativ, en dato og skriv milepælen.")
            return
        if self.screen._apply(
            lambda ws: add_milestone(ws, iid, day=day, title=title),
            f"milepæl {iid}",
            f"Milepælen '{title}' er tilføjet {iid}.",
        ):
            self.ms_title.value = ""

    def _on_mark(self, done: bool) -> None:
        mid = self.ms_pick.value
        if not mid:
            show_text(self.screen.message, "Vælg en milepæl.")
            return
        day = self.ms_done.value if done else None
        if done and day is None:
            show_text(self.screen.message, "Vælg datoen, milepælen blev udført.")
            return
        today = self.screen.today
        self.screen._apply(
            lambda ws: mark_milestone(ws, mid, day, today),
            f"milepæl {mid}",
            f"{mid} er markeret som {'udført' if done else 'ikke udført'}.",
        )

    def _fill_milestone(self) -> None:
        """The picked milestone's title and date into the fields that change them; removal unticked again."""
        ws = getattr(self.screen, "ws", None)
        row = next((m for m in ws.milestones if m.id == self.ms_pick.value), None) if ws is not None else None
        self.ms_new_title.value = row.title if row else ""
        self.ms_new_day.value = row.date if row else None
        self.ms_confirm.value = False
        self._arm_remove()

    def _arm_remove(self) -> None:
        self.ms_remove.disabled = not (self.ms_pick.value and self.ms_confirm.value)

    def _on_edit_milestone(self, _b=None) -> None:
        mid, title, day = self.ms_pick.value, self.ms_new_title.value.strip(), self.ms_new_day.value
        if not mid:
            show_text(self.screen.message, "Vælg en milepæl.")
            return
        if not title or day is None:
            show_text(self.screen.message, "Skriv milepælens titel og vælg dens dato.")
            return
        self.screen._apply(
            lambda ws: update_milestone(ws, mid, title=title, date=day),
            f"milepæl {mid} rettet",
            f"Milepælen {mid} er rettet: '{title}', {da_date(day, False)}.",
        )

    def _on_remove_milestone(self, _b=None) -> None:
        mid = self.ms_pick.value
        if not (mid and self.ms_confirm.value):
            show_text(self.screen.message, "Vælg milepælen og sæt flueben ved 'Ja, fjern den valgte milepæl'.")
            return
        ws = self.screen.ws
        row = next((m for m in ws.milestones if m.id == mid), None)
        title = row.title if row else mid
        if self.screen._apply(
            lambda ws: remove_milestone(ws, mid),
            f"milepæl {mid} fjernet",
            f"Milepælen {mid} ('{title}') er fjernet. Ændringsloggen gemmer den.",
        ):
            self.ms_confirm.value = False
        self._arm_remove()
