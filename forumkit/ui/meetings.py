"""Screen 'Mødeplanlægning': plan the year, build an agenda, export the invitation, record attendance,
write decisions and action items, export the minutes. Widgets only; the rules live in forumkit.meetings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as w

from ..documents.invitation import invitation_text, write_invitation
from ..documents.minutes import minutes_markdown, write_minutes
from ..edits.meetings import (
    ACTIONS_ITEM,
    add_action,
    add_item,
    adopt_year_plan,
    agenda_for,
    agenda_time,
    approve_minutes,
    carry_over,
    carry_over_candidates,
    close_action,
    mark_held,
    record_sent,
    remove_item,
    set_attendance,
    set_decision,
    standard_agenda,
)
from ..model.cells import FIRST_DAY, LAST_DAY
from ..model.danish import da_date, da_time
from ..model.errors import ForumkitError
from ..model.membership import active_members, is_active
from ..model.tables import AGENDA_KINDS, ATTENDANCE
from ..model.vocab import AgendaKind, MeetingKind, Presence
from ..rules.meeting_rules import open_actions
from ..rules.planning import deadlines, propose_year
from ..storage.store import Store, read_changes
from .common import DAY_RANGE, Screen, button, card, html_table, show_html, show_markdown, show_text
from .downloads import Downloads
from .feedback import busy, keep_choice
from .meeting_trace import meeting_trace_html

__all__ = ["MeetingScreen"]

_STYLE = {"description_width": "130px"}


def _wide() -> w.Layout:
    """A fresh layout per widget: a shared Layout would hide every widget when one is hidden."""
    return w.Layout(width="520px")


class MeetingScreen(Screen, w.VBox):
    """One meeting at a time, from plan to approved minutes."""

    def __init__(self, store: Store, today: date, export_dir: Path | None = None):
        self.store, self.today = store, today
        self.export_dir = Path(export_dir) if export_dir else store.root / "eksport"
        self.message = w.Output()
        self.meeting = w.Dropdown(description="Møde:", style=_STYLE, layout=_wide())
        self.info_out = w.Output()
        # Year plan
        self.year = w.BoundedIntText(
            value=today.year + 1, min=FIRST_DAY.year, max=LAST_DAY.year, description="År:", style=_STYLE
        )
        self.propose = button("Foreslå datoer", "calendar")
        self.adopt = button("Opret møderne", "plus", primary=True)
        self.plan_out = w.Output()
        # Agenda
        self.agenda_out = w.Output()
        self.standard = button("Indsæt standardpunkter", "list-ol")
        self.item_title = w.Text(description="Punkt:", style=_STYLE, layout=_wide())
        self.item_kind = w.Dropdown(
            options=AGENDA_KINDS, value=AgendaKind.DISCUSSION, description="Type:", style=_STYLE
        )
        self.item_presenter = w.Text(description="Oplægsholder:", style=_STYLE, layout=_wide())
        self.item_minutes = w.Text(value="15", description="Minutter:", style=_STYLE)  # read by the one parser
        self.item_initiatives = w.SelectMultiple(
            description="Initiativer:", style=_STYLE, layout=w.Layout(width="520px", height="110px")
        )
        self.item_recommendation = w.Textarea(
            description="Indstilling:", style=_STYLE, layout=_wide(), placeholder="Administrationen indstiller, at …"
        )
        self.item_case = w.Textarea(
            description="Sagsfremstilling:",
            style=_STYLE,
            layout=_wide(),
            placeholder="Baggrund og resumé til dagsordenen",
        )
        self.item_attachments = w.Text(
            description="Bilag:", style=_STYLE, layout=_wide(), placeholder="filnavne i mappen bilag/, adskilt af |"
        )
        self.add_item_button = button("Tilføj punkt", "plus")
        self.remove_number = w.Dropdown(description="Fjern punkt:", style=_STYLE)
        self.remove_button = button("Fjern", "trash")
        self.carry_items = w.SelectMultiple(
            description="Overfør:", style=_STYLE, layout=w.Layout(width="520px", height="80px")
        )
        self.carry_actions = w.Checkbox(description="Tilføj punkt om åbne opgaver", value=True, indent=False)
        self.carry_button = button("Overfør fra sidste møde", "share")
        self.export_agenda = button("Gem dagsorden (Word og PDF)", "file-text", primary=True)
        self.with_pdf = w.Checkbox(
            description="Gem også indkaldelse og referat som PDF (kræver LibreOffice)",
            value=True,
            indent=False,
            layout=w.Layout(width="auto"),
        )
        self.export_pack = button("Gem mødemappe (PDF)", "book")
        # Invitation
        self.invitation_out = w.Output()
        self.export_invitation = button("Gem indkaldelse (Word, kalender, e-mail)", "envelope", primary=True)
        self.sent_what = w.Dropdown(
            options=[("indkaldelsen", "indkaldelse"), ("dagsorden og bilag", "dagsorden"), ("referatet", "referat")],
            description="Sendt:",
            style=_STYLE,
        )
        self.sent_day = w.DatePicker(description="Dato:", value=today, style=_STYLE, **DAY_RANGE)
        self.sent_button = button("Registrér afsendt", "check")
        # Attendance and minutes
        self.attendance_box = w.VBox()
        self.attendance_save = button("Gem fremmøde", "users", primary=True)
        self.held_button = button("Markér som afholdt", "flag-checkered")
        self.decision_item = w.Dropdown(description="Punkt:", style=_STYLE, layout=_wide())
        self.decision_text = w.Textarea(description="Beslutning:", style=_STYLE, layout=_wide())
        self.decision_button = button("Gem beslutning", "gavel")
        self.action_text = w.Text(description="Opgave:", style=_STYLE, layout=_wide())
        self.action_owners = w.SelectMultiple(
            description="Ansvarlige:", style=_STYLE, layout=w.Layout(width="520px", height="110px")
        )
        self.action_due = w.DatePicker(description="Frist:", style=_STYLE, **DAY_RANGE)
        self.action_initiative = w.Dropdown(description="Initiativ:", style=_STYLE, layout=_wide())
        self.action_button = button("Tilføj opgave", "plus")
        self.close_which = w.Dropdown(description="Luk opgave:", style=_STYLE, layout=_wide())
        self.close_button = button("Luk", "check")
        self.minutes_out = w.Output()
        self.export_minutes = button("Gem referat (Word og Markdown)", "file-text", primary=True)
        self.invitation_files, self.minutes_files, self.agenda_files = Downloads(), Downloads(), Downloads()
        self.approve_at = w.Dropdown(description="Godkendt på:", style=_STYLE)
        self.approve_button = button("Registrér godkendelse", "check-square")

        for widget_button, handler in (
            (self.propose, self._on_propose),
            (self.adopt, self._on_adopt),
            (self.standard, self._on_standard),
            (self.add_item_button, self._on_add_item),
            (self.remove_button, self._on_remove),
            (self.carry_button, self._on_carry),
            (self.export_invitation, self._on_export_invitation),
            (self.sent_button, self._on_sent),
            (self.attendance_save, self._on_attendance),
            (self.held_button, self._on_held),
            (self.decision_button, self._on_decision),
            (self.action_button, self._on_action),
            (self.close_button, self._on_close),
            (self.export_minutes, self._on_export_minutes),
            (self.approve_button, self._on_approve),
            (self.export_agenda, self._on_export_agenda),
            (self.export_pack, self._on_export_pack),
        ):
            widget_button.on_click(handler)
        self._quiet = False
        self.meeting.observe(lambda _c: None if self._quiet else self._draw_meeting(), names="value")
        self.decision_item.observe(lambda _c: self._fill_decision(), names="value")

        self.trace_out = w.Output()
        tabs = w.Tab(
            [
                w.VBox(
                    [
                        w.HTML(
                            "Forslag til årets møder: hverdage midt i forårs- og efterårssæsonen, uden helligdage "
                            "og ferieuger. Frister for indkaldelse, dagsorden og referat står ved hver dato."
                        ),
                        w.HBox([self.year, self.propose, self.adopt]),
                        self.plan_out,
                    ]
                ),
                w.VBox(
                    [
                        self.agenda_out,
                        self.standard,
                        w.HTML("<b>Nyt punkt</b> (sættes før Eventuelt)"),
                        self.item_title,
                        self.item_kind,
                        self.item_presenter,
                        self.item_minutes,
                        self.item_initiatives,
                        self.item_recommendation,
                        self.item_case,
                        self.item_attachments,
                        self.add_item_button,
                        w.HBox([self.remove_number, self.remove_button]),
                        w.HTML("<b>Fra sidste møde</b>"),
                        self.carry_items,
                        self.carry_actions,
                        self.carry_button,
                        w.HTML("<b>Udsend</b> (bilag lægges i mappen <code>bilag/</code> og nævnes i agenda.csv)"),
                        w.HBox([self.export_agenda, self.export_pack]),
                        self.agenda_files,
                    ]
                ),
                w.VBox(
                    [
                        self.invitation_out,
                        w.HBox([self.export_invitation, self.with_pdf]),
                        self.invitation_files,
                        w.HBox([self.sent_what, self.sent_day]),
                        self.sent_button,
                    ]
                ),
                w.VBox(
                    [
                        w.HTML("Registrér, hvem der deltog. Fremmødet står i referatet."),
                        self.attendance_box,
                        w.HBox([self.attendance_save, self.held_button]),
                    ]
                ),
                w.VBox(
                    [
                        self.decision_item,
                        self.decision_text,
                        self.decision_button,
                        w.HTML("<b>Opfølgningsopgave</b>"),
                        self.action_text,
                        self.action_owners,
                        self.action_due,
                        self.action_initiative,
                        self.action_button,
                        w.HBox([self.close_which, self.close_button]),
                    ]
                ),
                w.VBox(
                    [
                        self.minutes_out,
                        self.export_minutes,
                        self.minutes_files,
                        w.HBox([self.approve_at, self.approve_button]),
                    ]
                ),
                w.VBox([self.trace_out]),
            ]
        )
        for i, title in enumerate(
            ("Årsplan", "Dagsorden", "Indkaldelse", "Fremmøde", "Beslutninger", "Referat", "Opfølgning")
        ):
            tabs.set_title(i, title)
        self.tabs = tabs
        super().__init__([self.meeting, self.info_out, tabs, self.message])
        self.reload()

    # --- loading and drawing -------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        if not self.load_into(self.info_out):
            return
        meetings = sorted(self.ws.meetings, key=lambda m: m.date)
        options = [(f"{m.id} · {da_date(m.date, False)} · {m.state}", m.id) for m in meetings]
        current = select or self.meeting.value
        if current not in {o[1] for o in options}:
            upcoming = [m for m in meetings if m.date >= self.today]
            current = upcoming[0].id if upcoming else (meetings[-1].id if meetings else None)
        if list(self.meeting.options) != options:
            self._quiet = True  # new options make the dropdown jump to the first meeting; that is not drawn
            try:
                self.meeting.options = options
            finally:
                self._quiet = False
        if self.meeting.value != current:
            self.meeting.value = current
        else:
            self._draw_meeting()
        keep_choice(self.item_initiatives, [(f"{i.id} {i.title}", i.id) for i in self.ws.initiatives])
        keep_choice(
            self.action_initiative, [("(intet)", "")] + [(f"{i.id} {i.title}", i.id) for i in self.ws.initiatives]
        )

    def _draw_meeting(self) -> None:
        m = self.ws.meeting_by_id.get(self.meeting.value)
        if getattr(self, "files_for", None) != self.meeting.value:
            self.invitation_files.clear()  # another meeting's files must not be sent for this one
            self.minutes_files.clear()
            self.agenda_files.clear()
        if m is None:
            show_html(self.info_out, card("Ingen møder endnu", ["Brug fanen Årsplan til at oprette årets møder."]))
            return
        due = deadlines(m.date, self.ws.charter.meetings)
        kind = {MeetingKind.ORDINARY: "ordinært", MeetingKind.EXTRAORDINARY: "ekstraordinært"}.get(m.kind, m.kind)
        show_html(
            self.info_out,
            card(
                f"{m.id} – {kind} møde ({m.state})",
                [
                    f"{da_date(m.date)} {da_time(m.start)}–{m.end:%H.%M}, {m.venue}"
                    + (f", {m.room}" if m.room else ""),
                    f"Indkaldelse senest {da_date(due.invitation, False)}: "
                    + (f"sendt {da_date(m.invitation_sent, False)}" if m.invitation_sent else "ikke sendt"),
                    f"Dagsorden senest {da_date(due.agenda, False)}: "
                    + (f"sendt {da_date(m.agenda_sent, False)}" if m.agenda_sent else "ikke sendt"),
                    f"Referat senest {da_date(due.minutes, False)}: "
                    + (f"sendt {da_date(m.minutes_sent, False)}" if m.minutes_sent else "ikke sendt"),
                ],
            ),
        )
        items = agenda_for(self.ws, m.id)
        used = agenda_time(self.ws, m.id)
        over = f" – {used.over} minutter for meget" if used.over else ""
        show_html(
            self.agenda_out,
            html_table(
                ["Nr.", "Punkt", "Type", "Oplægsholder", "Min.", "Initiativer", "Indstilling"],
                [
                    (
                        i.number,
                        i.title,
                        i.kind,
                        i.presenter or "",
                        i.minutes or "",
                        ", ".join(i.initiatives),
                        i.recommendation or "",
                    )
                    for i in items
                ],
            )
            + f"<p>Tid i alt: {used.used} af {used.available} minutter{over}.</p>",
        )
        same = getattr(self, "_drawn", None) == m.id  # a redraw after a save keeps the choices made for it
        self._drawn = m.id
        keep_choice(self.remove_number, [(f"{i.number}. {i.title}", i.number) for i in items], same)
        candidates = carry_over_candidates(self.ws, m.id)
        self.carry_items.options = [
            (
                f"{da_date(self.ws.meeting_by_id[i.meeting].date, False)}, pkt. {i.number}: {i.title}",
                (i.meeting, i.number),
            )
            for i in candidates.items
        ]
        self.carry_items.value = tuple(o[1] for o in self.carry_items.options)
        self.carry_actions.description = f"Tilføj punkt om {len(candidates.actions)} åbne opgaver"
        show_text(self.invitation_out, invitation_text(self.ws, m.id))
        members = active_members(self.ws, m.date)
        recorded = {a.member: a.status for a in self.ws.attendance if a.meeting == m.id}
        self.attendance_widgets = {
            a.id: w.ToggleButtons(
                options=ATTENDANCE,
                value=recorded.get(a.id, Presence.PRESENT),
                description=a.name,
                style={"description_width": "200px", "button_width": "90px"},
            )
            for a in members
        }
        self.attendance_box.children = tuple(self.attendance_widgets.values())
        keep_choice(self.decision_item, [(f"{i.number}. {i.title} ({i.kind})", i.number) for i in items], same)
        self._fill_decision()
        people = [(f"{a.name} (medlem)", a.id) for a in members] + [
            (f"{s.name} (sekretariat)", s.id) for s in self.ws.secretariat if is_active(s, m.date)
        ]
        keep_choice(self.action_owners, people, same)
        keep_choice(self.close_which, [(f"{a.id}: {a.text}", a.id) for a in open_actions(self.ws)], same)
        later = [x for x in sorted(self.ws.meetings, key=lambda x: x.date) if x.date > m.date]
        keep_choice(self.approve_at, [(x.id, x.id) for x in later], same)
        show_markdown(self.minutes_out, minutes_markdown(self.ws, m.id))
        show_html(self.trace_out, meeting_trace_html(self.ws, m.id, read_changes(self.store.root)))

    def _fill_decision(self) -> None:
        items = {i.number: i for i in agenda_for(self.ws, self.meeting.value or "")}
        item = items.get(self.decision_item.value)
        self.decision_text.value = (item.decision or "") if item else ""

    # --- handlers ------------------------------------------------------------------------------
    def _on_propose(self, _b=None) -> None:
        with busy(self.propose, "Finder datoer …"):
            self._propose()

    def _propose(self) -> None:
        year = self.year.value
        taken = frozenset(m.date for m in self.ws.meetings)
        existing = [m for m in self.ws.meetings if m.date.year == year]
        rows = [(m.id, da_date(m.date), "findes allerede", "", "") for m in existing]
        for day in propose_year(self.ws.charter, year, taken):
            due = deadlines(day, self.ws.charter.meetings)
            rows.append(
                (
                    "forslag",
                    f"{da_date(day)} {da_time(self.ws.charter.meetings.start)}",
                    da_date(due.invitation, False),
                    da_date(due.agenda, False),
                    da_date(due.minutes, False),
                )
            )
        self.proposal = rows
        show_html(
            self.plan_out,
            html_table(["Møde", "Dato", "Indkaldelse senest", "Dagsorden senest", "Referat senest"], rows),
        )

    def _on_adopt(self, _b=None) -> None:
        year = self.year.value
        before = {m.id for m in self.ws.meetings}
        with busy(self.adopt, f"Opretter møderne for {year} …", self.message):
            saved = self._apply(
                lambda ws: adopt_year_plan(ws, year), f"årsplan {year}", f"Årsplanen for {year} er gemt."
            )
            if saved:  # the meeting chosen above stays chosen: the new ones are named, not jumped to
                new = sorted({m.id for m in self.ws.meetings} - before)
                self._propose()
        if saved:
            show_text(self.message, f"Årsplanen for {year} er gemt: " + (", ".join(new) or "ingen nye møder") + ".")

    def _on_standard(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        self._apply(lambda ws: standard_agenda(ws, mid), f"standardpunkter {mid}", "Standardpunkterne er indsat.")

    def _on_add_item(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        args = dict(
            title=self.item_title.value,
            kind=self.item_kind.value,
            presenter=self.item_presenter.value.strip() or None,
            minutes=self.item_minutes.value.strip() or None,
            initiatives=tuple(self.item_initiatives.value),
            recommendation=self.item_recommendation.value.strip() or None,
            case=self.item_case.value.strip() or None,
            attachments=self.item_attachments.value.strip() or None,
        )
        if self._apply(
            lambda ws: add_item(ws, mid, **args),
            f"dagsordenspunkt {mid}",
            f"Punktet '{args['title'].strip()}' er tilføjet.",
        ):
            self.item_title.value = self.item_presenter.value = self.item_recommendation.value = ""
            self.item_case.value = self.item_attachments.value = ""
            self.item_initiatives.value = ()

    def _on_remove(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        number = self.remove_number.value
        if number is not None:
            self._apply(lambda ws: remove_item(ws, mid, number), f"punkt fjernet {mid}", f"Punkt {number} er fjernet.")

    def _on_carry(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        chosen = set(self.carry_items.value)
        items = [i for i in carry_over_candidates(self.ws, mid).items if (i.meeting, i.number) in chosen]
        with_actions = self.carry_actions.value
        there = any(i.title.startswith(ACTIONS_ITEM) for i in agenda_for(self.ws, mid))
        none_open = not carry_over_candidates(self.ws, mid).actions
        actions = (
            "."
            if not with_actions
            else " – punktet om åbne opgaver står allerede på dagsordenen."
            if there
            else " – der er ingen åbne opgaver fra tidligere møder."
            if none_open
            else " og åbne opgaver tilføjet."
        )
        self._apply(
            lambda ws: carry_over(ws, mid, items, with_actions),
            f"overført til {mid}",
            f"{len(items)} punkt(er) overført{actions}",
        )

    def _pdfs(self, paths: list[Path]) -> str:
        """Add the PDFs of ``paths`` to ``last_files`` when asked; the Danish reason when there are none."""
        from ..documents.pdf import screen_note, with_pdfs

        self.last_files, problem = (
            with_pdfs(paths, self.today, self.store.root) if self.with_pdf.value else (paths, None)
        )
        return f"\n{screen_note(problem)}" if problem else ""

    def _chosen(self) -> str | None:
        """The chosen meeting's id; None, with a message saying so, when none is chosen (or there is none)."""
        mid = self.meeting.value
        if mid is None or mid not in self.ws.meeting_by_id:
            show_text(self.message, "Vælg et møde." if self.ws.meetings else "Der er ingen møder endnu – planlæg et.")
            return None
        return mid

    def _called(self, mid: str) -> str:
        """A meeting as a secretary names it in a message: 'mødet den 22. april 2027', with its time when
        another meeting falls on the same day ('mødet den 22. april 2027 kl. 9.00')."""
        m = self.ws.meeting_by_id.get(mid)
        if m is None:
            return f"mødet {mid}"
        same_day = [o for o in self.ws.meetings if o.date == m.date]
        return f"mødet den {da_date(m.date, False)}" + (f" {da_time(m.start)}" if len(same_day) > 1 and m.start else "")

    def _template(self):
        from ..documents.office import workspace_template

        return workspace_template(self.ws.charter, self.store.root)

    def _on_export_invitation(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        with busy(self.export_invitation, "Laver indkaldelsen …", self.message):
            self.invitation_files.clear()
            try:
                paths = write_invitation(
                    self.ws, mid, self.export_dir, self.today, workspace=self.store.root, template=self._template()
                )
                note = self._pdfs(paths)
            except (OSError, ForumkitError) as exc:
                show_text(self.message, f"Kunne ikke gemme indkaldelsen: {exc}")
                return
            self.files_for = mid
            self.invitation_files.offer(self.last_files, f"Hent indkaldelsen til {self._called(mid)}")
        show_text(
            self.message,
            f"Indkaldelsen til {self._called(mid)} er klar: {len(self.last_files)} filer. Hent dem under "
            "knappen, send dem med dit mailprogram, og registrér derefter, at indkaldelsen er "
            "sendt." + note,
        )

    def _on_export_agenda(self, _b=None) -> None:
        from ..documents.agenda import write_agenda
        from ..documents.pdf import screen_note, with_pdfs

        mid = self._chosen()
        if mid is None:
            return
        with busy(self.export_agenda, "Laver dagsordenen …", self.message):
            self.agenda_files.clear()
            try:
                path = write_agenda(self.ws, mid, self.export_dir, self.today, self.store.root, self._template())
                self.last_files, problem = with_pdfs([path], self.today, self.store.root)
            except (OSError, ForumkitError) as exc:
                show_text(self.message, f"Kunne ikke gemme dagsordenen: {exc}")
                return
            self.files_for = mid
            self.agenda_files.offer(self.last_files, f"Hent dagsordenen til {self._called(mid)}")
        show_text(
            self.message,
            f"Dagsordenen til {self._called(mid)} er klar: {len(self.last_files)} filer. Hent dem under "
            "knappen." + (f"\n{screen_note(problem)}" if problem else ""),
        )

    def _on_export_pack(self, _b=None) -> None:
        from ..documents.board_pack import write_board_pack

        mid = self._chosen()
        if mid is None:
            return
        with busy(self.export_pack, "Samler mødemappen …", self.message):
            self.agenda_files.clear()
            try:
                pack = write_board_pack(
                    self.ws,
                    self.store.root,
                    mid,
                    self.export_dir,
                    self.today,
                    read_changes(self.store.root),
                    self._template(),
                )
            except (OSError, ForumkitError) as exc:
                show_text(self.message, f"Kunne ikke gemme mødemappen: {exc}")
                return
            self.last_files = [pack.path]
            self.files_for = mid
            self.agenda_files.offer(self.last_files, f"Hent mødemappen til {self._called(mid)}")
        show_text(
            self.message,
            f"Mødemappen til {self._called(mid)} er klar: én PDF på {pack.pages} sider. Hent den under knappen.",
        )

    def _on_sent(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        what, day = self.sent_what.value, self.sent_day.value
        self._apply(
            lambda ws: record_sent(ws, mid, what, day),
            f"{what} sendt {mid}",
            f"Registreret: {what} til {self._called(mid)} sendt {da_date(day, False)}.",
        )

    def _on_attendance(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        chosen = {member: toggle.value for member, toggle in self.attendance_widgets.items()}

        def change(ws):
            for member, status in chosen.items():
                ws = set_attendance(ws, mid, member, status)
            return ws

        counts = {s: list(chosen.values()).count(s) for s in ATTENDANCE}
        self._apply(
            change,
            f"fremmøde {mid}",
            f"Fremmødet er gemt: {counts[Presence.PRESENT]} deltog, {counts[Presence.APOLOGIES]} "
            f"afbud, {counts[Presence.ABSENT]} fraværende.",
        )

    def _on_held(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        self._apply(
            lambda ws: mark_held(ws, mid, self.today),
            f"afholdt {mid}",
            f"{self._called(mid).capitalize()} er markeret som afholdt.",
        )

    def _on_decision(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        number, text = self.decision_item.value, self.decision_text.value
        if number is None:
            show_text(self.message, "Vælg et punkt.")
            return
        self._apply(
            lambda ws: set_decision(ws, mid, number, text),
            f"beslutning {mid}/{number}",
            f"Beslutningen til punkt {number} er gemt.",
        )

    def _on_action(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        args = dict(
            text=self.action_text.value,
            owners=tuple(self.action_owners.value),
            due=self.action_due.value,
            number=self.decision_item.value,
            initiative=self.action_initiative.value or None,
        )
        if self._apply(lambda ws: add_action(ws, mid, **args), f"opgave {mid}", "Opgaven er tilføjet."):
            self.action_text.value = ""

    def _on_close(self, _b=None) -> None:
        which, day = self.close_which.value, self.today
        if which:
            self._apply(lambda ws: close_action(ws, which, day), f"opgave lukket {which}", f"{which} er lukket.")

    def _on_export_minutes(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        with busy(self.export_minutes, "Laver referatet …", self.message):
            self.minutes_files.clear()
            try:
                note = self._pdfs(
                    write_minutes(
                        self.ws, mid, self.export_dir, self.today, workspace=self.store.root, template=self._template()
                    )
                )
            except (OSError, ForumkitError) as exc:
                show_text(self.message, f"Kunne ikke gemme referatet: {exc}")
                return
            self.files_for = mid
            self.minutes_files.offer(self.last_files, f"Hent referatet af {self._called(mid)}")
        show_text(
            self.message,
            f"Referatet af {self._called(mid)} er klar: {len(self.last_files)} filer. Hent dem under knappen." + note,
        )

    def _on_approve(self, _b=None) -> None:
        mid = self._chosen()
        if mid is None:
            return
        at = self.approve_at.value
        if at:
            self._apply(
                lambda ws: approve_minutes(ws, mid, at, self.today),
                f"referat godkendt {mid}",
                f"Referatet af {self._called(mid)} er registreret som godkendt på {self._called(at)}.",
            )
