"""Screen 'Kommissorium': the secretary writes and changes the forum's charter on a form, never in TOML.

Every list in the charter (seats, secretariat roles, pillars, networks) is a table of rows the user can add to
and remove from; a change is validated by the charter model (Danish messages) and saved as a revision that
takes effect on a chosen day (forumkit.edits.charter).
"""

from __future__ import annotations

from datetime import date, datetime

import ipywidgets as w
from pydantic import ValidationError

from ..edits.charter import revise_charter
from ..model.charter import Charter
from ..model.danish import da_date, da_time
from ..model.errors import ForumkitError
from ..model.vocab import Blank, Weighting
from ..storage.store import Store
from .common import DAY_RANGE, Screen, button, card, html_table, show_html, show_text

__all__ = ["CharterScreen", "charter_problems"]

_WIDE = {"description_width": "170px"}

# (field, label, kind) per list: kind is "text", "int" or "bool"
_LISTS = {
    "seats": (
        "Sæder",
        [
            ("id", "Kode", "text"),
            ("name", "Sæde", "text"),
            ("appointed_by", "Udpeges af", "text"),
            ("count", "Antal", "int"),
        ],
    ),
    "secretariat": (
        "Sekretariatsroller",
        [("id", "Kode", "text"), ("name", "Rolle", "text"), ("required", "Skal besættes", "bool")],
    ),
    "pillars": (
        "Strategiske søjler",
        [("id", "Kode", "text"), ("name", "Søjle", "text"), ("foundation", "Fundament", "bool")],
    ),
    "networks": ("Netværk", [("id", "Kode", "text"), ("name", "Netværk", "text"), ("pillar", "Søjle (kode)", "text")]),
}
_FIELD_NAMES = {
    "forum": "forum",
    "seats": "sæde",
    "secretariat": "sekretariatsrolle",
    "pillars": "søjle",
    "networks": "netværk",
    "meetings": "møder",
    "council": "kommunalbestyrelsen",
    "progress": "fremdrift",
    "id": "kode",
    "name": "navn",
    "appointed_by": "udpeges af",
    "count": "antal",
    "per_year": "pr. år",
    "venue": "mødested",
    "start": "starttid",
    "seasons": "perioder",
    "committee": "udvalg",
    "short_name": "kort navn",
    "municipality": "kommune",
    "invitation_days": "indkaldelse (dage før)",
    "agenda_days": "dagsorden (dage før)",
    "minutes_days": "referat (dage efter)",
    "length_minutes": "varighed",
    "organiser": "mødearrangør",
    "pillar": "søjle",
    "weighting": "vægtning",
    "blank": "uden fremdrift",
}
_REASONS = {
    "missing": "mangler",
    "string_type": "skal være tekst",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "greater_than_equal": "er for lille",
    "less_than_equal": "er for stor",
    "string_pattern_mismatch": "har et ugyldigt format (store bogstaver, tal, - og _)",
    "too_short": "mangler",
    "string_too_short": "må ikke være tom",
    "time_parsing": "skal være et klokkeslæt (TT.MM eller TT:MM)",
    "time_type": "skal være et klokkeslæt (TT.MM eller TT:MM)",
}


_NAMES_VALUE = ("time_parsing", "time_type", "int_parsing", "string_pattern_mismatch")


def charter_problems(exc: ValidationError) -> list[str]:
    """The charter model's complaints in Danish, naming the list, the row and the field."""
    out = []
    for err in exc.errors():
        where = []
        for part in err["loc"]:
            if isinstance(part, int):
                where.append(f"række {part + 1}")
            else:
                where.append(_FIELD_NAMES.get(str(part), str(part)))
        reason = _REASONS.get(err["type"], err["msg"])
        typed = err.get("input")
        if err["type"] in _NAMES_VALUE and isinstance(typed, str):
            reason = f"{reason} – der står '{typed}'"  # what was typed, so it can be found and corrected
        if err["type"] == "value_error":
            reason = str(err.get("ctx", {}).get("error", err["msg"]))
        out.append(f"{', '.join(where)}: {reason}" if where else reason)
    return out


def _months(text: str) -> list[list[int]]:
    """'3,4,5,6 / 9,10,11' → [[3,4,5,6],[9,10,11]] (a wrong value is left for the model to reject)."""
    groups = []
    for part in text.split("/"):
        items = [x.strip() for x in part.split(",") if x.strip()]
        groups.append([int(x) if x.isdigit() else x for x in items])
    return [g for g in groups if g]


def _months_text(seasons) -> str:
    return " / ".join(",".join(str(m) for m in season) for season in seasons)


def _saved(stamp: str) -> str:
    """When a revision was saved, the Danish way ('27. november 2026 kl. 09.30'); an odd stamp as it is."""
    try:
        at = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)
    return f"{da_date(at.date(), False)} {da_time(at.time())}"


class _Rows(w.VBox):
    """An editable list of rows: one widget per field, a remove button per row, an add button below."""

    def __init__(self, fields):
        self.fields, self.rows = fields, []
        self.add = button("Tilføj række", "plus")
        self.add.on_click(lambda _b: self.append({}))
        self.head = w.HTML(html_table([label for _, label, _ in self.fields] + [""], []))
        super().__init__([self.add])

    def _widget(self, kind: str, value):
        if kind == "int":
            return w.IntText(value=1 if value is None else value, layout=w.Layout(width="70px"))
        if kind == "bool":
            return w.Checkbox(value=bool(value), indent=False, layout=w.Layout(width="110px"))
        return w.Text(
            value="" if value is None else str(value),
            layout=w.Layout(width="120px" if kind == "text" and len(self.fields) > 3 else "300px"),
        )

    def append(self, values: dict) -> None:
        widgets = {name: self._widget(kind, values.get(name)) for name, _, kind in self.fields}
        for name, label, _ in self.fields:
            widgets[name].tooltip = label
            if isinstance(widgets[name], w.Text):
                widgets[name].placeholder = label
        remove = button("Fjern", "trash", layout=w.Layout(width="auto"))
        row = w.HBox([*widgets.values(), remove])
        entry = (row, widgets)
        remove.on_click(lambda _b: self.remove(entry))
        self.rows.append(entry)
        self._redraw()

    def remove(self, entry) -> None:
        self.rows = [r for r in self.rows if r is not entry]
        self._redraw()

    def set(self, items) -> None:
        self.rows = []
        for item in items:
            self.append(dict(item))
        self._redraw()

    def _redraw(self) -> None:
        labels = (
            w.HBox(
                [
                    w.HTML(f"<b>{label}</b>", layout=w.Layout(width=widget.layout.width or "120px"))
                    for (_, label, _), widget in zip(self.fields, self.rows[0][1].values(), strict=False)
                ]
            )
            if self.rows
            else w.HTML("<i>Ingen rækker endnu.</i>")
        )
        self.children = [labels, *(row for row, _ in self.rows), self.add]

    def values(self) -> list[dict]:
        out = []
        for _, widgets in self.rows:
            item = {}
            for name, _, kind in self.fields:
                value = widgets[name].value
                if kind == "text":
                    value = " ".join(str(value).split())
                    if name == "pillar" and not value:
                        value = None
                item[name] = value
            out.append(item)
        return out


class CharterScreen(Screen, w.VBox):
    """The kommissorium as a form: change it, choose the day it takes effect, save a revision."""

    def __init__(self, store: Store, today: date):
        self.store, self.today = store, today
        self.message, self.current_out, self.history_out = w.Output(), w.Output(), w.Output()

        def text(label, width="460px"):
            return w.Text(description=label, style=_WIDE, layout=w.Layout(width=width))

        def number(label):
            return w.BoundedIntText(description=label, min=0, max=999, style=_WIDE, layout=w.Layout(width="260px"))

        self.name, self.short_name, self.municipality = text("Forummets navn:"), text("Kort navn:"), text("Kommune:")
        self.strategy = text("Strategi:")
        self.lists = {key: _Rows(fields) for key, (_, fields) in _LISTS.items()}
        self.per_year, self.venue, self.address = number("Møder pr. år:"), text("Mødested:"), text("Adresse:")
        self.start, self.length = text("Starttid (TT.MM):", "300px"), number("Varighed (minutter):")
        self.seasons = text("Måneder pr. møde:")
        self.seasons.placeholder = "fx 3,4,5,6 / 9,10,11 – én gruppe pr. møde"
        self.invitation_days, self.agenda_days = number("Indkaldelse (dage før):"), number("Dagsorden (dage før):")
        self.minutes_days = number("Referat (dage efter):")
        self.organiser = w.Dropdown(description="Mødearrangør:", style=_WIDE, layout=w.Layout(width="460px"))
        self.committee, self.council_per_year = text("Udvalg:"), number("Status pr. år:")
        self.weighting = w.Dropdown(
            description="Fremdrift vægtes:",
            style=_WIDE,
            options=[("lige (gennemsnit)", Weighting.EQUAL), ("efter søgt budget", Weighting.BUDGET)],
        )
        self.blank = w.Dropdown(
            description="Uden fremdrift:",
            style=_WIDE,
            options=[("udelades", Blank.SKIP), ("tæller som 0 %", Blank.ZERO)],
        )
        self.effective = w.DatePicker(description="Gælder fra:", value=today, style=_WIDE, **DAY_RANGE)
        self.note = text("Begrundelse:")
        self.note.placeholder = "fx kommunalbestyrelsens beslutning den …"
        self.check_button = button("Kontrollér", "check")
        self.save = button("Gem ændringen", "save", primary=True)
        self.check_button.on_click(lambda _b: self._on_check())
        self.save.on_click(lambda _b: self._on_save())
        self.lists["secretariat"].observe(lambda _c: self._fill_organiser(), names="children")

        sections = [
            ("Forum", w.VBox([self.name, self.short_name, self.municipality, self.strategy])),
            (
                "Sæder",
                w.VBox(
                    [
                        w.HTML("Hvert sæde udpeges af en organisation; <i>Antal</i> er pladser i sædet."),
                        self.lists["seats"],
                    ]
                ),
            ),
            (
                "Sekretariat",
                w.VBox([w.HTML("Medarbejdere tæller ikke med i sæderne."), self.lists["secretariat"], self.organiser]),
            ),
            (
                "Møder",
                w.VBox(
                    [
                        self.per_year,
                        self.venue,
                        self.address,
                        self.start,
                        self.length,
                        self.seasons,
                        self.invitation_days,
                        self.agenda_days,
                        self.minutes_days,
                    ]
                ),
            ),
            ("Kommunalbestyrelsen", w.VBox([self.committee, self.council_per_year])),
            (
                "Søjler og netværk",
                w.VBox(
                    [
                        w.HTML("<b>Strategiske søjler</b>"),
                        self.lists["pillars"],
                        w.HTML("<b>Netværk</b>"),
                        self.lists["networks"],
                    ]
                ),
            ),
            ("Fremdrift", w.VBox([self.weighting, self.blank])),
        ]
        tabs = w.Tab([box for _, box in sections])
        for i, (title, _) in enumerate(sections):
            tabs.set_title(i, title)
        super().__init__(
            [
                w.HTML("<h3>Kommissoriet nu</h3>"),
                self.current_out,
                w.HTML("<h3>Ret i kommissoriet</h3>"),
                tabs,
                w.HTML("<h3>Gem som en ændring</h3>"),
                self.effective,
                self.note,
                w.HBox([self.check_button, self.save]),
                self.message,
                w.HTML("<h3>Tidligere udgaver</h3>"),
                self.history_out,
            ]
        )
        self.reload()

    # --- drawing ---------------------------------------------------------------------------------
    def reload(self) -> None:
        if not self.load_into(self.current_out):
            return
        c = self.ws.charter
        show_html(
            self.current_out,
            card(
                c.forum.name,
                [
                    f"{c.seat_total} sæder fordelt på {len(c.seats)} organisationer; "
                    f"{len(c.secretariat)} sekretariatsroller",
                    f"{c.meetings.per_year} møder om året, sædvanligvis på {c.meetings.venue}",
                    f"Status til {c.council.committee} {c.council.per_year} gang(e) om året",
                    f"{len(c.pillars)} søjler og {len(c.networks)} netværk",
                ],
            ),
        )
        self.name.value, self.short_name.value = c.forum.name, c.forum.short_name
        self.municipality.value, self.strategy.value = c.forum.municipality, c.forum.strategy
        for key, rows in self.lists.items():
            rows.set(getattr(c, key))
        m = c.meetings
        self.per_year.value, self.venue.value, self.address.value = m.per_year, m.venue, m.address
        self.start.value, self.length.value = m.start.strftime("%H.%M"), m.length_minutes
        self.seasons.value = _months_text(m.seasons)
        self.invitation_days.value, self.agenda_days.value = m.invitation_days, m.agenda_days
        self.minutes_days.value = m.minutes_days
        self._fill_organiser()
        self.organiser.value = c.organiser_role if c.organiser_role in dict(self.organiser.options).values() else None
        self.committee.value, self.council_per_year.value = c.council.committee, c.council.per_year
        self.weighting.value, self.blank.value = c.progress.weighting, c.progress.blank
        revisions = self.ws.revisions
        show_html(
            self.history_out,
            html_table(
                ["Gælder fra", "Gemt", "Af", "Begrundelse", "Sæder", "Møder pr. år"],
                [
                    (
                        da_date(r.effective, False) if r.effective else "fra starten",
                        _saved(r.saved),
                        r.who,
                        r.note,
                        r.charter.seat_total,
                        r.charter.meetings.per_year,
                    )
                    for r in reversed(revisions)
                ],
            )
            if revisions
            else card("Ingen ændringer endnu", ["Kommissoriet er, som forummet startede med det."]),
        )

    def _fill_organiser(self) -> None:
        roles = [(f"{r['name'] or r['id']}", r["id"]) for r in self.lists["secretariat"].values() if r["id"]]
        current = self.organiser.value
        self.organiser.options = roles
        if current in [v for _, v in roles]:
            self.organiser.value = current

    # --- reading the form ------------------------------------------------------------------------
    def charter_from_form(self) -> Charter:
        """The form as a charter; raises pydantic's ValidationError (see :func:`charter_problems`)."""
        self._fill_organiser()
        c = self.ws.charter
        data = {name: getattr(c, name) for name in type(c).model_fields}
        data["forum"] = {
            **dict(c.forum),
            "name": self.name.value.strip(),
            "short_name": self.short_name.value.strip(),
            "municipality": self.municipality.value.strip(),
            "strategy": self.strategy.value.strip(),
        }
        for key, rows in self.lists.items():
            data[key] = rows.values()
        data["meetings"] = {
            **dict(c.meetings),
            "per_year": self.per_year.value,
            "venue": self.venue.value.strip(),
            "address": self.address.value.strip(),
            "start": self.start.value.strip(),
            "length_minutes": self.length.value,
            "seasons": _months(self.seasons.value),
            "invitation_days": self.invitation_days.value,
            "agenda_days": self.agenda_days.value,
            "minutes_days": self.minutes_days.value,
            "organiser": self.organiser.value or "",
        }
        data["council"] = {
            **dict(c.council),
            "committee": self.committee.value.strip(),
            "per_year": self.council_per_year.value,
        }
        data["progress"] = {**dict(c.progress), "weighting": self.weighting.value, "blank": self.blank.value}
        return Charter.model_validate(data)

    def _validated(self, checking: bool = False) -> Charter | None:
        """The charter in the form, or None with the problems shown; ``checking``: for 'Tjek', which saves
        nothing, so its messages say it checked rather than that it did not save."""
        head = "Tjekket" if checking else "Ikke gemt"  # (a workspace that does not load: Screen says so first)
        try:
            charter = self.charter_from_form()
        except ValidationError as exc:
            problems = charter_problems(exc)
            show_html(self.message, card(f"{head} – {len(problems)} problem(er) i kommissoriet", problems))
            return None
        return charter

    def _on_check(self) -> None:
        charter = self._validated(checking=True)
        if charter is not None:
            show_text(
                self.message,
                f"Kommissoriet er gyldigt: {charter.seat_total} sæder, "
                f"{charter.meetings.per_year} møder om året, {len(charter.pillars)} søjler.",
            )

    def _on_save(self) -> None:
        charter = self._validated()
        if charter is None:
            return
        day = self.effective.value
        if day is None:
            show_text(self.message, "Ikke gemt: vælg, hvilken dag ændringen gælder fra.")
            return
        try:
            revise_charter(self.store, charter, day, self.note.value)
        except ForumkitError as exc:
            show_text(self.message, f"Ikke gemt: {exc}")
            return
        self.note.value = ""
        self.reload()
        show_text(self.message, f"Gemt: kommissoriet gælder i den nye udgave fra {da_date(day)}.")
