"""Screen 'Overblik': the forum's health at a glance – findings, next meeting, what is due in 30 days."""

from __future__ import annotations

from datetime import date

import ipywidgets as w

from ..model.danish import da_date, da_time
from ..model.errors import WorkspaceError
from ..model.membership import active_members, chair
from ..model.vocab import Severity
from ..rules.checks import run_checks, severity_counts
from ..rules.planning import deadlines
from ..rules.upcoming import due_within, next_meeting
from ..storage.store import Store
from .common import Screen, button, card, findings_html, html_table, show_html

__all__ = ["OverviewScreen"]


class OverviewScreen(Screen, w.VBox):
    """The first screen a secretary opens: what is wrong, what is next, what is due."""

    def __init__(self, store: Store, today: date):
        self.store, self.today = store, today
        # A number field, not a slider: it has a real <label> and is typed and read aloud as a number.
        self.days = w.BoundedIntText(
            value=30,
            min=7,
            max=120,
            step=1,
            description="Dage frem:",
            style={"description_width": "initial"},
            layout=w.Layout(width="180px"),
        )
        self.refresh = button("Opdatér", "refresh", primary=True)
        self.header = w.HTML()
        self.findings_out = w.Output()
        self.meeting_out = w.Output()
        self.due_out = w.Output()
        self.refresh.on_click(lambda _b: self.reload())
        self.days.observe(lambda _c: self.reload(), names="value")
        super().__init__(
            [
                self.header,
                w.HBox([self.days, self.refresh]),
                w.HTML("<h3>Næste møde</h3>"),
                self.meeting_out,
                w.HTML("<h3>Det skal ske snart</h3>"),
                self.due_out,
                w.HTML("<h3>Kontrol af kommissoriet</h3>"),
                self.findings_out,
            ]
        )
        self.reload()

    def reload(self) -> None:
        try:
            ws = self.store.load()
        except WorkspaceError as exc:
            self.header.value = card("Arbejdsområdet kan ikke indlæses", [str(p) for p in exc.problems])
            return
        self.ws = ws
        self.findings = run_checks(ws, self.today)
        members = active_members(ws, self.today)
        leader = chair(ws, self.today)
        counts = severity_counts(self.findings)
        self.header.value = card(
            ws.charter.forum.name,
            [
                f"{ws.charter.forum.municipality} · i dag er {da_date(self.today)}",
                f"{len(members)} af {ws.charter.seat_total} sæder besat · "
                f"formand: {leader.name if leader else 'ikke valgt'}",
                f"Kontrol: {counts[Severity.ERROR]} fejl, {counts[Severity.WARNING]} advarsler",
            ],
        )
        show_html(self.findings_out, findings_html(self.findings))
        show_html(self.meeting_out, self._meeting_html())
        self.due = due_within(ws, self.today, self.days.value)
        show_html(
            self.due_out,
            html_table(["Dato", "Hvad", "Id"], [(da_date(d.day), d.what, d.ref) for d in self.due])
            if self.due
            else card("Intet forfalder", [f"Intet de næste {self.days.value} dage."]),
        )

    def _meeting_html(self) -> str:
        meeting = next_meeting(self.ws, self.today)
        if meeting is None:
            return card("Intet møde planlagt", ["Planlæg årets møder under Mødeplanlægning."])
        due = deadlines(meeting.date, self.ws.charter.meetings)
        items = [a for a in self.ws.agenda if a.meeting == meeting.id]
        return card(
            f"{meeting.id}: {meeting.theme or 'forummøde'}",
            [
                f"{da_date(meeting.date)} {da_time(meeting.start)}–{meeting.end:%H.%M}, {meeting.venue}"
                + (f", {meeting.room}" if meeting.room else ""),
                f"Indkaldelse senest {da_date(due.invitation, False)}"
                + (
                    f" (sendt {da_date(meeting.invitation_sent, False)})"
                    if meeting.invitation_sent
                    else " – ikke sendt"
                ),
                f"Dagsorden senest {da_date(due.agenda, False)} · {len(items)} punkter på dagsordenen",
            ],
        )

    def summary(self) -> str:
        """A plain-text summary (for golden cells and e-mail)."""
        lines = [f"Kontrol pr. {da_date(self.today, False)}:"]
        lines += [f"  {f}" for f in self.findings] or ["  ingen fund"]
        meeting = next_meeting(self.ws, self.today)
        lines.append(f"Næste møde: {meeting.id} {da_date(meeting.date)}" if meeting else "Næste møde: ikke planlagt")
        lines.append(f"De næste {self.days.value} dage:")
        lines += [f"  {da_date(d.day, False)}: {d.what}" for d in self.due] or ["  intet"]
        return "\n".join(lines)
