"""Each kind of bad input gives one exact Danish message as file:line:column, and nothing half-loads."""

from __future__ import annotations

import shutil

import pytest

from forumkit.model.errors import WorkspaceError
from forumkit.storage.store import load_workspace


def problems(folder) -> list[str]:
    with pytest.raises(WorkspaceError) as info:
        load_workspace(folder)
    return [str(p) for p in info.value.problems]


def set_cell(path, row_id: str, column: str, value: str) -> None:
    """Change one cell of a ';' CSV file by row id and column name, keeping the rest byte for byte."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    header = lines[0].split(";")
    index = header.index(column)
    for n, line in enumerate(lines):
        cells = line.split(";")
        if cells[0] == row_id:
            cells[index] = value
            lines[n] = ";".join(cells)
    path.write_text("\ufeff" + "\n".join(lines), encoding="utf-8")


def line_of(path, row_id: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
        if line.split(";")[0] == row_id:
            return n
    raise LookupError(row_id)


def test_missing_file(workspace):
    (workspace / "actions.csv").unlink()
    assert problems(workspace) == [
        "actions.csv:1:fil: filen mangler – kør 'forumkit init' eller gendan den fra en sikkerhedskopi"
    ]


def test_missing_column(workspace):
    path = workspace / "networks.csv"
    text = path.read_text(encoding="utf-8-sig").replace(";koordinator", "", 1)
    path.write_text(
        "\n".join(
            ";".join(c for i, c in enumerate(line.split(";")) if i != 3) if n else line
            for n, line in enumerate(text.split("\n"))
        ),
        encoding="utf-8",
    )
    assert problems(workspace) == ["networks.csv:1:koordinator: kolonnen 'koordinator' mangler i overskriftslinjen"]


def test_misspelt_column_gets_a_suggestion(workspace):
    path = workspace / "networks.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("koordinator", "kordinator", 1), encoding="utf-8")
    assert problems(workspace) == [
        "networks.csv:1:kolonne D: ukendt kolonne 'kordinator' – mente du 'koordinator'?",
        "networks.csv:1:koordinator: kolonnen 'koordinator' mangler i overskriftslinjen",
    ]


def test_unknown_pillar(workspace):
    path = workspace / "initiatives.csv"
    set_cell(path, "I-005", "søjle", "Rumfart")
    assert problems(workspace) == [
        f"initiatives.csv:{line_of(path, 'I-005')}:søjle: ukendt søjle 'Rumfart' – brug en af: IU, FGK, TL, LH, RE"
    ]


def test_unknown_status(workspace):
    path = workspace / "initiatives.csv"
    set_cell(path, "I-007", "status", "halvt færdig")
    assert problems(workspace) == [
        f"initiatives.csv:{line_of(path, 'I-007')}:status: ukendt status 'halvt færdig' – brug en af: idé, "
        "afklaring, igangsat, gennemført, parkeret, opgivet"
    ]


def test_impossible_date(workspace):
    path = workspace / "meetings.csv"
    set_cell(path, "M-2025-2", "dato", "2025-02-30")
    assert problems(workspace) == [
        f"meetings.csv:{line_of(path, 'M-2025-2')}:dato: datoen '2025-02-30' findes ikke i kalenderen"
    ]


def test_danish_date_format_is_explained(workspace):
    path = workspace / "initiatives.csv"
    set_cell(path, "I-003", "frist", "7/5-26")
    assert problems(workspace) == [
        f"initiatives.csv:{line_of(path, 'I-003')}:frist: ugyldig dato '7/5-26' – skriv datoen som ÅÅÅÅ-MM-DD, "
        "fx 2026-05-07"
    ]


def test_duplicate_id(workspace):
    path = workspace / "initiatives.csv"
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    copy = lines[3]
    lines.insert(10, copy)
    path.write_text("\n".join(lines), encoding="utf-8")
    first_id = copy.split(";")[0]
    assert problems(workspace) == [f"initiatives.csv:11:id: id '{first_id}' findes allerede (også i række 4)"]


def test_dangling_reference(workspace):
    path = workspace / "attendance.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace("M-2025-2;A-009", "M-2025-2;A-099", 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, start=1) if "A-099" in line)
    assert problems(workspace) == [f"attendance.csv:{number}:medlem: udpegningen 'A-099' findes ikke"]


def test_cp1252_file_from_old_excel(workspace):
    path = workspace / "networks.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_bytes(text.encode("cp1252"))
    # The first non-ASCII byte is 'ø' (0xF8) of the header 'søjle'.
    assert problems(workspace) == [
        "networks.csv:1:fil: filen er ikke gemt som UTF-8 (byte 0xF8, måske 'ø' fra Windows-1252/ANSI) – åbn den "
        "i Excel og vælg Gem som › 'CSV UTF-8 (kommasepareret)'"
    ]


def test_comma_separated_file_is_read(workspace):
    path = workspace / "council_reports.csv"
    text = path.read_text(encoding="utf-8-sig")
    rows = [line.split(";") for line in text.strip().split("\n")]
    path.write_text(
        "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\n", encoding="utf-8"
    )
    ws = load_workspace(workspace)
    assert [r.committee for r in ws.council_reports] == ["Erhvervs-, Turisme-, Kultur- og Fritidsudvalget"] * 2


def test_file_without_bom_is_read(workspace):
    path = workspace / "networks.csv"
    path.write_bytes(path.read_bytes()[3:])
    assert load_workspace(workspace).networks[0].name == "Erhvervsnetværk for klima og bæredygtighed"


def test_empty_file(workspace):
    (workspace / "inputs.csv").write_bytes(b"")
    assert problems(workspace) == [
        "inputs.csv:1:fil: filen er tom – den skal mindst have overskriftslinjen: "
        "id;dato;møde;afsender;tekst;initiativer"
    ]


def test_toml_syntax_error(workspace):
    path = workspace / "forum.toml"
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith("per_year = 2"))
    lines[number - 1] = "per_year = to"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert problems(workspace) == [f"forum.toml:{number}:tegn 12: TOML-syntaksfejl: ugyldig værdi i 'per_year = to'"]


def test_charter_value_error_is_located(workspace):
    path = workspace / "forum.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("count = 3", "count = 0", 1), encoding="utf-8")
    number = text.split("\n").index("count = 3") + 1
    assert problems(workspace) == [f"forum.toml:{number}:count: seats.0.count: er for lille (værdi: 0)"]


def test_every_problem_in_every_file_in_one_pass(workspace):
    set_cell(workspace / "meetings.csv", "M-2025-1", "dato", "2025-13-01")
    set_cell(workspace / "initiatives.csv", "I-001", "fremdrift", "140")
    set_cell(workspace / "initiatives.csv", "I-002", "fremdrift", "halvdelen")
    (workspace / "actions.csv").unlink()
    found = problems(workspace)
    assert len(found) == 4
    assert [p.split(":")[0] for p in found] == ["actions.csv", "initiatives.csv", "initiatives.csv", "meetings.csv"]
    assert "fremdrift '140' skal være mellem 0 og 100" in found[1]
    assert "ugyldig fremdrift 'halvdelen' – skriv et helt tal" in found[2]


def test_end_before_start_is_refused(workspace):
    path = workspace / "members.csv"
    set_cell(path, "A-004", "til", "2024-01-01")
    assert problems(workspace) == [
        f"members.csv:{line_of(path, 'A-004')}:til: slutdato 2024-01-01 ligger før startdato 2025-04-01"
    ]


def test_bom_in_the_middle(workspace):
    path = workspace / "networks.csv"
    data = path.read_bytes()
    path.write_bytes(data + data)
    assert problems(workspace)[0].startswith("networks.csv:4:fil: usynligt BOM-tegn (U+FEFF) midt i filen")


def test_not_a_folder(tmp_path):
    assert problems(tmp_path / "nothing") == [f"{tmp_path / 'nothing'}:1:mappe: mappen findes ikke"]


def test_the_example_is_untouched_by_loading(tmp_path):
    from tests.conftest import EXAMPLE, snapshot

    before = snapshot(EXAMPLE)
    copy = tmp_path / "copy"
    shutil.copytree(EXAMPLE, copy)
    load_workspace(copy)
    assert snapshot(EXAMPLE) == before
