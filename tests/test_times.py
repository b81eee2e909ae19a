"""Times of day the Danish way: '16.00' and '16:00' are read by the one parser wherever a time comes in
(meetings.csv, the charter's start time), and written back as HH:MM (docs/workspace.md)."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.model.danish import da_time, parse_time
from forumkit.storage.store import Store, load_workspace


@pytest.mark.parametrize(
    "text, expected",
    [
        ("16.00", time(16, 0)),
        ("16:00", time(16, 0)),
        ("9.30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("kl. 16.00", time(16, 0)),
        ("Kl 8.15", time(8, 15)),
        (" 23.59 ", time(23, 59)),
        ("0.00", time(0, 0)),
        ("kl. 16", time(16, 0)),  # a whole hour, as Danes write it
        ("kl 16", time(16, 0)),
        ("KL.16", time(16, 0)),
        ("16", time(16, 0)),
        ("9", time(9, 0)),
        ("0", time(0, 0)),
    ],
)
def test_parse_time_reads_the_danish_way_and_the_file_way(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "24.00",
        "16,00",
        "16.0",
        "16.60",
        "1600",
        "24",
        "kl. 24",
        "kl.",
        "16:00:00",
        "",
        "seksten",
        "16.00.00",
        "-1.00",
        "１６.００",
        "１６",
        "16 00",
        "kl. 16 30",
    ],
)
def test_parse_time_refuses_other_forms_naming_the_value(text):
    with pytest.raises(ValueError) as info:
        parse_time(text)
    assert str(info.value) == f"ugyldigt klokkeslæt '{text.strip()}' – skriv TT.MM eller TT:MM, fx 16.00"


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_every_time_shown_reads_back(at):
    shown = da_time(at)  # 'kl. 16.00'
    assert parse_time(shown) == at
    assert parse_time(shown.removeprefix("kl. ")) == at
    assert parse_time(at.strftime("%H:%M")) == at  # the file's form


@given(st.integers(0, 23), st.sampled_from(["kl. {}", "kl {}", "Kl. {}", "{}", "kl. {:02d}", "{:02d}"]))
def test_a_whole_hour_reads_as_that_hour(hour, form):
    assert parse_time(form.format(hour)) == time(hour, 0)


def test_a_meeting_time_written_16_00_the_danish_way_loads_and_is_saved_as_hh_mm(workspace):
    path = workspace / "meetings.csv"
    text = path.read_text(encoding="utf-8-sig")
    assert "M-2027-1;2027-04-22;16:00;18:00" in text
    path.write_text(
        "\ufeff" + text.replace("M-2027-1;2027-04-22;16:00;18:00", "M-2027-1;2027-04-22;16.00;18.00"), encoding="utf-8"
    )
    meeting = load_workspace(workspace).meeting_by_id["M-2027-1"]
    assert (meeting.start, meeting.end) == (time(16, 0), time(18, 0))
    store = Store(workspace, who="test")
    store.update(
        lambda ws: ws.with_table(
            "meetings", [m.model_copy(update={"theme": "Havnen"}) if m.id == "M-2027-1" else m for m in ws.meetings]
        )
    )
    assert "M-2027-1;2027-04-22;16:00;18:00" in path.read_text(encoding="utf-8-sig")


def test_the_charter_start_time_may_be_written_16_00(workspace):
    path = workspace / "forum.toml"
    text = path.read_text(encoding="utf-8")
    assert 'start = "16:00"' in text
    path.write_text(text.replace('start = "16:00"', 'start = "16.30"'), encoding="utf-8")
    assert load_workspace(workspace).charter.meetings.start == time(16, 30)
