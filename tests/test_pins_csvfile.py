"""The workspace's CSV dialect pinned cell by cell: trimmed spaces, blank ';;' rows, the 100.000-character field
limit, line and column of every problem, and the bytes written (found by mutation testing, docs/mutation.md)."""

from __future__ import annotations

import pytest

from forumkit.model.errors import DataProblem
from forumkit.storage.csvfile import excel_column, parse_csv, render_csv

HEADERS = ("id", "navn", "note")


def parse(text: str | bytes, expected=HEADERS):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_csv("x.csv", data, expected)


def rows(text, expected=HEADERS):
    parsed, problems = parse(text, expected)
    assert problems == [], problems
    return parsed.rows, parsed.lines


def problem(text, expected=HEADERS):
    parsed, problems = parse(text, expected)
    assert parsed is None
    return [(p.line, p.column, p.message, p.value) for p in problems]


# --- cells ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, value",
    [
        ("Anna", "Anna"),
        ("Anna ", "Anna"),  # a trailing space
        (" Anna", "Anna"),  # a leading space
        ("Anna\t", "Anna"),
        ("  ", None),  # only spaces: no value
        ("", None),
        ("'=SUM(A1)", "=SUM(A1)"),  # the formula guard comes off
        ("' =1", "' =1"),  # an apostrophe before something harmless stays
        ("'Anna", "'Anna"),
        ("Ann'", "Ann'"),
        (" '=1 ", "=1"),
    ],
)
def test_a_cell_is_trimmed_and_unguarded(cell, value):
    assert rows(f"id;navn;note\n1;{cell};x\n")[0] == [{"id": "1", "navn": value, "note": "x"}]


def test_a_quoted_cell_keeps_inner_newlines_but_not_outer_spaces():
    assert rows('id;navn;note\n1;" to\nlinjer ";x\n')[0] == [{"id": "1", "navn": "to\nlinjer", "note": "x"}]


def test_header_names_are_trimmed():
    assert rows(" id ;navn\t;note\n1;a;b\n")[0] == [{"id": "1", "navn": "a", "note": "b"}]


# --- rows and their lines ----------------------------------------------------------------------------------


def test_blank_rows_and_rows_of_only_separators_are_skipped_and_lines_still_count():
    found, lines = rows("id;navn;note\n\n;;\n1;a;b\n ; ;\n2;c;d\n")
    assert [r["id"] for r in found] == ["1", "2"]
    assert lines == [4, 6]


def test_a_row_after_a_multi_line_cell_has_its_editor_line():
    _found, lines = rows('id;navn;note\n1;"a\nb\nc";x\n2;d;e\n')
    assert lines == [2, 5]


def test_crlf_line_ends():
    found, lines = rows("id;navn;note\r\n1;a;b\r\n2;c;d\r\n")
    assert found == [{"id": "1", "navn": "a", "note": "b"}, {"id": "2", "navn": "c", "note": "d"}]
    assert lines == [2, 3]


def test_comma_separated_and_the_tie_goes_to_semicolon():
    assert rows("id,navn,note\n1,a,b\n")[0] == [{"id": "1", "navn": "a", "note": "b"}]
    # one ';' and one ',' in the header line: ';' wins
    assert rows("id;navn,x\n1;a,b\n", expected=("id", "navn,x"))[0] == [{"id": "1", "navn,x": "a,b"}]


def test_with_and_without_bom():
    assert rows("\ufeffid;navn;note\n1;a;b\n") == rows("id;navn;note\n1;a;b\n")


def test_parsed_headers_are_the_files_order():
    parsed, _ = parse("note;id;navn\nx;1;a\n")
    assert parsed.headers == ["note", "id", "navn"]
    assert parsed.rows == [{"note": "x", "id": "1", "navn": "a"}]


# --- a row of the wrong width ------------------------------------------------------------------------------


def test_a_short_row_names_its_last_cell_and_line():
    assert problem("id;navn;note\n1;a;b\n2;c\n") == [
        (3, "navn", "rækken har 2 celler, men overskriften har 3 – rækken er måske afkortet", "2;c")
    ]


def test_a_long_row_names_the_last_column():
    assert problem("id;navn;note\n1;a;b;c\n") == [
        (2, "note", "rækken har 4 celler, men overskriften har 3 – er der en celle for meget?", "1;a;b;c")
    ]


def test_mixed_separators_are_named():
    assert problem("id;navn;note\n1,a,b\n") == [
        (2, "id", "rækken har 1 celler, men overskriften har 3 – er der brugt ',' og ';' i samme fil?", "1,a,b")
    ]
    assert problem("id,navn,note\n1;a;b\n") == [
        (2, "id", "rækken har 1 celler, men overskriften har 3 – er der brugt ';' og ',' i samme fil?", "1;a;b")
    ]


def test_the_value_shown_is_cut_at_80_characters():
    long = "x" * 100
    [(_line, _column, _message, value)] = problem(f"id;navn;note\n{long};a\n")
    assert value == ("x" * 100 + ";a")[:80] and len(value) == 80


def test_every_bad_row_is_reported_not_only_the_first():
    assert [p[0] for p in problem("id;navn;note\n1;a\n2;b;c\n3\n")] == [2, 4]


# --- the header line ---------------------------------------------------------------------------------------


def test_unknown_missing_blank_and_double_columns():
    assert problem("id;nvan;;id\n1;a;b;c\n") == [
        (1, "kolonne B", "ukendt kolonne 'nvan' – mente du 'navn'?", "nvan"),
        (1, "kolonne C", "kolonnen har ingen overskrift", None),
        (1, "id", "kolonnen 'id' står to gange", "id"),
        (1, "navn", "kolonnen 'navn' mangler i overskriftslinjen", None),
        (1, "note", "kolonnen 'note' mangler i overskriftslinjen", None),
    ]


def test_an_unknown_column_without_a_likely_match_gets_no_suggestion():
    assert problem("id;navn;note;zzz\n1;a;b;c\n") == [(1, "kolonne D", "ukendt kolonne 'zzz'", "zzz")]


def test_a_suggestion_is_taken_from_all_columns_when_none_is_missing():
    assert problem("id;navn;note;NOTER\n1;a;b;c\n") == [
        (1, "kolonne D", "ukendt kolonne 'NOTER' – mente du 'note'?", "NOTER")
    ]


@pytest.mark.parametrize(
    "index, letters",
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")],
)
def test_excel_column_letters(index, letters):
    assert excel_column(index) == letters


# --- files that are not CSV at all -------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\n", b"\xef\xbb\xbf\n"])
def test_an_empty_file_needs_its_header_line(data):
    assert problem(data) == [(1, "fil", "filen er tom – den skal mindst have overskriftslinjen: id;navn;note", None)]


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_is_refused_with_a_hint(bom):
    assert problem(bom + "id;navn;note\n".encode("utf-16-le")) == [
        (
            1,
            "fil",
            "filen er gemt som UTF-16 ('Unicode-tekst') – åbn den i Excel og vælg Gem som › "
            "'CSV UTF-8 (kommasepareret)'",
            "UTF-16",
        )
    ]


def test_a_nul_byte_names_its_line():
    assert problem(b"id;navn;note\n1;a;b\n2;\x00;c\n") == [
        (3, "fil", "filen indeholder NUL-tegn – den er ikke en tekstfil (CSV)", None)
    ]


def test_windows_1252_names_line_column_byte_and_guess():
    assert problem("id;navn;note\n1;a;b\n2;Søren;c\n".encode("cp1252")) == [
        (
            3,
            "navn",
            "filen er ikke gemt som UTF-8 (byte 0xF8, måske 'ø' fra Windows-1252/ANSI) – åbn den i Excel "
            "og vælg Gem som › 'CSV UTF-8 (kommasepareret)'",
            "0xF8",
        )
    ]


def test_windows_1252_in_a_comma_file_and_in_the_header():
    assert problem("id,navn,note\n1,a,Æble\n".encode("cp1252"))[0][:2] == (2, "note")
    assert problem("id;nævn;note\n".encode("cp1252"))[0][:2] == (1, "fil")
    assert problem("id;navn;note\n1;a;b;Æ\n".encode("cp1252"))[0][:2] == (2, "fil")  # beyond the last column


def test_a_bom_in_the_middle_names_its_line():
    assert problem("id;navn;note\n1;a;b\n\ufeffid;navn;note\n") == [
        (
            3,
            "fil",
            "usynligt BOM-tegn (U+FEFF) midt i filen – filen er sat sammen af flere filer; fjern tegnet eller "
            "gem filen igen fra Excel",
            None,
        )
    ]


# --- quotes and the field limit -------------------------------------------------------------------------------


def test_an_unclosed_quote_is_reported_at_the_end_of_the_file():
    assert problem('id;navn;note\n1;"a;b\n2;c;d\n') == [
        (
            3,
            "fil",
            'filen kan ikke læses som CSV her: et anførselstegn (") er ikke lukket – filen er måske afkortet',
            None,
        )
    ]


def test_text_after_a_closing_quote():
    assert problem('id;navn;note\n1;"a"b;c\n') == [
        (2, "fil", 'filen kan ikke læses som CSV her: forkert brug af anførselstegn (")', None)
    ]


def test_a_cell_of_exactly_100_000_characters_is_read_and_one_more_is_not():
    full = "x" * 100_000
    assert rows(f"id;navn;note\n1;{full};b\n")[0][0]["navn"] == full
    assert problem(f"id;navn;note\n1;a;b\n2;{full}y;b\n") == [
        (3, "fil", "filen kan ikke læses som CSV her: en celle er længere end 100.000 tegn", None)
    ]


def test_the_header_line_itself_may_be_unreadable():
    assert problem('"id;navn;note') == [(1, "fil", "overskriftslinjen kan ikke læses: unexpected end of data", None)]


# --- writing -----------------------------------------------------------------------------------------------


def test_rendered_bytes_bom_semicolons_newlines_and_quotes():
    data = render_csv(["id", "navn"], [{"id": "1", "navn": "a;b"}, ["2", 'sagde "hej"\nigen'], {"id": "3"}])
    assert data == ('\ufeffid;navn\n1;"a;b"\n2;"sagde ""hej""\nigen"\n3;\n').encode("utf-8")


@pytest.mark.parametrize("cell", ["=1+1", "+45 1234", "-5", "@SUM(A1)", "\tx", "\rx", "'=1"])
def test_cells_that_start_like_a_formula_are_guarded_and_read_back(cell):
    data = render_csv(["id", "navn", "note"], [["1", cell, "ok"]])
    assert f"'{cell}" in data.decode("utf-8")
    assert rows(data)[0] == [{"id": "1", "navn": cell, "note": "ok"}]


@pytest.mark.parametrize(
    "cell, value", [("før\refter", "før\refter"), ("a\r\nb", "a\r\nb"), ("x\r", "x"), ("\ry", "\ry")]
)  # (a leading '\r' is guarded like a formula)
def test_a_carriage_return_in_a_cell_loads_again(cell, value):
    data = render_csv(["id", "navn", "note"], [["1", cell, "ok"], ["2", "b", "c"]])
    found, _lines = rows(data)
    assert found == [{"id": "1", "navn": value, "note": "ok"}, {"id": "2", "navn": "b", "note": "c"}]


def test_only_the_guarded_cells_change():
    data = render_csv(["a", "b", "c"], [["=x", "y", ""], ["p", "q", "r"]])
    assert data == "\ufeffa;b;c\n'=x;y;\np;q;r\n".encode("utf-8")


def test_a_round_trip_keeps_every_value():
    values = [["1", "Søren Ærø", "x;y"], ["2", '=HYPERLINK("u")', "a\nb"], ["3", "-", "'"]]
    parsed, problems = parse_csv("x.csv", render_csv(HEADERS, values), HEADERS)
    assert problems == []
    assert parsed.rows == [dict(zip(HEADERS, v, strict=False)) for v in values]


def test_problems_are_data_problems_for_the_file():
    _, problems = parse("id;navn\n")
    assert problems == [DataProblem("x.csv", 1, "note", "kolonnen 'note' mangler i overskriftslinjen")]


# --- where a non-UTF-8 byte is: line, column, and the separator guessed from the raw bytes ---------------------


@pytest.mark.parametrize(
    "data, line, column",
    [
        (b"id;navn;note\n1;a;\n;b\xd8d;c\n", 3, "navn"),  # a line that starts with an empty cell, after one ending so
        (b"id;navn;note\n1;a,b;\xd8\n", 2, "note"),  # ';' outnumbers ','
        (b"id;navn;note\n1,2,3\xd8\n", 2, "id"),  # as many ';' as ',': ';' wins
    ],
)
def test_the_column_of_a_non_utf8_byte(data, line, column):
    assert problem(data)[0][:2] == (line, column)


def test_a_byte_that_is_not_windows_1252_either_is_shown_as_a_replacement():
    assert problem(b"id;navn;note\n1;\x81;c\n") == [
        (
            2,
            "navn",
            "filen er ikke gemt som UTF-8 (byte 0x81, måske '\ufffd' fra Windows-1252/ANSI) – åbn den i "
            "Excel og vælg Gem som › 'CSV UTF-8 (kommasepareret)'",
            "0x81",
        )
    ]


def test_a_row_of_nothing_but_formulas_and_blanks_is_guarded():
    assert render_csv(["a", "b", "c"], [["=1", "", "-2"]]) == "\ufeffa;b;c\n'=1;;'-2\n".encode("utf-8")


def test_rendered_lines_guard_formulas_like_the_whole_file():
    """render_lines (the save's row memo) guards a formula-like first character exactly as render_csv does,
    also in a row whose every cell needs it and in a row with empty cells."""
    from forumkit.storage.csvfile import render_lines

    rows = [["=1+1"], ["", "-5", "@x"], ["a", "+b", ""], ["almindelig", "tekst"]]
    whole = render_csv(["h"], rows).decode("utf-8-sig").split("\n", 1)[1]
    assert "".join(render_lines(rows)) == whole
    assert render_lines([["=1+1"]]) != ["=1+1\n"]


@pytest.mark.parametrize(
    "data, column",
    [
        # 1 ';' and 2 ',' in the first 200 bytes (a ';' is the 201st): the guess is ',', the header 'A' | 'B;C'
        (b"A,B;C\n" + b"x," + b"z" * 192 + b";\nq\xe9\n", "A"),
        # a tie in the first 200 bytes goes to ';' (a ',' is the 201st): the header 'A' | 'B,C'
        (b"A;B,C\n" + b"x" * 194 + b",\nq\xe9\n", "A"),
    ],
    ids=["comma-wins", "tie-to-semicolon"],
)
def test_the_separator_of_a_non_utf8_file_is_guessed_from_its_first_200_bytes(data, column):
    parsed, problems = parse_csv("x.csv", data, ["A"])
    assert parsed is None and [(p.line, p.column, p.value) for p in problems] == [(3, column, "0xE9")]


def test_only_ascii_blanks_are_trimmed_by_the_reader():
    """A non-breaking space (pasted from a web page) is left in the cell; the model strips it where its field
    says so, the reader does not decide that."""
    parsed, problems = parse_csv("x.csv", "a;b;c\nX\u00a0;\u00a0X; Y \n".encode(), ["a", "b", "c"])
    assert problems == [] and parsed.rows == [{"a": "X\u00a0", "b": "\u00a0X", "c": "Y"}]
