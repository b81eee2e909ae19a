"""Numbers the Danish way: one parser (babel, da_DK, strict, behind an ASCII shape check) for every number
that comes in, one formatter for every number shown."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.model.cells import parse_day, parse_whole
from forumkit.model.danish import (
    NumberError,
    da_kroner,
    da_number,
    da_percent,
    parse_number,
)
from forumkit.model.errors import InputError
from forumkit.model.tables import Initiative, NetworkEvent, build

# (typed text, what parse_number makes of it: a Decimal, or None = refused)
NUMBERS = [
    ("85000", Decimal(85000)),
    ("85.000", Decimal(85000)),
    ("85.000,50", Decimal("85000.50")),
    ("85.000,00", Decimal(85000)),
    ("1.500", Decimal(1500)),
    ("1.234.567", Decimal(1234567)),
    ("12,5", Decimal("12.5")),
    ("0,5", Decimal("0.5")),
    ("0", Decimal(0)),
    ("-0", Decimal(0)),
    ("-1.500", Decimal(-1500)),
    ("0085", Decimal(85)),
    (" 85.000 ", Decimal(85000)),
    ("1.5", None),  # a thousands dot with one digit after it
    ("1.0000", None),
    ("1.000.00", None),
    ("1,000", None),  # a thousand in English, one in Danish
    ("1,000.00", None),
    ("1_000", None),
    ("85 000", Decimal(85000)),  # a space or a no-break space between thousands, as many Danes write
    ("85\u00a0000", Decimal(85000)),
    ("1 500", Decimal(1500)),
    ("1 234 567,5", Decimal("1234567.5")),
    ("-1 500", Decimal(-1500)),
    ("85 00", None),  # a space that does not part thousands
    ("1  500", None),
    ("1 500.000", None),
    ("12 5", None),
    ("1 5000", None),
    ("1e3", None),
    ("NaN", None),
    ("Infinity", None),
    ("+5", None),
    ("\u22125", None),  # the typographic minus
    ("\u0661\u0662\u0663", None),  # Arabic-Indic digits
    ("", None),
    ("kr.", None),
    ("85 tusind", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[repr(t) for t, _ in NUMBERS])
def test_parse_number_table(text, expected):
    if expected is None:
        with pytest.raises(NumberError) as caught:
            parse_number(text)
        assert f"'{text.strip()}'" in str(caught.value)  # the message names the value
    else:
        assert parse_number(text) == expected


# (text in a whole-kroner column, kroner or the start of the refusal)
AMOUNTS = [
    ("85000", 85000),
    ("85.000", 85000),
    ("85.000 kr.", 85000),
    ("85.000 kr", 85000),
    ("85.000 KR.", 85000),
    ("85.000,-", 85000),
    ("85.000,00", 85000),
    ("85.000,50", "beløb '85.000,50' har decimaler – skriv et helt tal, fx 85.001"),
    ("1.5", "ugyldigt beløb '1.5' er tvetydigt"),
    ("1,000", "ugyldigt beløb '1,000' er tvetydigt – skriv 1.000"),
    ("85 000", 85000),
    ("85\u00a0000 kr.", 85000),
    ("1 500", 1500),
    ("85 00", "ugyldigt beløb '85 00' er tvetydigt – mellemrum må kun skille tusinder, tre cifre ad gangen"),
    ("kr. 85.000", "ugyldigt beløb 'kr. 85.000' – skriv et helt tal"),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNTS, ids=[repr(t) for t, _ in AMOUNTS])
def test_whole_kroner(text, expected):
    if isinstance(expected, int):
        assert parse_whole(text, "beløb", ("kr.", "kr", ",-")) == expected
    else:
        with pytest.raises(ValueError) as caught:
            parse_whole(text, "beløb", ("kr.", "kr", ",-"))
        assert str(caught.value).startswith(expected)


def _initiative(**fields):
    return build(
        Initiative, {"id": "I-1", "title": "Bod", "pillar": "LH", "status": "idé", "kind": "kommunal", **fields}
    )


def test_the_reported_failure_85_000_is_85_thousand_and_1_500_is_accepted():
    assert _initiative(budget_asked="85.000").budget_asked == 85000
    assert _initiative(budget_asked="1.500").budget_asked == 1500
    assert _initiative(budget_asked="85000").budget_asked == 85000  # plain digits: pydantic's own parser


def test_a_record_refuses_decimals_and_ambiguous_amounts_naming_field_and_value():
    with pytest.raises(InputError) as caught:
        _initiative(budget_secured="85.000,50")
    assert caught.value.field == "budget_sikret" and "'85.000,50' har decimaler" in caught.value.message
    with pytest.raises(InputError) as caught:
        _initiative(budget_asked="1,000.00")
    assert caught.value.field == "budget_søgt" and "'1,000.00'" in caught.value.message


def test_units_belong_to_their_column():
    assert _initiative(progress="40 %").progress == 40
    assert _initiative(progress="40%").progress == 40
    with pytest.raises(InputError, match="fremdrift '140' skal være mellem 0 og 100"):
        _initiative(progress="140")
    with pytest.raises(InputError, match=re.escape("ugyldigt antal '40 kr.'")):
        _initiative(hours="40 kr.")
    with pytest.raises(InputError, match=re.escape("ugyldig fremdrift '40 kr.'")):
        _initiative(progress="40 kr.")
    assert (
        build(
            NetworkEvent, {"id": "NE-1", "network": "N", "date": date(2026, 1, 1), "title": "t", "members": "1.500"}
        ).members
        == 1500
    )


def test_huge_amounts_are_refused_not_kept():
    with pytest.raises(InputError, match=re.escape("skal være højst 999.999.999.999")):
        _initiative(budget_asked="1.000.000.000.000")
    assert _initiative(budget_asked="999.999.999.999").budget_asked == 999_999_999_999


def test_negative_zero_is_zero_and_negative_is_refused():
    assert _initiative(budget_asked="-0").budget_asked == 0
    with pytest.raises(InputError, match=re.escape("beløb '-1.500' skal være mindst 0")):
        _initiative(budget_asked="-1.500")


FORMATTED = [
    (da_number(0), "0"),
    (da_number(-0.0), "0"),
    (da_number(85000), "85.000"),
    (da_number(1234567), "1.234.567"),
    (da_number(12.5, 1), "12,5"),
    (da_number(Decimal("85000.50"), 2), "85.000,50"),
    (da_number(-1500), "-1.500"),
    (da_percent(12.5, 1), "12,5 %"),
    (da_percent(40), "40 %"),
    (da_kroner(85000), "85.000 kr."),
    (da_kroner(0), "0 kr."),
]


@pytest.mark.parametrize(("shown", "expected"), FORMATTED)
def test_one_formatter(shown, expected):
    assert shown == expected


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_what_is_shown_reads_back(value):
    assert parse_number(da_number(value)) == value
    assert parse_whole(da_kroner(value), "beløb", ("kr.",)) == value


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_what_is_shown_with_decimals_reads_back(value):
    assert parse_number(da_number(value, 2)) == value


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([" ", "\u00a0", "\u202f"]),
    st.sampled_from([0, 2]),
)
def test_thousands_parted_by_spaces_read_back(value, space, decimals):
    value = round(value, decimals)
    written = da_number(value, decimals).replace(".", space)  # '85 000', '1 234 567,50'
    assert parse_number(written) == value
    if decimals == 0:
        assert parse_whole(f"{written} kr.", "beløb", ("kr.",)) == value


def test_the_formatter_agrees_with_babel():
    from babel.numbers import format_decimal

    for value in (0, 7, 999, 1000, 85000, 1234567, 10**12):
        assert da_number(value) == format_decimal(value, format="#,##0", locale="da_DK")
    assert da_number(12.5, 1) == format_decimal(12.5, format="#,##0.0", locale="da_DK")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("1899-12-31", False),
        ("1900-01-01", True),
        ("2199-12-31", True),
        ("2200-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
        ("2026-02-30", False),
        ("7/5/2026", False),
    ],
)
def test_one_date_range_for_typed_dates(text, ok):
    if ok:
        assert parse_day(text, "--dato") == date.fromisoformat(text)
    else:
        with pytest.raises(InputError) as caught:
            parse_day(text, "--dato")
        assert caught.value.field == "--dato" and f"'{text}'" in caught.value.message


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (date(1899, 12, 31), False),
        (date(1900, 1, 1), True),
        (date(2199, 12, 31), True),
        (date(2200, 1, 1), False),
        (date(1, 1, 1), False),
        (date(9999, 12, 31), False),
    ],
)
def test_records_keep_to_the_date_range(day, ok):
    if ok:
        assert _initiative(due=day).due == day
    else:
        with pytest.raises(InputError) as caught:
            _initiative(due=day)
        assert caught.value.field == "frist"
        assert (
            caught.value.message
            == f"datoen '{day.isoformat()}' ligger uden for 1900–2199 – skriv en dato i det interval"
        )


def _import(workspace_root, tmp_path, cells):
    import openpyxl

    from forumkit.edits.transfer import preview_import
    from forumkit.storage.store import load_workspace

    book = openpyxl.Workbook()
    book.active.append(["Nr", "Indsats", "Budget", "Sikret budget"])
    for n, (asked, secured) in enumerate(cells, start=1):
        book.active.append([f"I-{n:03d}", "Bod på havnen", asked, secured])
    book.save(tmp_path / "ark.xlsx")
    return preview_import(load_workspace(workspace_root), tmp_path / "ark.xlsx")


def test_import_reads_danish_amounts_and_excel_numbers(workspace, tmp_path):
    preview = _import(workspace, tmp_path, [("85.000", 60000.0), ("1.500 kr.", "1.500"), ("85 000", "1\u00a0500 kr.")])
    assert preview.clean, preview.summary()
    assert [(p.initiative.budget_asked, p.initiative.budget_secured) for p in preview.rows] == [
        (85000, 60000),
        (1500, 1500),
        (85000, 1500),
    ]


def test_import_refuses_decimals_and_ambiguous_amounts_naming_the_value(workspace, tmp_path):
    preview = _import(workspace, tmp_path, [(85000.5, "1,000.00"), ("1.5", "85 00")])
    found = [str(p) for p in preview.problems]
    assert found == [
        "Sheet:2:Budget: beløb '85.000,5' har decimaler – skriv et helt tal, fx 85.001",
        "Sheet:2:Sikret budget: ugyldigt beløb '1,000.00' – skriv et helt tal, fx 85.000 eller 85000",
        (
            "Sheet:3:Budget: ugyldigt beløb '1.5' er tvetydigt – punktum skiller tusinder (85.000), komma decimaler "
            "(12,5)"
        ),
        (
            "Sheet:3:Sikret budget: ugyldigt beløb '85 00' er tvetydigt – mellemrum må kun skille tusinder, tre "
            "cifre ad gangen (85 000 eller 1 500)"
        ),
    ]


def test_a_workspace_file_accepts_what_a_user_types_in_excel_and_is_saved_back_plain(store, workspace):
    from forumkit.edits.catalogue import update_initiative
    from forumkit.storage.store import load_workspace

    path = workspace / "initiatives.csv"
    text = path.read_text(encoding="utf-8-sig")
    for old, new in (
        (";85000;60000;120;", ";85.000;60.000 kr.;120;"),
        (";40000;40000;80;", ";40.000,-;40.000,00;80;"),
        (";2027-06-30;35;", ";2027-06-30;35 %;"),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_text("\ufeff" + text, encoding="utf-8")
    ws = load_workspace(workspace)
    assert (ws.initiative_by_id["I-001"].budget_asked, ws.initiative_by_id["I-001"].budget_secured) == (85000, 60000)
    assert (ws.initiative_by_id["I-002"].budget_asked, ws.initiative_by_id["I-002"].budget_secured) == (40000, 40000)
    assert ws.initiative_by_id["I-003"].progress == 35
    store.update(lambda ws: update_initiative(ws, "I-001", date(2026, 11, 26), next_step="Ring til havnefogeden"))
    saved = path.read_text(encoding="utf-8-sig")
    assert ";85000;60000;120;" in saved and ";40000;40000;80;" in saved and ";2027-06-30;35;" in saved


@pytest.mark.parametrize(
    ("year", "ok"), [(27, False), (1899, False), (1900, True), (2199, True), (2200, False), (9999, False)]
)
def test_a_year_plan_keeps_to_the_date_range(year, ok):
    from forumkit.edits.meetings import adopt_year_plan
    from forumkit.storage.store import load_workspace

    from .conftest import EXAMPLE

    ws = load_workspace(EXAMPLE)
    if ok:
        assert {m.date.year for m in adopt_year_plan(ws, year).meetings} - {m.date.year for m in ws.meetings} == {year}
    else:
        with pytest.raises(InputError) as caught:
            adopt_year_plan(ws, year)
        assert caught.value.message == f"året {year} ligger uden for 1900–2199"


def test_holidays_are_known_to_the_end_of_the_date_range():
    from forumkit.rules.planning import danish_holidays

    assert danish_holidays(2199)[date(2199, 12, 25)] == "Juledag"  # the library alone stops at 2100
    assert date(1900, 4, 15) in danish_holidays(1900)  # Easter Sunday


def test_a_refusal_names_the_field_in_words_and_keeps_the_heading_in_its_structure():
    with pytest.raises(InputError) as caught:
        _initiative(budget_asked="1,000.00")
    assert caught.value.field == "budget_søgt"  # file/line/column reports use the heading
    assert str(caught.value).startswith("søgt budget: ugyldigt beløb '1,000.00'")  # people read words
    with pytest.raises(InputError) as caught:
        _initiative(budget_secured="85.000,50")
    assert str(caught.value) == "sikret budget: beløb '85.000,50' har decimaler – skriv et helt tal, fx 85.001"
    assert str(InputError("FORUMKIT_TODAY", "x", "ugyldig")) == "FORUMKIT_TODAY: ugyldig"
