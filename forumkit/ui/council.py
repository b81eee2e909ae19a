"""The status screen's council section: plan the year's status to the council, then register it presented
with its date, committee and decision (only a presented one satisfies the charter's yearly rule)."""

from __future__ import annotations

import ipywidgets as w

from ..edits.council import plan_council_report, present_council_report
from ..model.danish import da_date
from ..model.vocab import ReportState
from .common import DAY_RANGE, button, html_table, show_html, show_text

__all__ = ["CouncilSection"]

_STYLE = {"description_width": "130px"}


def _wide() -> w.Layout:
    return w.Layout(width="520px")


class CouncilSection(w.VBox):
    """Part of the status screen: ``screen`` gives ws, today, message and _apply."""

    def __init__(self, screen):
        self.screen = screen
        self.table_out = w.Output()
        self.p_day = w.DatePicker(description="Dato:", style=_STYLE, **DAY_RANGE)
        self.p_title = w.Text(description="Titel:", style=_STYLE, layout=_wide(), placeholder="fx Status 2027")
        self.p_committee = w.Text(description="Udvalg:", style=_STYLE, layout=_wide())
        self.plan = button("Planlæg status", "calendar")
        self.r_pick = w.Dropdown(description="Status:", style=_STYLE, layout=_wide())
        self.r_day = w.DatePicker(description="Forelagt den:", style=_STYLE, **DAY_RANGE)
        self.r_committee = w.Text(description="Udvalg:", style=_STYLE, layout=_wide())
        self.r_decision = w.Textarea(
            description="Beslutning:",
            style=_STYLE,
            layout=_wide(),
            placeholder="fx Orienteringen blev taget til efterretning",
        )
        self.present = button("Registrér som forelagt", "check", primary=True)
        self.plan.on_click(self._on_plan)
        self.present.on_click(self._on_present)
        self.r_pick.observe(lambda _c: self._fill(), names="value")
        super().__init__(
            [
                w.HTML("<h4>Status til kommunalbestyrelsen</h4>"),
                self.table_out,
                w.HTML("<b>Planlæg en status</b>"),
                self.p_day,
                self.p_title,
                self.p_committee,
                self.plan,
                w.HTML("<b>Registrér en status som forelagt</b>"),
                self.r_pick,
                self.r_day,
                self.r_committee,
                self.r_decision,
                self.present,
            ]
        )

    def reload(self) -> None:
        ws = getattr(self.screen, "ws", None)
        if ws is None:
            return
        if not self.p_committee.value:
            self.p_committee.value = ws.charter.council.committee
        rows = sorted(ws.council_reports, key=lambda r: (r.date, r.id))
        show_html(
            self.table_out,
            html_table(
                ["Id", "Dato", "Udvalg", "Titel", "Tilstand", "Beslutning"],
                [(r.id, da_date(r.date, False), r.committee, r.title, r.state, r.decision or "") for r in rows],
            )
            if rows
            else "<p>Ingen status registreret endnu.</p>",
        )
        planned = [
            (f"{r.id} {r.title} ({da_date(r.date, False)})", r.id) for r in rows if r.state == ReportState.PLANNED
        ]
        value = self.r_pick.value
        self.r_pick.options = planned
        ids = [o[1] for o in planned]
        self.r_pick.value = value if value in ids else (ids[0] if ids else None)
        self.present.disabled = not planned
        self._fill()

    def _fill(self) -> None:
        ws = getattr(self.screen, "ws", None)
        report = next((r for r in ws.council_reports if r.id == self.r_pick.value), None) if ws else None
        if report is not None:
            self.r_day.value = report.date
            self.r_committee.value = report.committee

    def _on_plan(self, _b=None) -> None:
        day = self.p_day.value
        if day is None:
            show_text(self.screen.message, "Vælg datoen for udvalgsmødet.")
            return
        title, committee = self.p_title.value.strip(), self.p_committee.value.strip()
        if self.screen._apply(
            lambda ws: plan_council_report(ws, day=day, title=title, committee=committee),
            "status til kommunalbestyrelsen planlagt",
            f"Status til kommunalbestyrelsen er planlagt {da_date(day, False)}.",
        ):
            self.p_title.value = ""

    def _on_present(self, _b=None) -> None:
        rid, day = self.r_pick.value, self.r_day.value
        if not rid or day is None:
            show_text(self.screen.message, "Vælg den planlagte status og datoen, den blev forelagt.")
            return
        committee, decision = self.r_committee.value.strip(), self.r_decision.value.strip()
        if self.screen._apply(
            lambda ws: present_council_report(
                ws, rid, day=day, today=self.screen.today, committee=committee, decision=decision
            ),
            f"status {rid} forelagt",
            f"{rid} er registreret som forelagt.",
        ):
            self.r_decision.value = ""
