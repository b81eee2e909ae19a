"""The catalogue's groups tab: working groups (set up, members) and the networks' milestones."""

from __future__ import annotations

import ipywidgets as w

from ...edits.catalogue import add_group_member, add_network_event, create_working_group
from ...edits.groups import close_working_group, update_working_group
from ...edits.networks import close_network, create_network, update_network, update_network_event
from ...model.danish import da_date, da_number
from ...model.vocab import GroupState
from ..common import DAY_RANGE, button, html_table, show_html, show_text
from ._form import STYLE, set_options, wide

__all__ = ["GroupsTab"]


class GroupsTab(w.VBox):
    title = "Grupper og netværk"

    def __init__(self, screen):
        self.screen = screen
        self.groups_out = w.Output()
        self.g_name = w.Text(description="Navn:", style=STYLE, layout=wide())
        self.g_mandate = w.Textarea(description="Mandat:", style=STYLE, layout=wide())
        self.g_meeting = w.Dropdown(description="Nedsat på:", style=STYLE)
        self.g_report = w.DatePicker(description="Tilbagemelding:", style=STYLE, **DAY_RANGE)
        self.g_create = button("Nedsæt arbejdsgruppe", "users")
        self.gm_group = w.Dropdown(description="Gruppe:", style=STYLE)
        self.gm_member = w.Dropdown(description="Forummedlem:", style=STYLE, layout=wide())
        self.gm_name = w.Text(description="… eller navn:", style=STYLE, placeholder="ekstern aktør")
        self.gm_org = w.Text(description="Organisation:", style=STYLE)
        self.gm_add = button("Tilføj til gruppen", "user-plus")
        self.networks_out = w.Output()
        self.ne_network = w.Dropdown(description="Netværk:", style=STYLE, layout=wide())
        self.ne_day = w.DatePicker(description="Dato:", value=screen.today, style=STYLE, **DAY_RANGE)
        self.ne_title = w.Text(description="Milepæl:", style=STYLE, layout=wide())
        # Text, not IntText: the browser would read '1.500' as 1; forumkit's one parser reads it as 1500
        self.ne_members = w.Text(description="Medlemmer:", style=STYLE, placeholder="fx 1.500, eller tom")
        self.ne_add = button("Registrér milepæl", "flag")
        self.gc_group = w.Dropdown(description="Gruppe:", style=STYLE, layout=wide())
        self.gc_day = w.DatePicker(description="Rapporteret:", value=screen.today, style=STYLE, **DAY_RANGE)
        self.gc_report = w.Textarea(
            description="Rapport:", style=STYLE, layout=wide(), placeholder="hvad arbejdsgruppen kom frem til"
        )
        self.gc_close = button("Afslut arbejdsgruppe", "flag-checkered")
        self.nn_network = w.Dropdown(description="Fra kommissoriet:", style=STYLE, layout=wide())
        self.nn_founded = w.DatePicker(description="Stiftet:", value=screen.today, style=STYLE, **DAY_RANGE)
        self.nn_coordinator = w.Text(description="Koordinator:", style=STYLE, layout=wide())
        self.nn_description = w.Textarea(description="Beskrivelse:", style=STYLE, layout=wide())
        self.nn_create = button("Opret netværk", "plus")
        self.nc_network = w.Dropdown(description="Netværk:", style=STYLE, layout=wide())
        self.nc_day = w.DatePicker(description="Lukket den:", value=screen.today, style=STYLE, **DAY_RANGE)
        self.nc_close = button("Luk netværk", "times")
        self.ge_group = w.Dropdown(description="Gruppe:", style=STYLE, layout=wide())
        self.ge_mandate = w.Textarea(description="Mandat:", style=STYLE, layout=wide())
        self.ge_report = w.DatePicker(description="Tilbagemelding:", style=STYLE, **DAY_RANGE)
        self.ge_save = button("Gem arbejdsgruppen", "check")
        self.nx_network = w.Dropdown(description="Netværk:", style=STYLE, layout=wide())
        self.nx_coordinator = w.Text(description="Koordinator:", style=STYLE, layout=wide())
        self.nx_description = w.Textarea(description="Beskrivelse:", style=STYLE, layout=wide())
        self.nx_save = button("Gem netværket", "check")
        self.ge_group.observe(lambda _c: self._fill_group(), names="value")
        self.nx_network.observe(lambda _c: self._fill_network(), names="value")
        self.ge_save.on_click(self._on_edit_group)
        self.nx_save.on_click(self._on_edit_network)
        self.gc_close.on_click(self._on_close_group)
        self.nn_create.on_click(self._on_create_network)
        self.nc_close.on_click(self._on_close_network)
        self.g_create.on_click(self._on_group)
        self.gm_add.on_click(self._on_group_member)
        self.ne_add.on_click(self._on_network_event)
        self.nv_event = w.Dropdown(description="Milepæl:", style=STYLE, layout=wide())
        self.nv_day = w.DatePicker(description="Dato:", style=STYLE, **DAY_RANGE)
        self.nv_title = w.Text(description="Titel:", style=STYLE, layout=wide())
        self.nv_members = w.Text(description="Medlemmer:", style=STYLE, placeholder="fx 1.500, eller tom")
        self.nv_save = button("Gem netværksmilepælen", "check")
        self.nv_event.observe(lambda _c: self._fill_event(), names="value")
        self.nv_save.on_click(self._on_edit_event)
        super().__init__(
            [
                self.groups_out,
                w.HTML("<b>Nedsæt arbejdsgruppe</b>"),
                self.g_name,
                self.g_mandate,
                self.g_meeting,
                self.g_report,
                self.g_create,
                w.HTML("<b>Tilføj deltager</b>"),
                self.gm_group,
                self.gm_member,
                self.gm_name,
                self.gm_org,
                self.gm_add,
                w.HTML("<b>Ret arbejdsgruppe</b>"),
                self.ge_group,
                self.ge_mandate,
                self.ge_report,
                self.ge_save,
                w.HTML("<b>Afslut arbejdsgruppe med rapport</b>"),
                self.gc_group,
                self.gc_day,
                self.gc_report,
                self.gc_close,
                w.HTML("<h4>Netværk</h4>"),
                self.networks_out,
                self.ne_network,
                self.ne_day,
                self.ne_title,
                self.ne_members,
                self.ne_add,
                w.HTML("<b>Ret netværksmilepæl</b>"),
                self.nv_event,
                self.nv_day,
                self.nv_title,
                self.nv_members,
                self.nv_save,
                w.HTML("<b>Opret netværk fra kommissoriet</b>"),
                self.nn_network,
                self.nn_founded,
                self.nn_coordinator,
                self.nn_description,
                self.nn_create,
                w.HTML("<b>Ret netværk</b>"),
                self.nx_network,
                self.nx_coordinator,
                self.nx_description,
                self.nx_save,
                w.HTML("<b>Luk netværk</b>"),
                self.nc_network,
                self.nc_day,
                self.nc_close,
            ]
        )

    def reload(self) -> None:
        ws = self.screen.ws
        groups = [(g.name, g.id) for g in ws.working_groups]
        set_options(
            self.g_meeting,
            [(f"{m.id} ({da_date(m.date, False)})", m.id) for m in sorted(ws.meetings, key=lambda m: m.date)],
        )
        set_options(self.gm_group, groups)
        set_options(self.gm_member, [("(ekstern aktør)", "")] + [(f"{a.name} ({a.seat})", a.id) for a in ws.members])
        set_options(self.ne_network, [(n.name, n.id) for n in ws.networks if not n.closed])
        set_options(self.gc_group, [(g.name, g.id) for g in ws.working_groups if g.state == GroupState.ACTIVE])
        created = {n.id for n in ws.networks}
        set_options(self.nn_network, [(n.name, n.id) for n in ws.charter.networks if n.id not in created])
        self.nn_create.disabled = not self.nn_network.options
        set_options(self.nc_network, [(n.name, n.id) for n in ws.networks if not n.closed])
        set_options(self.ge_group, [(g.name, g.id) for g in ws.working_groups])
        set_options(self.nx_network, [(n.name, n.id) for n in ws.networks])
        names = {n.id: n.name for n in ws.networks}
        set_options(
            self.nv_event,
            [
                (f"{names.get(e.network, e.network)} · {da_date(e.date, False)}: {e.title}", e.id)
                for e in sorted(ws.network_events, key=lambda e: (e.date, e.id), reverse=True)
            ],
        )
        self.nv_save.disabled = not self.nv_event.options
        self._fill_group()
        self._fill_network()
        self._fill_event()
        self.draw()

    def draw(self) -> None:
        ws = self.screen.ws
        people: dict[str, list[str]] = {}
        for gm in ws.group_members:
            people.setdefault(gm.group, []).append(gm.name + (f" ({gm.organisation})" if gm.organisation else ""))
        linked: dict[str, list[str]] = {}
        for ini in ws.initiatives:
            if ini.working_group:
                linked.setdefault(ini.working_group, []).append(ini.id)
        show_html(
            self.groups_out,
            html_table(
                [
                    "Id",
                    "Arbejdsgruppe",
                    "Mandat",
                    "Nedsat på",
                    "Tilbagemelding",
                    "Deltagere",
                    "Initiativer",
                    "Tilstand",
                    "Rapport",
                ],
                [
                    (
                        g.id,
                        g.name,
                        g.mandate,
                        g.meeting or "",
                        da_date(g.report_back, False) if g.report_back else "",
                        "; ".join(people.get(g.id, [])),
                        ", ".join(linked.get(g.id, [])),
                        g.state,
                        f"{da_date(g.reported, False)}: {g.report}" if g.reported and g.report else (g.report or ""),
                    )
                    for g in ws.working_groups
                ],
            ),
        )
        latest = {}
        for e in sorted(ws.network_events, key=lambda e: e.date):
            latest[e.network] = e
        show_html(
            self.networks_out,
            html_table(
                ["Netværk", "Koordinator", "Stiftet", "Medlemmer", "Seneste milepæl", "Lukket"],
                [
                    (
                        n.name,
                        n.coordinator or "",
                        da_date(n.founded, False) if n.founded else "",
                        da_number(latest[n.id].members) if n.id in latest and latest[n.id].members is not None else "",
                        f"{da_date(latest[n.id].date, False)}: {latest[n.id].title}" if n.id in latest else "",
                        da_date(n.closed, False) if n.closed else "",
                    )
                    for n in ws.networks
                ],
            ),
        )

    def _on_group(self, _b=None) -> None:
        args = dict(
            name=self.g_name.value.strip(),
            mandate=self.g_mandate.value.strip(),
            meeting=self.g_meeting.value or None,
            report_back=self.g_report.value,
        )
        if self.screen._apply(
            lambda ws: create_working_group(ws, **args),
            "ny arbejdsgruppe",
            f"Arbejdsgruppen '{args['name']}' er nedsat.",
        ):
            self.g_name.value = self.g_mandate.value = ""

    def _on_group_member(self, _b=None) -> None:
        group, member = self.gm_group.value, self.gm_member.value or None
        name, org = self.gm_name.value.strip(), self.gm_org.value.strip() or None
        if not member and not name:
            show_text(self.screen.message, "Vælg et forummedlem eller skriv navnet på en ekstern aktør.")
            return
        if self.screen._apply(
            lambda ws: add_group_member(ws, group, name=name, organisation=org, member=member),
            f"deltager i {group}",
            f"Deltageren er tilføjet {group}.",
        ):
            self.gm_name.value = self.gm_org.value = ""

    def _on_network_event(self, _b=None) -> None:
        net, day, title = self.ne_network.value, self.ne_day.value, self.ne_title.value.strip()
        count, today = self.ne_members.value.strip() or None, self.screen.today
        if not title or day is None:
            show_text(self.screen.message, "Skriv milepælen og vælg en dato.")
            return
        self.screen._apply(
            lambda ws: add_network_event(ws, net, day=day, title=title, members=count, today=today),
            f"milepæl {net}",
            f"Milepælen '{title}' er registreret.",
        )

    def _on_close_group(self, _b=None) -> None:
        group, day, report = self.gc_group.value, self.gc_day.value, self.gc_report.value.strip()
        if not group or day is None or not report:
            show_text(self.screen.message, "Vælg gruppen og datoen, og skriv kort, hvad gruppen kom frem til.")
            return
        if self.screen._apply(
            lambda ws: close_working_group(ws, group, day=day, report=report),
            f"arbejdsgruppe {group} afsluttet",
            f"Arbejdsgruppen {group} er afsluttet.",
        ):
            self.gc_report.value = ""

    def _on_create_network(self, _b=None) -> None:
        net = self.nn_network.value
        if not net:
            show_text(self.screen.message, "Alle kommissoriets netværk er oprettet.")
            return
        args = dict(
            founded=self.nn_founded.value,
            coordinator=self.nn_coordinator.value.strip() or None,
            description=self.nn_description.value.strip() or None,
        )
        if self.screen._apply(
            lambda ws: create_network(ws, net, **args), f"netværk {net} oprettet", f"Netværket {net} er oprettet."
        ):
            self.nn_coordinator.value = self.nn_description.value = ""

    def _on_close_network(self, _b=None) -> None:
        net, day = self.nc_network.value, self.nc_day.value
        if not net or day is None:
            show_text(self.screen.message, "Vælg netværket og datoen.")
            return
        self.screen._apply(
            lambda ws: close_network(ws, net, day=day), f"netværk {net} lukket", f"Netværket {net} er lukket."
        )

    def _fill_group(self) -> None:
        ws = getattr(self.screen, "ws", None)
        group = next((g for g in ws.working_groups if g.id == self.ge_group.value), None) if ws else None
        if group is not None:
            self.ge_mandate.value, self.ge_report.value = group.mandate, group.report_back

    def _fill_network(self) -> None:
        ws = getattr(self.screen, "ws", None)
        net = next((n for n in ws.networks if n.id == self.nx_network.value), None) if ws else None
        if net is not None:
            self.nx_coordinator.value, self.nx_description.value = net.coordinator or "", net.description or ""

    def _on_edit_group(self, _b=None) -> None:
        group = self.ge_group.value
        changes = dict(mandate=self.ge_mandate.value.strip(), report_back=self.ge_report.value)
        if group:
            self.screen._apply(
                lambda ws: update_working_group(ws, group, **changes),
                f"arbejdsgruppe {group}",
                f"Arbejdsgruppen {group} er gemt.",
            )

    def _on_edit_network(self, _b=None) -> None:
        net = self.nx_network.value
        changes = dict(
            coordinator=self.nx_coordinator.value.strip() or None, description=self.nx_description.value.strip() or None
        )
        if net:
            self.screen._apply(
                lambda ws: update_network(ws, net, **changes), f"netværk {net}", f"Netværket {net} er gemt."
            )

    def _fill_event(self) -> None:
        ws = getattr(self.screen, "ws", None)
        event = next((e for e in ws.network_events if e.id == self.nv_event.value), None) if ws else None
        if event is not None:
            self.nv_day.value, self.nv_title.value = event.date, event.title
            self.nv_members.value = "" if event.members is None else da_number(event.members)

    def _on_edit_event(self, _b=None) -> None:
        event, day, title = self.nv_event.value, self.nv_day.value, self.nv_title.value.strip()
        count, today = self.nv_members.value.strip() or None, self.screen.today
        if not event:
            show_text(self.screen.message, "Der er ingen netværksmilepæle at rette endnu.")
            return
        if not title or day is None:
            show_text(self.screen.message, "Skriv milepælens titel og vælg en dato.")
            return
        self.screen._apply(
            lambda ws: update_network_event(ws, event, today=today, date=day, title=title, members=count),
            f"netværksmilepæl {event} rettet",
            f"Netværksmilepælen {event} er rettet: '{title}', {da_date(day, False)}.",
        )
