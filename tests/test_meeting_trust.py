"""Rules that used to trust too much: action owners must exist, minutes are approved only at a held meeting,
a council report still 'planlagt' is not a status given, a past meeting still 'planlagt' was not held.
Date rules are pinned the day before, the day itself and the day after."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forumkit.edits.council import present_council_report, update_council_report
from forumkit.edits.meetings import add_action, approve_minutes
from forumkit.model.danish import da_date
from forumkit.model.errors import InputError
from forumkit.model.tables import edit
from forumkit.rules.meeting_rules import check_meetings
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY

D = date.fromisoformat
DAY = timedelta(days=1)
LATER = D("2027-12-31")  # a day after every meeting in the example


@pytest.fixture
def ws():
    return load_workspace(EXAMPLE)


def with_meeting(ws, meeting_id, **changes):
    return ws.with_table("meetings", [edit(m, **changes) if m.id == meeting_id else m for m in ws.meetings])


def findings(ws, code, today=TODAY):
    return [(f.severity, f.message) for f in check_meetings(ws, today) if f.code == code]


# --- action owners -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "owners, unknown", [(("A-999",), "A-999"), (("A-007", "S-099"), "S-099"), (("Rikke Dalsgaard",), "Rikke Dalsgaard")]
)
def test_an_action_owner_who_does_not_exist_is_refused(ws, owners, unknown):
    with pytest.raises(InputError) as info:
        add_action(ws, "M-2026-2", text="Ring til havnen", owners=owners, due=None)
    assert info.value.message == (
        f"den ansvarlige '{unknown}' findes ikke – brug et medlems id (A-…) eller en medarbejders (S-…)"
    )


def test_members_and_staff_can_own_actions(ws):
    changed = add_action(ws, "M-2026-2", text="Ring til havnen", owners=("A-007", "S-001"), due=None)
    assert changed.actions[-1].owners == ("A-007", "S-001")


# --- approving minutes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "state, allowed", [("planlagt", False), ("indkaldt", False), ("afholdt", True), ("referat godkendt", True)]
)
def test_minutes_are_approved_only_at_a_held_meeting(ws, state, allowed):
    ws = with_meeting(ws, "M-2027-1", state=state)
    if allowed:
        assert (
            approve_minutes(ws, "M-2026-2", "M-2027-1", LATER).meeting_by_id["M-2026-2"].minutes_approved == "M-2027-1"
        )
    else:
        with pytest.raises(InputError) as info:
            approve_minutes(ws, "M-2026-2", "M-2027-1", LATER)
        assert info.value.message == (
            "mødet M-2027-1 er ikke afholdt endnu – et referat kan kun godkendes på et møde, der er holdt"
        )


def test_minutes_of_a_meeting_not_held_cannot_be_approved(ws):
    ws = with_meeting(with_meeting(ws, "M-2027-1", state="afholdt"), "M-2026-2", state="indkaldt")
    with pytest.raises(InputError, match="mødet M-2026-2 er ikke afholdt endnu – der er intet referat"):
        approve_minutes(ws, "M-2026-2", "M-2027-1", LATER)


@pytest.mark.parametrize("offset, allowed", [(-1, False), (0, False), (1, True)])
def test_approval_meeting_day_before_same_day_day_after(ws, offset, allowed):
    first = ws.meeting_by_id["M-2026-2"].date
    ws = with_meeting(ws, "M-2027-1", state="afholdt", date=first + offset * DAY)
    if allowed:
        approve_minutes(ws, "M-2026-2", "M-2027-1", LATER)
    else:
        with pytest.raises(InputError, match="referatet godkendes på et senere møde end M-2026-2"):
            approve_minutes(ws, "M-2026-2", "M-2027-1", LATER)


# --- the council status --------------------------------------------------------------------------------------


def with_report(ws, day, state):
    return ws.with_table(
        "council_reports", [edit(r, date=day, state=state) if r.id == "KB-2026" else r for r in ws.council_reports]
    )


def test_a_presented_report_satisfies_the_rule(ws):
    assert findings(with_report(ws, D("2026-03-01"), "forelagt"), "council-status-missing") == []
    assert findings(with_report(ws, D("2026-03-01"), "forelagt"), "council-status-planned") == []


@pytest.mark.parametrize(
    "offset, code, expected",
    [
        (
            -1,
            "council-status-missing",
            (
                "advarsel",
                "2026: ingen status til Erhvervs-, Turisme-, Kultur- og "
                "Fritidsudvalget er registreret (KB-2026 25. november 2026 står stadig som "
                "planlagt – registrér den som forelagt, hvis den er givet) – kommunalbestyrelsen "
                "skal have en status mindst én gang om året",
            ),
        ),
        (
            0,
            "council-status-planned",
            (
                "info",
                "2026: status til Erhvervs-, Turisme-, Kultur- og Fritidsudvalget er "
                "planlagt 26. november 2026 – registrér den som forelagt, når den er givet",
            ),
        ),
        (
            1,
            "council-status-planned",
            (
                "info",
                "2026: status til Erhvervs-, Turisme-, Kultur- og Fritidsudvalget er "
                "planlagt 27. november 2026 – registrér den som forelagt, når den er givet",
            ),
        ),
    ],
)
def test_a_planned_report_day_before_day_itself_day_after(ws, offset, code, expected):
    ws = with_report(ws, TODAY + offset * DAY, "planlagt")
    assert findings(ws, code) == [expected]
    other = {"council-status-missing": "council-status-planned"}.get(code, "council-status-missing")
    assert [f for f in findings(ws, other) if f[1].startswith("2026")] == []


@pytest.mark.parametrize("offset, counts", [(-1, True), (0, True), (1, False)])
def test_a_presented_report_counts_from_its_day_day_before_day_itself_day_after(ws, offset, counts):
    """A status recorded as 'forelagt' on a day that has not come (data edited by hand) does not satisfy the
    yearly rule: it is a finding of its own, and the year waits for it as for a planned one."""
    day = TODAY + offset * DAY
    ws = with_report(ws, day, "forelagt")
    future = findings(ws, "council-status-future")
    if counts:
        assert future == [] and findings(ws, "council-status-planned") == []
    else:
        assert future == [
            (
                "fejl",
                f"KB-2026 står som forelagt {da_date(day, False)}, men den dag er ikke kommet – "
                "sæt den tilbage til planlagt, eller ret datoen til den dag, den blev forelagt",
            )
        ]
        assert findings(ws, "council-status-planned") == [
            (
                "info",
                f"2026: status til Erhvervs-, Turisme-, Kultur- og Fritidsudvalget er planlagt "
                f"{da_date(day, False)} – registrér den som forelagt, når den er givet",
            )
        ]
    assert [f for f in findings(ws, "council-status-missing") if f[1].startswith("2026")] == []


@pytest.mark.parametrize("offset, allowed", [(-1, True), (0, True), (1, False)])
def test_a_status_is_registered_as_presented_only_once_its_day_has_come(ws, offset, allowed):
    day = TODAY + offset * DAY
    if allowed:
        for changed in (
            present_council_report(ws, "KB-2026", day=day, today=TODAY),
            update_council_report(ws, "KB-2026", today=TODAY, date=day, state="forelagt"),
        ):
            report = next(r for r in changed.council_reports if r.id == "KB-2026")
            assert (report.state, report.date) == ("forelagt", day)
        return
    message = (
        f"KB-2026 kan ikke registreres som forelagt {da_date(day, False)} – den dag er ikke kommet endnu "
        f"(i dag er {da_date(TODAY, False)}); registrér den, når statussen er givet"
    )
    with pytest.raises(InputError) as presented:
        present_council_report(ws, "KB-2026", day=day, today=TODAY)
    assert presented.value.message == message
    with pytest.raises(InputError) as updated:
        update_council_report(ws, "KB-2026", today=TODAY, date=day, state="forelagt")
    assert updated.value.message == message
    assert update_council_report(ws, "KB-2026", today=TODAY, date=day, state="planlagt")  # planning ahead is fine


def test_a_meeting_recorded_as_held_before_its_day_is_a_finding(ws):
    future = ws.meeting_by_id["M-2027-1"]
    held = with_meeting(ws, "M-2027-1", state="afholdt")
    assert findings(held, "meeting-held-future") == [
        (
            "fejl",
            f"M-2027-1 står som afholdt, men holdes først {da_date(future.date, False)} – sæt tilstanden "
            "tilbage til planlagt eller indkaldt",
        )
    ]
    assert findings(held, "meeting-held-future", future.date) == []


def test_a_planned_report_of_last_year_is_an_error(ws):
    ws = ws.with_table(
        "council_reports", [edit(r, state="planlagt") if r.id == "KB-2025" else r for r in ws.council_reports]
    )
    assert findings(ws, "council-status-missing") == [
        (
            "fejl",
            "2025: ingen status til Erhvervs-, Turisme-, Kultur- og Fritidsudvalget er registreret (KB-2025 18. "
            "november 2025 står stadig som planlagt – registrér den som forelagt, hvis den er givet) – "
            "kommunalbestyrelsen skal have en status mindst én gang om året",
        )
    ]


def test_a_planned_report_at_new_year(ws):
    ws = with_report(ws, D("2026-12-31"), "planlagt")
    assert findings(ws, "council-status-planned", D("2026-12-31"))[0][0] == "info"
    assert findings(ws, "council-status-missing", D("2027-01-01"))[0][0] == "fejl"


# --- the yearly meeting minimum ------------------------------------------------------------------------------


@pytest.mark.parametrize("offset, counted", [(-1, False), (0, True), (1, True)])
def test_a_planned_meeting_day_before_day_itself_day_after(ws, offset, counted):
    ws = with_meeting(ws, "M-2026-2", state="planlagt", date=TODAY + offset * DAY)
    expected = (
        [] if counted else [("advarsel", "2026: 1 møde(r) afholdt eller planlagt – kommissoriet siger 2 om året")]
    )
    assert findings(ws, "year-too-few-meetings") == expected


@pytest.mark.parametrize("state", ["afholdt", "referat godkendt"])
def test_a_held_meeting_in_the_past_counts(ws, state):
    assert findings(with_meeting(ws, "M-2026-2", state=state, date=TODAY - DAY), "year-too-few-meetings") == []


def test_a_past_year_with_a_meeting_never_held_is_an_error(ws):
    ws = with_meeting(ws, "M-2025-2", state="planlagt")
    assert findings(ws, "year-too-few-meetings") == [
        ("fejl", "2025: 1 møde(r) afholdt eller planlagt – kommissoriet siger 2 om året")
    ]


def test_minutes_approved_at_an_earlier_or_unheld_meeting_are_a_finding(ws):
    assert findings(ws, "minutes-approved-wrong-meeting") == []  # the example approves each at the next one
    earlier = with_meeting(ws, "M-2026-1", minutes_approved="M-2025-2")
    assert findings(earlier, "minutes-approved-wrong-meeting") == [
        (
            "fejl",
            "M-2026-1 (23. april 2026): referatet står som godkendt på M-2025-2 (2. oktober 2025), men det møde "
            "ligger ikke efter mødet – et referat godkendes på et senere møde",
        )
    ]
    itself = with_meeting(ws, "M-2026-2", minutes_approved="M-2026-2", state="referat godkendt")
    assert [m for _, m in findings(itself, "minutes-approved-wrong-meeting")] == [
        "M-2026-2 (1. oktober 2026): referatet står som godkendt på M-2026-2 (1. oktober 2026), men det møde "
        "ligger ikke efter mødet – et referat godkendes på et senere møde"
    ]
    ahead = with_meeting(ws, "M-2026-2", minutes_approved="M-2027-1", state="referat godkendt")
    assert [m for _, m in findings(ahead, "minutes-approved-wrong-meeting")] == [
        "M-2026-2 (1. oktober 2026): referatet står som godkendt på M-2027-1 (22. april 2027), men det møde "
        "er ikke holdt endnu – ret mødet eller tøm feltet, til referatet er godkendt"
    ]
    # on the later meeting's day, still 'planlagt': not held
    day = ws.meeting_by_id["M-2027-1"].date
    assert [m for _, m in findings(ahead, "minutes-approved-wrong-meeting", day)] == [
        "M-2026-2 (1. oktober 2026): referatet står som godkendt på M-2027-1 (22. april 2027), men det møde "
        "står som planlagt – et referat godkendes på et møde, der er holdt"
    ]
    held = with_meeting(ahead, "M-2027-1", state="afholdt")
    assert findings(held, "minutes-approved-wrong-meeting", day) == []
