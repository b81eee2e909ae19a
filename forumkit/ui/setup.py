"""Screen 'Opsætning af forum': the seat grid, appoint/replace/end, the chair election, the secretariat,
the composition check and the member-list exports. Widgets only; the rules live in forumkit.roster."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import ipywidgets as w

from ..documents.member_exports import (
    write_contacts_xlsx,
    write_public_docx,
    write_public_xlsx,
)
from ..edits.roster import (
    add_staff,
    appoint,
    elect_chair,
    end_appointment,
    replace_member,
    seat_slots,
)
from ..model.danish import da_date
from ..model.errors import ForumkitError, InputError
from ..model.membership import is_active
from ..model.vocab import MeetingKind, SeatState
from ..rules.composition import check_composition
from ..storage.store import Store
from .common import (
    DAY_RANGE,
    Screen,
    button,
    findings_html,
    html_table,
    show_html,
    show_text,
)
from .downloads import Downloads
from .feedback import busy, keep_choice
from .privacy import ForgetPanel

__all__ = ["SetupScreen"]

_WIDE = {"description_width": "140px"}


def _layout() -> w.Layout:
    """A fresh layout per widget: a shared Layout would hide every widget when one is hidden."""
    return w.Layout(width="460px")


def _text(description: str, placeholder: str = "") -> w.Text:
    return w.Text(description=description, placeholder=placeholder, style=_WIDE, layout=_layout())


class SetupScreen(Screen, w.VBox):
    """Everything about who sits in the forum, with the composition check always in view."""

    def __init__(self, store: Store, today: date, export_dir: Path | None = None):
        self.store, self.today = store, today
        self.export_dir = Path(export_dir) if export_dir else store.root / "eksport"
        self.as_of = w.DatePicker(description="Pr. dato:", value=today, style=_WIDE, **DAY_RANGE)
        self.grid_out, self.check_out, self.message = w.Output(), w.Output(), w.Output()
        # Appoint or replace
        self.mode = w.ToggleButtons(
            options=[("Ny udpegning", "ny"), ("Erstat et medlem", "erstat")], description="Handling:", style=_WIDE
        )
        self.seat = w.Dropdown(description="Sæde:", style=_WIDE, layout=_layout())
        self.replaces = w.Dropdown(description="Erstatter:", style=_WIDE, layout=_layout())
        self.name = _text("Navn:", "fx Hanne Jensen")
        self.organisation = _text("Virksomhed:", "personens virksomhed eller organisation")
        self.start = w.DatePicker(description="Fra:", value=today, style=_WIDE, **DAY_RANGE)
        self.end = w.DatePicker(description="Til (valgfri):", style=_WIDE, **DAY_RANGE)
        self.email = _text("E-mail:", "personens e-mailadresse")
        self.phone = _text("Telefon:", "8 cifre")
        self.hint = w.HTML()
        self.save = button("Gem udpegning", "check", primary=True)
        # End an appointment
        self.end_who = w.Dropdown(description="Medlem:", style=_WIDE, layout=_layout())
        self.end_day = w.DatePicker(description="Sidste dag:", value=today, style=_WIDE, **DAY_RANGE)
        self.end_button = button("Afslut udpegning", "times")
        # Chair election
        self.chair_meeting = w.Dropdown(description="Møde:", style=_WIDE, layout=_layout())
        self.chair_who = w.Dropdown(description="Valgt formand:", style=_WIDE, layout=_layout())
        self.chair_button = button("Registrér formandsvalg", "gavel")
        # Secretariat
        self.staff_out = w.Output()
        self.staff_role = w.Dropdown(description="Rolle:", style=_WIDE, layout=_layout())
        self.staff_name = _text("Navn:")
        self.staff_title = _text("Titel:")
        self.staff_email = _text("E-mail:")
        self.staff_button = button("Tilføj medarbejder", "plus")
        # Exports
        self.export_public_xlsx = button("Medlemsliste (Excel)", "file-excel-o")
        self.export_public_docx = button("Medlemsliste (Word)", "file-word-o")
        self.export_contacts = button("Kontaktliste, intern (Excel)", "lock")
        self.export_out = w.Output()
        self.export_files = Downloads()
        self._form_touched = False  # the name hint is only a reminder after the user has begun

        self.save.on_click(self._on_save)
        self.end_button.on_click(self._on_end)
        self.chair_button.on_click(self._on_chair)
        self.staff_button.on_click(self._on_staff)
        self.export_public_xlsx.on_click(lambda _b: self._export("public_xlsx"))
        self.export_public_docx.on_click(lambda _b: self._export("public_docx"))
        self.export_contacts.on_click(lambda _b: self._export("contacts"))
        self.as_of.observe(lambda _c: self.reload(), names="value")
        self.chair_meeting.observe(lambda _c: self._fill_chair_candidates(), names="value")
        for field in (self.mode, self.seat, self.name, self.start, self.end, self.email, self.phone):
            field.observe(self._on_form_change, names="value")

        form = w.VBox(
            [
                self.mode,
                self.seat,
                self.replaces,
                self.name,
                self.organisation,
                self.start,
                self.end,
                self.email,
                self.phone,
                self.hint,
                self.save,
            ]
        )
        tabs = w.Tab(
            [
                form,
                w.VBox([self.end_who, self.end_day, self.end_button]),
                w.VBox(
                    [
                        w.HTML("Formanden vælges på det konstituerende møde blandt de siddende medlemmer."),
                        self.chair_meeting,
                        self.chair_who,
                        self.chair_button,
                    ]
                ),
                w.VBox(
                    [
                        self.staff_out,
                        self.staff_role,
                        self.staff_name,
                        self.staff_title,
                        self.staff_email,
                        self.staff_button,
                    ]
                ),
                w.VBox(
                    [
                        w.HTML("Medlemslisten er offentlig og har ingen kontaktoplysninger. Kontaktlisten er intern."),
                        w.HBox([self.export_public_xlsx, self.export_public_docx, self.export_contacts]),
                        self.export_out,
                        self.export_files,
                    ]
                ),
                ForgetPanel(store, today, after=self.reload),
            ]
        )
        for i, title in enumerate(
            ("Udpeg eller erstat", "Afslut udpegning", "Formandsvalg", "Sekretariat", "Medlemslister", "Persondata")
        ):
            tabs.set_title(i, title)
        super().__init__(
            [
                self.as_of,
                w.HTML("<h3>Sæderne</h3>"),
                self.grid_out,
                w.HTML("<h3>Kontrol af sammensætningen</h3>"),
                self.check_out,
                w.HTML("<h3>Ret i forummet</h3>"),
                tabs,
                self.message,
            ]
        )
        self.reload()

    # --- drawing -------------------------------------------------------------------------------
    def _places(self, seat_id: str) -> int:
        seat = self.ws.charter.seat_by_id.get(seat_id)
        return seat.count if seat else 1

    def reload(self) -> None:
        if not self.load_into(self.grid_out):
            return
        day = self.as_of.value or self.today
        self.slots = seat_slots(self.ws, day)
        show_html(
            self.grid_out,
            html_table(
                ["Sæde", "Udpeges af", "Tilstand", "Navn", "Virksomhed", "Rolle", "Udpeget til"],
                [
                    (
                        f"{s.seat_name} ({s.seat_id}{' ' + str(s.number) if s.number > 1 or self._places(s.seat_id) > 1 else ''})",  # noqa: E501
                        s.appointed_by,
                        s.state,
                        s.appointment.name if s.appointment else "–",
                        (s.appointment.organisation or "") if s.appointment else "",
                        s.appointment.role_on(day) if s.appointment else "",
                        da_date(s.appointment.end, False) if s.appointment and s.appointment.end else "",
                    )
                    for s in self.slots
                ],
            ),
        )
        self.findings = check_composition(self.ws, day)
        show_html(self.check_out, findings_html(self.findings))
        show_html(
            self.staff_out,
            html_table(
                ["Rolle", "Navn", "Titel"],
                [
                    (
                        self.ws.charter.role_by_id[s.role].name if s.role in self.ws.charter.role_by_id else s.role,
                        s.name,
                        s.title or "",
                    )
                    for s in self.ws.secretariat
                    if is_active(s, day)
                ],
            ),
        )
        self._fill_seats()
        keep_choice(self.staff_role, [(r.name, r.id) for r in self.ws.charter.secretariat])
        active = [a for a in self.ws.members if is_active(a, day)]
        keep_choice(self.end_who, [(f"{a.name} ({a.seat})", a.id) for a in active])
        meetings = sorted(self.ws.meetings, key=lambda m: (m.kind != MeetingKind.CONSTITUENT, m.date))
        keep_choice(self.chair_meeting, [(f"{m.id} {da_date(m.date, False)} ({m.kind})", m.id) for m in meetings])
        self._fill_chair_candidates()
        self._fill_replaces()
        self._validate()

    def _vacant_seat(self) -> str | None:
        """The seat a new appointment most likely fills: the first vacant one, else the first expiring one."""
        for state in (SeatState.VACANT, SeatState.EXPIRING):
            slot = next((s for s in self.slots if s.state == state), None)
            if slot is not None:
                return slot.seat_id
        return None

    def _fill_seats(self, fresh: bool = False) -> None:
        """The seat choices, with the user's choice kept; a fresh form starts on the vacant seat."""
        vacant = {s.seat_id for s in self.slots if s.state == SeatState.VACANT}
        options = [
            (f"{s.name} – udpeges af {s.appointed_by}" + (" (ledigt)" if s.id in vacant else ""), s.id)
            for s in self.ws.charter.seats
        ]
        chosen = None if fresh or not getattr(self, "_seat_chosen", False) else self.seat.value
        if list(self.seat.options) != options:
            self._filling_seats = True
            try:
                self.seat.options = options
            finally:
                self._filling_seats = False
        ids = [o[1] for o in options]
        wanted = chosen if chosen in ids else (self._vacant_seat() or (ids[0] if ids else None))
        if self.seat.value != wanted:
            self._filling_seats = True
            try:
                self.seat.value = wanted
            finally:
                self._filling_seats = False
            self._on_form_change()

    def _on_form_change(self, change=None) -> None:
        if change is not None and change["owner"] is self.seat and not getattr(self, "_filling_seats", False):
            self._seat_chosen = True  # the user picked it: later reloads keep it
        if change is not None and change["owner"] in (self.name, self.email, self.phone) and change["new"]:
            self._form_touched = True
        self._fill_replaces()
        self._validate()

    def _fill_replaces(self) -> None:
        if not hasattr(self, "ws"):
            return
        day = self.start.value or self.today
        holders = [a for a in self.ws.members if a.seat == self.seat.value and is_active(a, day)]
        options = [(f"{a.name} (til {da_date(a.end, False) if a.end else 'ingen slutdato'})", a.id) for a in holders]
        if list(self.replaces.options) != options:
            self.replaces.options = options
        if self.replaces.value is None and options:
            self.replaces.value = options[0][1]
        self.replaces.layout.display = None if self.mode.value == "erstat" else "none"

    def _fill_chair_candidates(self) -> None:
        meeting = self.ws.meeting_by_id.get(self.chair_meeting.value) if hasattr(self, "ws") else None
        if meeting is None:
            self.chair_who.options = []
            return
        keep_choice(
            self.chair_who, [(f"{a.name} ({a.seat})", a.id) for a in self.ws.members if is_active(a, meeting.date)]
        )

    # --- the appointment form ------------------------------------------------------------------
    def _appointment_change(self):
        details = dict(
            name=self.name.value.strip(),
            start=self.start.value,
            end=self.end.value,
            organisation=self.organisation.value.strip() or None,
            email=self.email.value.strip() or None,
            phone=self.phone.value.strip() or None,
        )
        if self.start.value is None:
            raise InputError("Startdato", None, "vælg en startdato")
        if self.mode.value == "erstat":
            if not self.replaces.value:
                raise InputError(
                    "Erstatter", None, "der er ingen at erstatte i sædet på startdatoen – vælg 'Ny udpegning'"
                )
            target = self.replaces.value
            return lambda ws: replace_member(ws, target, **details)
        seat = self.seat.value
        if seat not in self.ws.charter.seat_by_id:
            raise InputError("Sæde", self.seat.value, "vælg et sæde")
        charter_seat = self.ws.charter.seat_by_id[seat]
        return lambda ws: appoint(ws, seat=seat, appointed_by=charter_seat.appointed_by, **details)

    def _validate(self) -> bool:
        """Inline validation: try the change on the loaded data without saving."""
        if not hasattr(self, "ws") or not self.name.value.strip():
            # a reminder once the user has begun; a fresh (or just reset) form says nothing
            self.hint.value = "<i>Udfyld navn og startdato.</i>" if self._form_touched else ""
            self.save.disabled = True
            return False
        try:
            self._appointment_change()(self.ws)
        except ForumkitError as exc:
            from html import escape

            self.hint.value = f"<span style='color:#b2182b'>⚠ {escape(str(exc))}</span>"
            self.save.disabled = True
            return False
        self.hint.value = "<span style='color:#1a7f37'>✓ Klar til at gemme</span>"
        self.save.disabled = False
        return True

    def _on_save(self, _button=None) -> None:
        try:
            change = self._appointment_change()
        except ForumkitError as exc:
            show_text(self.message, f"Ikke gemt: {exc}")
            return
        name = self.name.value.strip()
        if self._apply(change, f"udpegning: {name}", f"Gemt: {name} er udpeget fra {da_date(self.start.value)}."):
            self.reset_form()

    def reset_form(self) -> None:
        """An empty form on the next vacant seat, with no validation message left from before."""
        for field in (self.name, self.organisation, self.email, self.phone):
            field.value = ""
        self._form_touched = False
        self._seat_chosen = False
        self._fill_seats(fresh=True)
        self._validate()

    def _on_end(self, _button=None) -> None:
        who, day = self.end_who.value, self.end_day.value
        if not who or day is None:
            show_text(self.message, "Vælg et medlem og en sidste dag.")
            return
        name = self.ws.member_by_id[who].name
        self._apply(
            lambda ws: end_appointment(ws, who, day),
            f"udpegning afsluttet: {name}",
            f"Gemt: {name}s udpegning slutter {da_date(day)}.",
        )

    def _on_chair(self, _button=None) -> None:
        who, meeting = self.chair_who.value, self.chair_meeting.value
        if not who or not meeting:
            show_text(self.message, "Vælg et møde og et medlem.")
            return
        name = self.ws.member_by_id[who].name
        self._apply(
            lambda ws: elect_chair(ws, who, meeting),
            f"formandsvalg: {name}",
            f"Gemt: {name} er valgt som formand på mødet {meeting}.",
        )

    def _on_staff(self, _button=None) -> None:
        role, name = self.staff_role.value, self.staff_name.value.strip()
        if not name:
            show_text(self.message, "Skriv medarbejderens navn.")
            return
        title, email, start = (
            self.staff_title.value.strip() or None,
            self.staff_email.value.strip() or None,
            self.as_of.value or self.today,
        )
        if self._apply(
            lambda ws: add_staff(ws, role=role, name=name, title=title, email=email, start=start),
            f"sekretariat: {name}",
            f"Gemt: {name} er tilføjet sekretariatet.",
        ):
            self.staff_name.value = self.staff_title.value = self.staff_email.value = ""

    def summary(self) -> str:
        """The seat grid and the composition check as plain text (golden cells, e-mail)."""
        day = self.as_of.value or self.today
        lines = [f"Sæderne pr. {da_date(day, False)}:"]
        for slot in self.slots:
            who = f"{slot.appointment.name} ({slot.appointment.organisation})" if slot.appointment else "–"
            lines.append(f"  {slot.seat_id:<8} {slot.state:<14} {who}")
        lines.append("Kontrol af sammensætningen:")
        lines += [f"  {f}" for f in self.findings] or ["  ingen fund – sammensætningen følger kommissoriet"]
        return "\n".join(lines)

    # --- exports -------------------------------------------------------------------------------
    def _export(self, kind: str) -> Path | None:
        day = self.as_of.value or self.today
        name, writer = {
            "public_xlsx": (f"Medlemsliste {day.isoformat()}.xlsx", write_public_xlsx),
            "public_docx": (f"Medlemsliste {day.isoformat()}.docx", write_public_docx),
            "contacts": (f"Kontaktliste INTERN {day.isoformat()}.xlsx", write_contacts_xlsx),
        }[kind]
        clicked = {
            "public_xlsx": self.export_public_xlsx,
            "public_docx": self.export_public_docx,
            "contacts": self.export_contacts,
        }[kind]
        with busy(clicked, "Laver listen …", self.export_out):
            self.export_files.clear()
            try:
                path = writer(self.ws, day, self.export_dir / name, workspace=self.store.root)
            except (OSError, ForumkitError) as exc:
                show_text(self.export_out, f"Kunne ikke gemme {name}: {exc}")
                return None
            self.last_export = path
            self.export_files.offer([path], "Hent listen")
        show_text(self.export_out, f"{name} er klar. Hent den herunder.")
        return path
