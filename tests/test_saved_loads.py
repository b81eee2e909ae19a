"""What is saved always loads: random (and hostile) values through every edit function, saved with
Store.update on a copy of the example, loaded again from disk – the same data, or an InputError and no
file touched."""

from __future__ import annotations

import csv
import shutil
import tempfile
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from forumkit.edits import catalogue, meetings, roster, transfer
from forumkit.model.cells import MAX_TEXT
from forumkit.model.danish import da_number
from forumkit.model.errors import InputError
from forumkit.model.tables import AGENDA_KINDS, ATTENDANCE, INITIATIVE_STATUSES, ROLES, TABLES
from forumkit.storage.store import Store, load_workspace

from .conftest import EXAMPLE, snapshot

WS = load_workspace(EXAMPLE)
TODAY = date(2026, 11, 26)

HOSTILE_TEXTS = [
    "",
    " ",
    "  padded  ",
    "=SUM(A1:A9)",
    "'=x",
    "''=x",
    "+45 12 34 56 78",
    "-5",
    "@cmd",
    "a;b",
    'a "quoted" b',
    "line\nbreak",
    "line\r\nbreak",
    "\rlead",
    "trail\r",
    "tab\there",
    "\x00nul",
    "esc\x1b[31m",
    "bom\ufeff",
    "half\ud800surrogate",
    "e\u0301",
    "\u202eright-to-left",
    "nbsp\u00a0",
    "\u2028sep",
    "I-001, I-002",
    "a,b",
    "ja",
    "None",
    "85.000",
    "\u0661\u0662\u0663",
    "x" * MAX_TEXT,
    "=" + "x" * (MAX_TEXT - 1),
    "x" * (MAX_TEXT + 1),
]
NUMBER_TEXTS = [
    "85.000",
    "85.000,50",
    "85.000,00",
    "85000",
    "1.5",
    "1_000",
    "1,000",
    "1,000.00",
    "85 000",
    "85.000,-",
    "85.000 kr.",
    "-0",
    "-5",
    "\u0661\u0662\u0663",
    "1e3",
    "NaN",
    "9" * 30,
    "40 %",
    "100",
    "",
    " ",
    "0",
]
DAYS = [
    date(1, 1, 1),
    date(9999, 12, 31),
    date(1899, 12, 31),
    date(1900, 1, 1),
    date(2199, 12, 31),
    date(2200, 1, 1),
    date(2026, 5, 7),
]

# Mostly plausible values, so that most edits get saved and read back; hostile ones often enough to find holes.
plain = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=12)
HOSTILE_CHARS = [
    "\ufeff",
    "\x00",
    "\x1b",
    "\x7f",
    "\r",
    "\n",
    "\r\n",
    "\t",
    ";",
    ",",
    '"',
    "'",
    "=",
    "+",
    "-",
    "@",
    "\u2028",
    "\x85",
    "\u00a0",
    "\u200b",
    "\ud800",
    "\U0001f600",
    " ",
]
spiked = st.builds(lambda a, h, b: a + h + b, st.text(max_size=4), st.sampled_from(HOSTILE_CHARS), st.text(max_size=4))
texts = st.one_of(plain, spiked, st.sampled_from(HOSTILE_TEXTS))
opt_texts = st.one_of(st.none(), texts)
numbers = st.one_of(
    st.none(),
    st.integers(0, 10**6),
    st.integers(0, 10**6).map(da_number),
    st.sampled_from(NUMBER_TEXTS),
    st.integers(-10, 10**13),
    st.text(max_size=6),
)
days = st.one_of(
    st.dates(date(1900, 1, 1), date(2199, 12, 31)),
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.sampled_from(DAYS),
    st.dates(),
)
opt_days = st.one_of(st.none(), days)
times = st.one_of(st.sampled_from([time(16), time(18, 30), time(23, 59)]), st.times())


def _ids(rows) -> list[str]:
    return [row.key for row in rows]


def _initiative_fields(draw) -> dict:
    names = draw(
        st.sets(
            st.sampled_from(
                [
                    "budget_asked",
                    "budget_secured",
                    "hours",
                    "progress",
                    "owner",
                    "start",
                    "due",
                    "description",
                    "next_step",
                    "supporters",
                ]
            )
        )
    )
    pick = {
        "budget_asked": numbers,
        "budget_secured": numbers,
        "hours": numbers,
        "progress": numbers,
        "start": opt_days,
        "due": opt_days,
    }
    return {name: draw(pick.get(name, opt_texts)) for name in names}


@st.composite
def edits(draw):
    """(name, change) – one edit function with random arguments, as Store.update takes it."""
    kind = draw(
        st.sampled_from(
            [
                "create_initiative",
                "update_initiative",
                "working_group",
                "group_member",
                "network_event",
                "appoint",
                "end_appointment",
                "add_staff",
                "plan_meeting",
                "add_item",
                "set_decision",
                "set_attendance",
                "add_action",
                "record_sent",
                "close_action",
                "import",
                "replace_member",
                "set_role",
                "elect_chair",
                "standard_agenda",
                "remove_item",
                "mark_held",
                "approve_minutes",
                "adopt_year_plan",
                "carry_over",
            ]
        )
    )
    m = draw(st.sampled_from(_ids(WS.meetings)))
    if kind == "create_initiative":
        pillar = draw(st.one_of(st.sampled_from([p.id for p in WS.charter.pillars]), texts))
        args = dict(title=draw(texts), pillar=pillar, today=draw(days), **_initiative_fields(draw))
        return kind, lambda ws: catalogue.create_initiative(ws, **args)
    if kind == "update_initiative":
        iid, day = draw(st.sampled_from(_ids(WS.initiatives))), draw(days)
        changes = _initiative_fields(draw)
        if draw(st.booleans()):
            changes["status"] = draw(st.sampled_from(INITIATIVE_STATUSES))
        return kind, lambda ws: catalogue.update_initiative(ws, iid, day, **changes)
    if kind == "working_group":
        args = {
            "name": draw(texts),
            "mandate": draw(texts),
            "meeting": draw(st.one_of(st.none(), st.just(m))),
            "report_back": draw(opt_days),
        }
        return kind, lambda ws: catalogue.create_working_group(ws, **args)
    if kind == "group_member":
        group = draw(st.sampled_from(_ids(WS.working_groups)))
        args = {"name": draw(texts), "organisation": draw(opt_texts), "role": draw(opt_texts)}
        return kind, lambda ws: catalogue.add_group_member(ws, group, **args)
    if kind == "network_event":
        net = draw(st.sampled_from(_ids(WS.networks)))
        args = {"day": draw(days), "title": draw(texts), "members": draw(numbers)}
        args["today"] = draw(st.sampled_from([TODAY, date(2199, 12, 31)]))
        return kind, lambda ws: catalogue.add_network_event(ws, net, **args)
    if kind == "appoint":
        seat = draw(st.sampled_from(WS.charter.seats))
        args = {
            "seat": seat.id,
            "appointed_by": seat.appointed_by,
            "name": draw(texts),
            "start": draw(days),
            "end": draw(opt_days),
            "organisation": draw(opt_texts),
            "note": draw(opt_texts),
            "email": draw(st.one_of(st.none(), st.just("ny@example.dk"), texts)),
        }
        return kind, lambda ws: roster.appoint(ws, **args)
    if kind == "end_appointment":
        aid, day = draw(st.sampled_from(_ids(WS.members))), draw(days)
        return kind, lambda ws: roster.end_appointment(ws, aid, day)
    if kind == "add_staff":
        args = {
            "role": draw(st.sampled_from(list(WS.charter.role_by_id))),
            "name": draw(texts),
            "title": draw(opt_texts),
            "start": draw(opt_days),
            "end": draw(opt_days),
        }
        return kind, lambda ws: roster.add_staff(ws, **args)
    if kind == "plan_meeting":
        args = {
            "day": draw(days),
            "start": draw(st.one_of(st.none(), times)),
            "theme": draw(opt_texts),
            "venue": draw(opt_texts),
            "room": draw(opt_texts),
        }
        return kind, lambda ws: meetings.plan_meeting(ws, **args)
    if kind == "add_item":
        args = {
            "title": draw(texts),
            "kind": draw(st.sampled_from(AGENDA_KINDS)),
            "presenter": draw(opt_texts),
            "minutes": draw(numbers),
            "recommendation": draw(opt_texts),
        }
        return kind, lambda ws: meetings.add_item(ws, m, **args)
    if kind == "set_decision":
        item = draw(st.sampled_from([a for a in WS.agenda]))
        decision = draw(texts)
        return kind, lambda ws: meetings.set_decision(ws, item.meeting, item.number, decision)
    if kind == "set_attendance":
        member, status, note = (
            draw(st.sampled_from(_ids(WS.members))),
            draw(st.sampled_from(ATTENDANCE)),
            draw(opt_texts),
        )
        return kind, lambda ws: meetings.set_attendance(ws, m, member, status, note)
    if kind == "add_action":
        args = {
            "text": draw(texts),
            "owners": tuple(draw(st.lists(st.sampled_from(_ids(WS.members)), max_size=2))),
            "due": draw(opt_days),
        }
        return kind, lambda ws: meetings.add_action(ws, m, **args)
    if kind == "record_sent":
        what, day = draw(st.sampled_from(["indkaldelse", "dagsorden", "referat"])), draw(days)
        return kind, lambda ws: meetings.record_sent(ws, m, what, day)
    if kind == "close_action":
        aid, day = draw(st.sampled_from(_ids(WS.actions))), draw(days)
        return kind, lambda ws: meetings.close_action(ws, aid, day)
    if kind == "replace_member":
        aid = draw(st.sampled_from(_ids(WS.members)))
        args = {"name": draw(texts), "start": draw(days), "organisation": draw(opt_texts), "note": draw(opt_texts)}
        return kind, lambda ws: roster.replace_member(ws, aid, **args)
    if kind == "set_role":
        aid, role, day = draw(st.sampled_from(_ids(WS.members))), draw(st.sampled_from(ROLES)), draw(days)
        return kind, lambda ws: roster.set_role(ws, aid, role, day)
    if kind == "elect_chair":
        aid = draw(st.sampled_from(_ids(WS.members)))
        return kind, lambda ws: roster.elect_chair(ws, aid, m)
    if kind == "standard_agenda":
        presenter = draw(opt_texts)
        return kind, lambda ws: meetings.standard_agenda(ws, m, presenter)
    if kind == "remove_item":
        number = draw(st.integers(-1, 12))
        return kind, lambda ws: meetings.remove_item(ws, m, number)
    if kind == "mark_held":
        today = draw(st.sampled_from([TODAY, date(2199, 12, 31)]))
        return kind, lambda ws: meetings.mark_held(ws, m, today)
    if kind == "approve_minutes":
        at = draw(st.one_of(st.sampled_from(_ids(WS.meetings)), texts))
        today = draw(st.sampled_from([TODAY, date(2199, 12, 31)]))
        return kind, lambda ws: meetings.approve_minutes(ws, m, at, today)
    if kind == "adopt_year_plan":
        year = draw(st.one_of(st.sampled_from([27, 1899, 1900, 2026, 2027, 2199, 2200, 9999]), st.integers(1, 9999)))
        return kind, lambda ws: meetings.adopt_year_plan(ws, year)
    if kind == "carry_over":
        with_actions = draw(st.booleans())

        def carry(ws):
            return meetings.carry_over(ws, m, list(meetings.carry_over_candidates(ws, m).items), with_actions)

        return kind, carry
    # import: a sheet of the user's own, one or two rows of random cells, applied when the preview is clean
    headings = ["id", "titel", "søjle", "budget_søgt", "fremdrift", "frist", "beskrivelse"]
    rows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "id": st.one_of(st.just(""), st.sampled_from(_ids(WS.initiatives))),
                    "titel": texts,
                    "søjle": st.sampled_from([p.name for p in WS.charter.pillars]),
                    "budget_søgt": st.one_of(st.sampled_from(NUMBER_TEXTS), st.integers(0, 10**6).map(str)),
                    "fremdrift": st.sampled_from(["", "40", "40 %", "40,5", "140", "-0"]),
                    "frist": st.one_of(st.just(""), days.map(date.isoformat)),
                    "beskrivelse": texts,
                }
            ),
            min_size=1,
            max_size=2,
        )
    )
    return kind, lambda ws: _import(ws, headings, rows)


def _import(ws, headings, rows):
    folder = Path(tempfile.mkdtemp(prefix="forumkit-import-"))
    try:
        path = folder / "ark.csv"
        with open(path, "w", encoding="utf-8-sig", newline="", errors="surrogatepass") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(headings)
            writer.writerows([[row[h] for h in headings] for row in rows])
        preview = transfer.preview_import(ws, path)
        if not preview.clean:
            raise InputError("import", path.name, preview.summary())
        return transfer.apply_import(ws, preview, TODAY)
    finally:
        shutil.rmtree(folder)


@settings(
    max_examples=max(10, settings().max_examples // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(edit=edits())
def test_every_save_loads_back_the_same(edit):
    name, change = edit
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        shutil.copytree(EXAMPLE, root)
        before = snapshot(root)
        try:
            saved = Store(root, who="test").update(change, what=name)
        except InputError as exc:
            assert exc.message and exc.field  # a Danish message naming the field
            assert snapshot(root) == before, f"{name}: refused, but a file was written"
            event(f"{name}: refused")
            return
        event(f"{name}: saved")
        loaded = load_workspace(root)  # from disk, no cache
        for table in TABLES:
            assert loaded.table(table) == saved.table(table), f"{name}: {table} loads back different"


def test_a_text_over_the_load_limit_is_refused_naming_field_and_limit(store, workspace):
    before = snapshot(workspace)
    with pytest.raises(InputError) as caught:
        store.update(lambda ws: catalogue.update_initiative(ws, "I-001", TODAY, description="x" * (MAX_TEXT + 1)))
    assert caught.value.field == "beskrivelse"
    assert "højst 99.999 tegn" in caught.value.message
    assert snapshot(workspace) == before
    store.update(lambda ws: catalogue.update_initiative(ws, "I-001", TODAY, description="=" + "x" * (MAX_TEXT - 1)))
    assert load_workspace(workspace).initiative_by_id["I-001"].description == "=" + "x" * (MAX_TEXT - 1)


@pytest.mark.parametrize(("text", "shown"), [("bom\ufeff", "U+FEFF"), ("esc\x1b", "U+001B")])
def test_a_character_the_loader_refuses_is_refused_on_save(store, text, shown):
    with pytest.raises(InputError) as caught:
        store.update(lambda ws: catalogue.update_initiative(ws, "I-001", TODAY, next_step=text))
    assert caught.value.field == "næste_skridt" and shown in caught.value.message


def test_a_date_out_of_range_is_refused_on_save(store, workspace):
    before = snapshot(workspace)
    with pytest.raises(InputError) as caught:
        store.update(lambda ws: catalogue.update_initiative(ws, "I-001", TODAY, due=date(9999, 12, 31)))
    assert caught.value.field == "frist" and "uden for 1900–2199" in caught.value.message
    assert snapshot(workspace) == before


def test_a_record_made_around_the_rules_is_stopped_by_the_last_guard(store, workspace):
    before = snapshot(workspace)

    def sneak(ws):
        bad = ws.initiative_by_id["I-001"].model_copy(update={"due": date(9999, 12, 31)})
        return ws.with_table("initiatives", [bad if i.id == "I-001" else i for i in ws.initiatives])

    with pytest.raises(InputError) as caught:
        store.update(sneak)
    assert caught.value.field == "frist" and "9999-12-31" in caught.value.message
    assert snapshot(workspace) == before


def test_amounts_are_written_as_plain_whole_kroner(store, workspace):
    store.update(
        lambda ws: catalogue.update_initiative(ws, "I-001", TODAY, budget_asked="85.000 kr.", budget_secured="60.000")
    )
    line = next(
        ln
        for ln in (workspace / "initiatives.csv").read_text(encoding="utf-8-sig").splitlines()
        if ln.startswith("I-001;")
    )
    assert ";85000;60000;" in line
