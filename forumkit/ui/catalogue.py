"""Screen 'Idékatalog': filter and edit initiatives, the green 1–3 year list, the explained roll-up,
working groups and networks, and importing a catalogue sheet. Widgets only; rules live in forumkit."""

from __future__ import annotations

import tempfile
from datetime import date
from html import escape
from pathlib import Path

import ipywidgets as w

from ..edits.catalogue import (
    TRANSITIONS,
    add_group_member,
    add_network_event,
    create_initiative,
    create_working_group,
    filter_initiatives,
    update_initiative,
)
from ..edits.transfer import (
    IGNORE,
    apply_import,
    load_mapping,
    preview_import,
    save_mapping,
)
from ..model.danish import da_date, da_number
from ..model.errors import ForumkitError
from ..model.tables import INITIATIVE_KINDS, INITIATIVE_STATUSES, TABLES
from ..rules.catalogue_rules import green_list
from ..rules.rollup import explain, rollup
from ..storage.store import Store
from .common import Screen, button, html_table, show_html, show_text

__all__ = ["CatalogueScreen"]

_STYLE = {"description_width": "130px"}


def _wide() -> w.Layout:
    """A fresh layout per widget: a shared Layout would hide every widget when one is hidden."""
    return w.Layout(width="520px")
ALL = ""
MAX_ROWS = 200  # a table a person can read; the filters narrow it down


def _kr(value: int | None) -> str:
    return "" if value is None else f"{value:,}".replace(",", ".") + " kr."


class CatalogueScreen(Screen, w.VBox):
    """The forum's main job: the strategy's idea catalogue."""

    def __init__(self, store: Store, today: date):
        self.store, self.today = store, today
        self.message = w.Output()
        # Filters
        self.f_pillar = w.Dropdown(description="Søjle:", style=_STYLE)
        self.f_status = w.Dropdown(description="Status:", style=_STYLE,
                                   options=[("Alle", ALL)] + [(s, s) for s in INITIATIVE_STATUSES])
        self.f_colour = w.Dropdown(description="Farve:", style=_STYLE)
        self.f_horizon = w.Dropdown(description="Horisont:", style=_STYLE)
        self.f_owner = w.Dropdown(description="Ejer:", style=_STYLE)
        self.f_network = w.Dropdown(description="Netværk:", style=_STYLE)
        self.f_group = w.Dropdown(description="Arbejdsgruppe:", style=_STYLE)
        self.f_text = w.Text(description="Søg:", placeholder="titel, id, ejer …", style=_STYLE,
                             continuous_update=False)
        self.count = w.HTML()
        self.table_out = w.Output()
        # Edit form
        self.pick = w.Dropdown(description="Initiativ:", style=_STYLE, layout=_wide())
        self.e_status = w.Dropdown(description="Status:", style=_STYLE, options=INITIATIVE_STATUSES)
        self.e_progress = w.Text(description="Fremdrift (%):", style=_STYLE, placeholder="0–100 eller tom")
        self.e_owner = w.Text(description="Ejer:", style=_STYLE, layout=_wide())
        self.e_start = w.DatePicker(description="Start:", style=_STYLE)
        self.e_due = w.DatePicker(description="Frist:", style=_STYLE)
        self.e_asked = w.Text(description="Budget søgt (kr.):", style=_STYLE)
        self.e_secured = w.Text(description="Budget sikret (kr.):", style=_STYLE)
        self.e_group = w.Dropdown(description="Arbejdsgruppe:", style=_STYLE, layout=_wide())
        self.e_network = w.Dropdown(description="Netværk:", style=_STYLE, layout=_wide())
        self.e_next = w.Text(description="Næste skridt:", style=_STYLE, layout=_wide())
        self.hint = w.HTML()
        self.save = button("Gem ændringer", "check", primary=True)
        # New initiative
        self.n_title = w.Text(description="Titel:", style=_STYLE, layout=_wide())
        self.n_pillar = w.Dropdown(description="Søjle:", style=_STYLE, layout=_wide())
        self.n_kind = w.Dropdown(description="Type:", style=_STYLE, options=INITIATIVE_KINDS)
        self.n_colour = w.Dropdown(description="Farve:", style=_STYLE)
        self.n_horizon = w.Dropdown(description="Horisont:", style=_STYLE)
        self.n_owner = w.Text(description="Ejer:", style=_STYLE, layout=_wide(),
                              placeholder="for private initiativer: virksomheden")
        self.create = button("Opret initiativ", "plus")
        # Green list, roll-up
        self.green_out = w.Output()
        self.by = w.ToggleButtons(options=[("Søjle", "pillar"), ("Netværk", "network"),
                                           ("Arbejdsgruppe", "working_group")], description="Opgør pr.:")
        self.rollup_out = w.Output()
        self.explain_key = w.Dropdown(description="Forklar:", style=_STYLE, layout=_wide())
        self.explain_out = w.Output()
        # Working groups and networks
        self.groups_out = w.Output()
        self.g_name = w.Text(description="Navn:", style=_STYLE, layout=_wide())
        self.g_mandate = w.Textarea(description="Mandat:", style=_STYLE, layout=_wide())
        self.g_meeting = w.Dropdown(description="Nedsat på:", style=_STYLE)
        self.g_report = w.DatePicker(description="Tilbagemelding:", style=_STYLE)
        self.g_create = button("Nedsæt arbejdsgruppe", "users")
        self.gm_group = w.Dropdown(description="Gruppe:", style=_STYLE)
        self.gm_member = w.Dropdown(description="Forummedlem:", style=_STYLE, layout=_wide())
        self.gm_name = w.Text(description="… eller navn:", style=_STYLE, placeholder="ekstern aktør")
        self.gm_org = w.Text(description="Organisation:", style=_STYLE)
        self.gm_add = button("Tilføj til gruppen", "user-plus")
        self.networks_out = w.Output()
        self.ne_network = w.Dropdown(description="Netværk:", style=_STYLE, layout=_wide())
        self.ne_day = w.DatePicker(description="Dato:", value=today, style=_STYLE)
        self.ne_title = w.Text(description="Milepæl:", style=_STYLE, layout=_wide())
        self.ne_members = w.BoundedIntText(description="Medlemmer:", min=0, max=100000, style=_STYLE)
        self.ne_add = button("Registrér milepæl", "flag")
        # Import
        self.upload = w.FileUpload(accept=".xlsx,.csv", multiple=False, description="Vælg fil")
        self.mapping_box = w.VBox()
        self.preview_button = button("Forhåndsvis", "eye")
        self.import_out = w.Output()
        self.import_button = button("Importér", "upload", primary=True)
        self.import_path: Path | None = None

        for widget in (self.f_pillar, self.f_status, self.f_colour, self.f_horizon, self.f_owner, self.f_network,
                       self.f_group, self.f_text):
            widget.observe(lambda _c: self.refresh_table(), names="value")
        self.pick.observe(lambda _c: self._fill_form(), names="value")
        self.e_status.observe(self._on_status, names="value")
        for widget in (self.e_status, self.e_progress, self.e_owner, self.e_start, self.e_due, self.e_asked,
                       self.e_secured, self.e_group, self.e_network, self.e_next):
            widget.observe(lambda _c: self._validate(), names="value")
        self.save.on_click(self._on_save)
        self.create.on_click(self._on_create)
        self.by.observe(lambda _c: self._draw_rollup(), names="value")
        self.explain_key.observe(lambda _c: self._draw_explain(), names="value")
        self.g_create.on_click(self._on_group)
        self.gm_add.on_click(self._on_group_member)
        self.ne_add.on_click(self._on_network_event)
        self.upload.observe(lambda _c: self._on_upload(), names="value")
        self.preview_button.on_click(lambda _b: self.preview())
        self.import_button.on_click(self._on_import)

        filters = w.VBox([w.HBox([self.f_pillar, self.f_status]), w.HBox([self.f_colour, self.f_horizon]),
                          w.HBox([self.f_owner, self.f_network]), w.HBox([self.f_group, self.f_text]),
                          self.count, self.table_out])
        edit_box = w.VBox([self.pick, self.e_status, self.e_progress, self.e_owner, self.e_start, self.e_due,
                           self.e_asked, self.e_secured, self.e_group, self.e_network, self.e_next, self.hint,
                           self.save, w.HTML("<h4>Nyt initiativ</h4>"), self.n_title, self.n_pillar, self.n_kind,
                           self.n_colour, self.n_horizon, self.n_owner, self.create])
        tabs = w.Tab([
            filters, edit_box,
            w.VBox([w.HTML("<b>Til yderligere belysning:</b> initiativer markeret grøn med 1–3 års "
                           "implementeringstid, som forummet skal belyse yderligere – og hvad der mangler for hvert af "
                           "dem."), self.green_out]),
            w.VBox([self.by, self.rollup_out, self.explain_key, self.explain_out]),
            w.VBox([self.groups_out, w.HTML("<b>Nedsæt arbejdsgruppe</b>"), self.g_name, self.g_mandate,
                    self.g_meeting, self.g_report, self.g_create, w.HTML("<b>Tilføj deltager</b>"), self.gm_group,
                    self.gm_member, self.gm_name, self.gm_org, self.gm_add,
                    w.HTML("<h4>Netværk</h4>"), self.networks_out, self.ne_network, self.ne_day, self.ne_title,
                    self.ne_members, self.ne_add]),
            w.VBox([w.HTML("Importér et idékatalog fra Excel eller CSV. Du ser alle problemer, før noget gemmes. "
                           "Rækker med samme id opdaterer eksisterende initiativer."), self.upload, self.mapping_box,
                    self.preview_button, self.import_out, self.import_button]),
        ])
        for i, title in enumerate(("Initiativer", "Redigér", "Grøn 1–3 år", "Fremdrift",
                                   "Grupper og netværk", "Import")):
            tabs.set_title(i, title)
        self.tabs = tabs
        super().__init__([tabs, self.message])
        self.reload()

    # --- loading and drawing -------------------------------------------------------------------
    def reload(self) -> None:
        if not self.load_into(self.table_out):
            return
        ws, c = self.ws, self.ws.charter
        pillars = [(p.name, p.id) for p in c.pillars]
        owners = sorted({i.owner for i in ws.initiatives if i.owner})
        groups = [(g.name, g.id) for g in ws.working_groups]
        networks = [(n.name, n.id) for n in ws.networks]
        self._set_options(self.f_pillar, [("Alle", ALL)] + pillars)
        self._set_options(self.f_colour, [("Alle", ALL)] + [(x, x) for x in c.catalogue.colours])
        self._set_options(self.f_horizon, [("Alle", ALL)] + [(x, x) for x in c.catalogue.horizons])
        self._set_options(self.f_owner, [("Alle", ALL)] + [(o, o) for o in owners])
        self._set_options(self.f_network, [("Alle", ALL)] + networks)
        self._set_options(self.f_group, [("Alle", ALL)] + groups)
        self._set_options(self.e_group, [("(ingen)", "")] + groups)
        self._set_options(self.e_network, [("(intet)", "")] + networks)
        self._set_options(self.n_pillar, pillars)
        self._set_options(self.n_colour, [("(ingen)", "")] + [(x, x) for x in c.catalogue.colours])
        self._set_options(self.n_horizon, [("(ingen)", "")] + [(x, x) for x in c.catalogue.horizons])
        self._set_options(self.pick, [(f"{i.id} {i.title}", i.id) for i in ws.initiatives])
        self._set_options(self.g_meeting, [(f"{m.id} ({da_date(m.date, False)})", m.id)
                                           for m in sorted(ws.meetings, key=lambda m: m.date)])
        self._set_options(self.gm_group, groups)
        self._set_options(self.gm_member, [("(ekstern aktør)", "")] + [(f"{a.name} ({a.seat})", a.id)
                                                                      for a in ws.members])
        self._set_options(self.ne_network, networks)
        self.refresh_table()
        self._fill_form()
        self._draw_green()
        self._draw_rollup()
        self._draw_groups()

    @staticmethod
    def _set_options(widget, options) -> None:
        value = widget.value
        if list(widget.options) != list(options):
            widget.options = options
        values = [o[1] for o in options]
        if value in values:
            widget.value = value
        elif values:
            widget.value = values[0]

    def criteria(self) -> dict:
        return dict(pillar=self.f_pillar.value or None, status=self.f_status.value or None,
                    colour=self.f_colour.value or None, horizon=self.f_horizon.value or None,
                    owner=self.f_owner.value or None, network=self.f_network.value or None,
                    working_group=self.f_group.value or None, text=self.f_text.value)

    def refresh_table(self) -> None:
        if not hasattr(self, "ws"):
            return
        self.shown = filter_initiatives(self.ws.initiatives, **self.criteria())
        drawn = self.shown[:MAX_ROWS]
        more = f" – viser de første {MAX_ROWS}; brug filtrene for at se andre" if len(self.shown) > MAX_ROWS else ""
        self.count.value = f"<b>{len(self.shown)}</b> af {len(self.ws.initiatives)} initiativer{more}"
        show_html(self.table_out, html_table(
            ["Id", "Titel", "Søjle", "Status", "Fremdrift", "Ejer", "Frist", "Budget søgt", "Budget sikret"],
            [(i.id, i.title, self.ws.charter.pillar_name(i.pillar), i.status,
              "" if i.progress is None else f"{i.progress} %", i.owner or "", da_date(i.due, False) if i.due else "",
              _kr(i.budget_asked), _kr(i.budget_secured)) for i in drawn]))

    def _fill_form(self) -> None:
        ini = self.ws.initiative_by_id.get(self.pick.value) if hasattr(self, "ws") else None
        if ini is None:
            return
        self._filling = True
        self.e_status.options = [ini.status, *TRANSITIONS[ini.status]]
        self.e_status.value = ini.status
        self.e_progress.value = "" if ini.progress is None else str(ini.progress)
        self.e_owner.value = ini.owner or ""
        self.e_start.value, self.e_due.value = ini.start, ini.due
        self.e_asked.value = "" if ini.budget_asked is None else str(ini.budget_asked)
        self.e_secured.value = "" if ini.budget_secured is None else str(ini.budget_secured)
        self.e_group.value = ini.working_group or ""
        self.e_network.value = ini.network or ""
        self.e_next.value = ini.next_step or ""
        self._filling = False
        self._validate()

    def _on_status(self, change) -> None:
        if not getattr(self, "_filling", False) and change["new"] == "gennemført":
            self.e_progress.value = "100"

    def _changes(self) -> dict:
        return dict(status=self.e_status.value, progress=self.e_progress.value.strip() or None,
                    owner=self.e_owner.value.strip() or None, start=self.e_start.value, due=self.e_due.value,
                    budget_asked=self.e_asked.value.strip() or None,
                    budget_secured=self.e_secured.value.strip() or None,
                    working_group=self.e_group.value or None, network=self.e_network.value or None,
                    next_step=self.e_next.value.strip() or None)

    def _validate(self) -> bool:
        if getattr(self, "_filling", False) or not hasattr(self, "ws") or not self.pick.value:
            return False
        changes = self._changes()
        try:
            update_initiative(self.ws, self.pick.value, self.today, **changes)
        except ForumkitError as exc:
            self.hint.value = f"<span style='color:#b2182b'>⚠ {escape(str(exc))}</span>"
            self.save.disabled = True
            return False
        notes = []
        if changes["status"] == "gennemført":
            notes.append("fremdrift sættes til 100 %")
        self.hint.value = "<span style='color:#1a7f37'>✓ Klar til at gemme" + \
                          (f" ({', '.join(notes)})" if notes else "") + "</span>"
        self.save.disabled = False
        return True

    def _draw_green(self) -> None:
        items = green_list(self.ws)
        show_html(self.green_out, html_table(
            ["Id", "Titel", "Status", "Ejer", "Mangler"],
            [(g.initiative.id, g.initiative.title, g.initiative.status, g.initiative.owner or "",
              ", ".join(g.missing) or "intet – klar") for g in items]))

    def _draw_rollup(self) -> None:
        self.figures = rollup(self.ws, self.by.value)
        rows = [(r.name, "–" if r.value is None else f"{r.value:.0f} %".replace(".", ","), r.counted, r.total)
                for r in self.figures]
        rule = self.figures[0].rule if self.figures else ""
        show_html(self.rollup_out, html_table(["Gruppe", "Fremdrift", "Talt med", "I alt"], rows)
                  + f"<p><i>Regel: {escape(rule)}</i></p>")
        self._set_options(self.explain_key, [(r.name, r.key) for r in self.figures])
        self._draw_explain()

    def _draw_explain(self) -> None:
        if not self.explain_key.value:
            show_text(self.explain_out, "")
            return
        table, figure = explain(self.ws, self.explain_key.value, self.by.value)
        value = "–" if figure.value is None else f"{figure.value:.0f} %"
        head = f"Hvorfor står {figure.name} på {value}? {figure.counted} af {figure.total} initiativer tæller med."
        def cell(value):
            if value is None or (isinstance(value, float) and value != value):
                return ""
            return da_number(value, 1) if isinstance(value, float) else value

        rows = table.astype(object).where(table.notna(), None).values.tolist()
        show_html(self.explain_out, f"<p><b>{escape(head)}</b></p>" + html_table(
            list(table.columns), [[cell(v) for v in row] for row in rows]))
        self.explanation = head

    def _draw_groups(self) -> None:
        people: dict[str, list[str]] = {}
        for gm in self.ws.group_members:
            people.setdefault(gm.group, []).append(gm.name + (f" ({gm.organisation})" if gm.organisation else ""))
        linked: dict[str, list[str]] = {}
        for ini in self.ws.initiatives:
            if ini.working_group:
                linked.setdefault(ini.working_group, []).append(ini.id)
        show_html(self.groups_out, html_table(
            ["Id", "Arbejdsgruppe", "Mandat", "Nedsat på", "Tilbagemelding", "Deltagere", "Initiativer"],
            [(g.id, g.name, g.mandate, g.meeting or "", da_date(g.report_back, False) if g.report_back else "",
              "; ".join(people.get(g.id, [])), ", ".join(linked.get(g.id, []))) for g in self.ws.working_groups]))
        latest = {}
        for e in sorted(self.ws.network_events, key=lambda e: e.date):
            latest[e.network] = e
        show_html(self.networks_out, html_table(
            ["Netværk", "Koordinator", "Stiftet", "Medlemmer", "Seneste milepæl"],
            [(n.name, n.coordinator or "", da_date(n.founded, False) if n.founded else "",
              latest[n.id].members if n.id in latest and latest[n.id].members is not None else "",
              f"{da_date(latest[n.id].date, False)}: {latest[n.id].title}" if n.id in latest else "")
             for n in self.ws.networks]))

    # --- handlers ------------------------------------------------------------------------------
    def _on_save(self, _b=None) -> None:
        iid, changes, today = self.pick.value, self._changes(), self.today
        self._apply(lambda ws: update_initiative(ws, iid, today, **changes), f"initiativ {iid}",
                    f"{iid} er gemt.")

    def _on_create(self, _b=None) -> None:
        args = dict(title=self.n_title.value.strip(), pillar=self.n_pillar.value, kind=self.n_kind.value,
                    colour=self.n_colour.value or None, horizon=self.n_horizon.value or None,
                    owner=self.n_owner.value.strip() or None)
        today = self.today
        if self._apply(lambda ws: create_initiative(ws, today=today, **args), "nyt initiativ",
                       f"Initiativet '{args['title']}' er oprettet."):
            self.n_title.value = self.n_owner.value = ""

    def _on_group(self, _b=None) -> None:
        args = dict(name=self.g_name.value.strip(), mandate=self.g_mandate.value.strip(),
                    meeting=self.g_meeting.value or None, report_back=self.g_report.value)
        if self._apply(lambda ws: create_working_group(ws, **args), "ny arbejdsgruppe",
                       f"Arbejdsgruppen '{args['name']}' er nedsat."):
            self.g_name.value = self.g_mandate.value = ""

    def _on_group_member(self, _b=None) -> None:
        group, member = self.gm_group.value, self.gm_member.value or None
        name, org = self.gm_name.value.strip(), self.gm_org.value.strip() or None
        if not member and not name:
            show_text(self.message, "Vælg et forummedlem eller skriv navnet på en ekstern aktør.")
            return
        if self._apply(lambda ws: add_group_member(ws, group, name=name, organisation=org, member=member),
                       f"deltager i {group}", f"Deltageren er tilføjet {group}."):
            self.gm_name.value = self.gm_org.value = ""

    def _on_network_event(self, _b=None) -> None:
        net, day, title, count = self.ne_network.value, self.ne_day.value, self.ne_title.value.strip(), \
            self.ne_members.value
        if not title or day is None:
            show_text(self.message, "Skriv milepælen og vælg en dato.")
            return
        self._apply(lambda ws: add_network_event(ws, net, day=day, title=title, members=count),
                    f"milepæl {net}", f"Milepælen '{title}' er registreret.")

    def _on_upload(self) -> None:
        files = self.upload.value
        if not files:
            return
        item = files[0]
        suffix = Path(item["name"]).suffix.lower()
        folder = Path(tempfile.mkdtemp(prefix="forumkit-import-"))
        self.import_path = folder / f"ark{suffix}"
        self.import_path.write_bytes(bytes(item["content"]))
        self.load_sheet(self.import_path)

    def load_sheet(self, path: Path) -> None:
        """Show the mapping of a sheet's headings and its preview (also used by tests and the notebook)."""
        from ..edits.transfer import read_sheet

        self.import_path = Path(path)
        _, headings, _ = read_sheet(self.import_path)
        mapping = load_mapping(self.store.root)
        ours = [("(ignorér)", IGNORE)] + [(h, h) for h in TABLES["initiatives"].headers]
        self.mapping_widgets = {}
        for heading in headings:
            if not heading:
                continue
            target = mapping.get(" ".join(heading.lower().split()))
            options = ours + ([("(vælg kolonne)", None)] if target is None else [])
            self.mapping_widgets[heading] = w.Dropdown(options=options, value=target, description=heading,
                                                       style={"description_width": "200px"})
            self.mapping_widgets[heading].observe(lambda _c: self.preview(), names="value")
        self.mapping_box.children = tuple(self.mapping_widgets.values())
        self.preview()

    def preview(self):
        if self.import_path is None:
            show_text(self.import_out, "Vælg først en fil.")
            return None
        chosen = {h: wd.value for h, wd in self.mapping_widgets.items() if wd.value is not None}
        try:
            self.current_preview = preview_import(self.ws, self.import_path, chosen)
        except ForumkitError as exc:
            show_text(self.import_out, f"Filen kan ikke læses: {exc}")
            self.import_button.disabled = True
            return None
        p = self.current_preview
        rows = [(r.sheet_row, r.action, r.initiative.id, r.initiative.title,
                 "; ".join(f"{k}: {old or '–'} → {new or '–'}" for k, (old, new) in r.changes.items()))
                for r in p.rows if r.action != "uændret"]
        problems = html_table(["Række", "Kolonne", "Problem"], [(x.line, x.column, x.message) for x in p.problems])
        show_html(self.import_out, f"<p><b>{escape(p.summary().splitlines()[0])}</b></p>"
                  + (problems if p.problems else "") + html_table(["Række", "Handling", "Id", "Titel", "Ændringer"],
                                                                  rows))
        self.import_button.disabled = not p.clean
        return p

    def _on_import(self, _b=None) -> None:
        p = self.preview()
        if p is None or not p.clean:
            show_text(self.message, "Ikke importeret: ret problemerne først.")
            return
        path, mapping, today = self.import_path, p.mapping, self.today
        if self._apply(lambda ws: apply_import(ws, preview_import(ws, path, mapping), today),
                       f"import: {path.name}", f"Importeret: {p.summary().splitlines()[0]}."):
            save_mapping(self.store.root, mapping)
            self.import_button.disabled = True
