"""The Dragør charter as data: it says what the kommissorium says."""

from __future__ import annotations

from forumkit.model.charter import default_charter_path, parse_charter, require_charter
from tests.conftest import EXAMPLE


def test_the_ten_seats_of_the_kommissorium():
    charter = require_charter(default_charter_path())
    assert charter.seat_total == 10
    assert [(s.id, s.count, s.appointed_by) for s in charter.seats] == [
        ("VG", 3, "Visionsgruppen"),
        ("SMV", 1, "Dansk Erhverv"),
        ("DI", 1, "DI – Dansk Industri"),
        ("DE", 1, "Dragør Erhverv"),
        ("HAVN", 1, "Erhvervsforeningen Dragør Havn"),
        ("DETAIL", 1, "Dansk Erhverv"),
        ("HORESTA", 1, "Horesta"),
        ("GADE", 1, "Gadelauget"),
    ]


def test_secretariat_meetings_council_pillars_networks():
    charter = require_charter(default_charter_path())
    assert [(r.name, r.required) for r in charter.secretariat] == [
        ("Erhvervs- og turismekonsulent", True),
        ("Direktør", True),
        ("Chef for Plan og Teknik", True),
        ("Anden faglig ansvarlig repræsentant", False),
    ]
    assert (charter.meetings.per_year, charter.meetings.venue) == (2, "Dragør Rådhus")
    assert charter.council.per_year == 1
    assert charter.council.committee == "Erhvervs-, Turisme-, Kultur- og Fritidsudvalget"
    assert [p.name for p in charter.pillars if not p.foundation] == [
        "Iværksættere og Uddannelse",
        "Fødevarer, Gastronomi og Klima",
        "Turisme og Livskvalitet",
        "Liv på Havnen",
    ]
    assert [p.name for p in charter.pillars if p.foundation] == ["Rammevilkår og erhvervsservice"]
    assert [n.name for n in charter.networks] == [
        "Erhvervsnetværk for klima og bæredygtighed",
        "Erhvervsnetværk for gastronomi og lokale fødevarer",
    ]
    assert charter.catalogue.colours == ("grøn", "gul", "rød")
    assert charter.catalogue.horizons == ("0–1 år", "1–3 år", "3+ år")
    assert (charter.meetings.invitation_days, charter.meetings.agenda_days, charter.meetings.minutes_days) == (28, 7, 7)


def test_the_example_uses_the_dragoer_charter():
    assert (EXAMPLE / "forum.toml").read_bytes() == default_charter_path().read_bytes()


def test_another_municipality_changes_the_file_not_the_code():
    text = default_charter_path().read_text(encoding="utf-8")
    text = text.replace('municipality = "Dragør Kommune"', 'municipality = "Tårnby Kommune"')
    text = text.replace("per_year = 2", "per_year = 4", 1)
    charter, problems = parse_charter(text)
    assert problems == []
    assert (charter.forum.municipality, charter.meetings.per_year) == ("Tårnby Kommune", 4)


def test_duplicate_seat_id_is_refused():
    text = default_charter_path().read_text(encoding="utf-8").replace('id = "SMV"', 'id = "VG"')
    charter, problems = parse_charter(text)
    assert charter is None
    assert [str(p) for p in problems] == ["forum.toml:1:forum.toml: sæde-id 'VG' står mere end én gang"]


def test_a_toml_bomb_is_refused_not_crashed():
    charter, problems = parse_charter("x = " + "[" * 100_000 + "]" * 100_000)
    assert charter is None and len(problems) == 1
