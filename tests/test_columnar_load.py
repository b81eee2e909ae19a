"""The columnar load agrees with the record path: the same records, or the same problems, on any CSV."""

from __future__ import annotations

import shutil
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forumkit.model.errors import WorkspaceError
from forumkit.model.tables import TABLES
from forumkit.storage.columns import read_table
from forumkit.storage.store import _parse_table, load_workspace

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "example"

# Cells chosen to hit every branch: plain values of each kind, values only pydantic decides, values that
# need trimming or un-guarding, control characters, odd whitespace, separators and quotes.
_CELLS = [
    "",
    " ",
    "I-001",
    "x",
    "Dragør Havn",
    " padded ",
    "'=SUM(A1)",
    "''+x",
    "'plain",
    "a\tb",
    "tab\t",
    "\u00a0nb",
    "ctl\x07",
    "\x1f",
    "ny\u2028linje",
    "0",
    "7",
    "007",
    "85",
    "100",
    "101",
    "-5",
    "+5",
    " 12 ",
    "85.000",
    "1_000",
    "5.0",
    "1e3",
    "99999999999999999999",
    "2026-05-07",
    "2026-5-7",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "2026-05-07T00:00",
    "16:00",
    "4:00",
    "16:00:00",
    "24:00",
    "idé",
    "igangsat",
    "gennemført",
    "Igangsat",
    "medlem",
    "formand",
    "deltog",
    "afbud",
    "kommunal",
    "fælles",
    "LH",
    "FGK",
    "grøn",
    "1–3 år",
    "A-001, S-001",
    "A-001,,",
    "ordinær",
    "planlagt",
    "åben",
    "lukket",
    "beslutning",
    "orientering",
    'a"b',
    "semi;colon",
    "x\ny",
]


def _valid(column) -> list[str]:
    """Plain values a column accepts, so that many generated files load."""
    if column.kind == "choice":
        return list(column.choices)
    return {
        "text": ["x", "I-001", "Dragør Havn", "1–3 år"],
        "ids": ["A-001, S-001", "I-001"],
        "date": ["2026-05-07", "2025-12-31"],
        "time": ["16:00", "09:30"],
        "int": ["7", "85", "0", "100"],
    }[column.kind]


@st.composite
def csv_files(draw, name: str) -> bytes:
    from forumkit.model.frames import columns

    spec = TABLES[name]
    by_header = {c.header: c for c in columns(spec.model)}
    headers = list(spec.headers)
    if draw(st.booleans()):
        headers = draw(st.permutations(headers))
    sep = draw(st.sampled_from([";", ";", ","]))
    odd = draw(st.sampled_from([0, 1, 3, 10]))  # how often (in 40) a cell is an odd one

    def cell(header: str):
        return st.integers(0, 39).flatmap(
            lambda k: st.sampled_from(_CELLS) if k < odd else st.sampled_from(_valid(by_header[header]))
        )

    rows = draw(st.lists(st.tuples(*(cell(h) for h in headers)), max_size=6))
    lines = [sep.join(headers)]
    for row in rows:
        cells = []
        for cell in row:
            if sep in cell or '"' in cell or "\n" in cell or draw(st.integers(0, 20)) == 0:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        if draw(st.integers(0, 25)) == 0:
            cells = cells[:-1]  # a short row
        lines.append(sep.join(cells))
        if draw(st.integers(0, 25)) == 0:
            lines.append(draw(st.sampled_from(["", " ", sep * (len(headers) - 1)])))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(lines) + draw(st.sampled_from([end, ""]))
    return (draw(st.sampled_from(["\ufeff", ""])) + text).encode("utf-8")


def _agree(name: str, data: bytes) -> None:
    spec = TABLES[name]
    records, lines, problems = _parse_table(spec, data)
    small, small_problems = read_table(spec, data, small=len(data) + 1)  # the small-file path
    table, column_problems = read_table(spec, data, small=0)  # the columnar path, whatever the size
    assert small_problems == problems
    assert column_problems == problems
    if not problems:
        from forumkit.model.frames import records_from_frame

        assert records_from_frame(spec.model, small.frame, small.known) == records
        assert records_from_frame(spec.model, small.frame) == records  # the frame holds the same values
        assert list(small.lines) == list(lines)
    if problems:
        assert table is None
        return
    from forumkit.model.frames import records_from_frame

    built = records_from_frame(spec.model, table.frame, table.known)
    assert built == records
    assert [type(v) for r in built for v in r.__dict__.values()] == [
        type(v) for r in records for v in r.__dict__.values()
    ]
    assert list(table.lines) == list(lines)


@pytest.mark.parametrize("name", ["initiatives", "members", "meetings", "actions", "agenda", "attendance"])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_columnar_load_agrees_with_the_record_path(name, data):
    _agree(name, data.draw(csv_files(name)))


def test_plain_file_is_read_by_pandas_and_agrees():
    data = (EXAMPLE / "initiatives.csv").read_bytes()
    _agree("initiatives", data)
    table, _ = read_table(TABLES["initiatives"], data, small=0)
    assert table.known == {}  # every row took the columnar path


def test_odd_rows_keep_their_records_and_values():
    spec = TABLES["initiatives"]
    head = ";".join(spec.headers)
    row = "I-1; Titel ;LH;grøn;1–3 år;idé;fælles;;;;007;;;;2026-05-07T00:00;;;;;"
    data = f"{head}\n{row}\n".encode()
    _agree("initiatives", data)
    table, _ = read_table(spec, data, small=0)
    assert table.frame.loc[0, "title"] == "Titel"
    assert table.frame.loc[0, "budget_asked"] == 7
    assert set(table.known) == {0}


def _initiative_row(**cells: str) -> str:
    from forumkit.model.frames import columns

    plain = {"id": "I-1", "title": "Titel", "pillar": "LH", "colour": "grøn", "horizon": "1–3 år", "status": "idé"}
    plain |= {"kind": "fælles", "budget_asked": "7", "budget_secured": "", "hours": "12", "start": "2026-05-07"}
    plain |= {"due": "2026-06-01", "progress": "40", "updated": "2026-05-08"}
    values = {c.header: {**plain, **cells}.get(c.name, "") for c in columns(TABLES["initiatives"].model)}
    return ";".join(values[h] for h in TABLES["initiatives"].headers)


def test_number_and_date_columns_are_typed_from_the_bytes_when_every_cell_is_plain():
    from forumkit.storage.columns import _raw_frame

    spec = TABLES["initiatives"]
    head = ";".join(spec.headers)
    data = "\n".join([head, _initiative_row(), _initiative_row(id="I-2", start="", budget_asked="0012")]).encode()
    fast = _raw_frame(spec, head, data)[4]
    assert set(fast) == {"budget_søgt", "budget_sikret", "timer", "start", "frist", "fremdrift", "opdateret"}
    _agree("initiatives", data)
    table, _ = read_table(spec, data, small=0)
    assert table.frame["budget_asked"].tolist() == [7, 12] and table.known == {}
    assert table.frame["start"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    "cells",
    [
        {"budget_asked": "85.000"},  # a Danish number: that column is read as text, the others from bytes
        {"progress": "150"},  # beyond the column's bounds
        {"progress": "-1"},
        {"due": "2026-02-30"},  # no such day
        {"due": "7. maj 2026"},
        {"updated": ""},  # a required date left empty
        {"hours": "1234567890123456789"},  # 19 digits
        {"title": "x\x01y"},  # refused by the record path
        {"title": "Titel\u00a0"},  # a row the record path checks, its byte-typed cells given to it as text
        {"title": "Titel\u00a0", "budget_asked": "85.000"},
    ],
)
def test_a_cell_the_bytes_cannot_take_is_checked_as_before(cells):
    spec = TABLES["initiatives"]
    head = ";".join(spec.headers)
    data = "\n".join([head, _initiative_row(), _initiative_row(id="I-2", **cells)]).encode()
    _agree("initiatives", data)


def test_dates_outside_the_one_range_are_refused_by_both_paths_and_its_edges_load():
    spec = TABLES["network_events"]
    data = f"{';'.join(spec.headers)}\nNE-1;N;9999-12-31;t;\nNE-2;N;0001-01-01;t;3\n".encode()
    _agree("network_events", data)
    table, problems = read_table(spec, data, small=0)
    assert table is None and [p.line for p in problems] == [2, 3]
    assert all("ligger uden for 1900–2199" in p.message for p in problems)
    edges = f"{';'.join(spec.headers)}\nNE-1;N;2199-12-31;t;\nNE-2;N;1900-01-01;t;3\n".encode()
    _agree("network_events", edges)
    table, problems = read_table(spec, edges, small=0)
    from forumkit.model.frames import records_from_frame

    rows = records_from_frame(spec.model, table.frame)
    assert [r.date for r in rows] == [date(2199, 12, 31), date(1900, 1, 1)]
    assert rows[1].members == 3


def test_times_and_id_lists_become_python_values():
    ws = load_workspace(EXAMPLE)
    assert isinstance(ws.meetings[0].start, time)
    assert all(isinstance(a.owners, tuple) for a in ws.actions)


def test_loaded_workspace_equals_the_record_path(tmp_path):
    ws = load_workspace(EXAMPLE)
    for name, spec in TABLES.items():
        records, _, problems = _parse_table(spec, (EXAMPLE / spec.file).read_bytes())
        assert not problems
        assert ws.table(name) == records


def test_records_are_built_only_when_asked_for():
    ws = load_workspace(EXAMPLE)
    assert "initiatives" not in ws.__dict__
    assert len(ws.frame("initiatives")) == len(ws.base_frame("initiatives"))
    assert "initiatives" not in ws.__dict__  # a frame does not need records
    first = ws.initiatives[0]
    assert ws.initiatives[0] is first  # built once


def test_an_edit_keeps_the_other_tables_as_columns():
    from forumkit.model.tables import edit

    ws = load_workspace(EXAMPLE)
    changed = ws.with_table("initiatives", [edit(ws.initiatives[0], progress=99), *ws.initiatives[1:]])
    assert "members" not in changed.__dict__
    assert changed.base_frame("initiatives").loc[0, "progress"] == 99
    assert ws.base_frame("initiatives").loc[0, "progress"] != 99
    assert changed.members == ws.members


def test_reference_problems_found_by_the_columns_are_worded_by_the_records(tmp_path):
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLE, root)
    text = (root / "attendance.csv").read_text(encoding="utf-8-sig")
    (root / "attendance.csv").write_text(text.replace("A-002", "A-999", 1), encoding="utf-8-sig")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(root)
    assert [p.message for p in info.value.problems] == ["udpegningen 'A-999' findes ikke"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.replace("Dragør".encode(), "Dragør".encode("cp1252"), 1),  # a Windows-1252 byte in a cell
        lambda d: d[:40] + b"\xff" + d[40:],
        lambda d: d[:-5] + b"\x00" + d[-5:],
        lambda d: d + b"\xef\xbb\xbf" + d[3:],  # two files glued together
        lambda d: "\ufeff".encode("utf-16") + d.decode("utf-8-sig").encode("utf-16-le"),
        lambda d: d.replace(b"\n", b"\r\n"),
        lambda d: d.replace(b"\n", b"\r"),
        lambda d: d.replace(b";", b","),
        lambda d: d.replace(b"igangsat", "igangsat\u00a0".encode(), 1),
        lambda d: d.replace(b"igangsat", b"ig\x07angsat", 1),
        lambda d: b"\xef\xbb\xbf   \n",
        lambda d: b"",
    ],
)
def test_damaged_files_agree(damage):
    data = damage((EXAMPLE / "initiatives.csv").read_bytes())
    _agree("initiatives", data)


def test_a_number_beyond_64_bits_loads_as_before():
    spec = TABLES["initiatives"]
    row = "I-1;T;LH;grøn;1–3 år;idé;fælles;;;;;;99999999999999999999;;;;;;;"
    _agree("initiatives", f"{';'.join(spec.headers)}\n{row}\nI-2;T;LH;;;idé;fælles;;;;;;7;;;;;;;\n".encode())


def _numpy_days(values: list[str]):
    """numpy's own parser on cells shaped ÅÅÅÅ-MM-DD (ASCII digits): the days, or None when one is refused."""
    import re

    import numpy as np

    if not all(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v) for v in values):
        return None
    try:
        return np.array(values, dtype=object).astype("datetime64[D]")
    except ValueError:
        return None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.builds(
                lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)
            ),
            st.builds(
                lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
                st.sampled_from([0, 4, 1600, 1900, 2000, 2023, 2024, 2100, 9999]),
                st.just(2),
                st.integers(28, 30),
            ),
            st.text(alphabet="0123456789-x ٣\n", min_size=8, max_size=12),
        ),
        max_size=5,
    )
)
def test_plain_dates_agree_with_numpys_calendar(values):
    from forumkit.storage.columns import _plain_dates

    ours, theirs = _plain_dates(values), _numpy_days(values)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert ours.dtype == theirs.dtype and list(ours) == list(theirs)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(0, 10**21).map(str),
            st.builds(lambda zeros, n: "0" * zeros + str(n), st.integers(0, 20), st.integers(0, 999)),
            st.text(alphabet="0123456789 -+.x٣", max_size=4),
        ),
        max_size=5,
    )
)
def test_plain_ints_take_exactly_the_numbers_of_at_most_18_digits(values):
    import re

    from forumkit.storage.columns import _plain_ints

    plain = bool(values) and all(re.fullmatch(r"[0-9]{1,18}", v) for v in values)
    numbers = _plain_ints(values)
    assert (numbers is not None) == plain
    if plain:
        assert numbers.tolist() == [int(v) for v in values]
