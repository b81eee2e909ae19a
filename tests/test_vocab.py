"""One vocabulary: closed sets of Danish values are StrEnums in forumkit.model.vocab, used by the tables."""

from __future__ import annotations

import pytest

from forumkit.model import tables
from forumkit.model.vocab import GLOSSARY, VOCABULARIES, Role, Status, attribute_for


def test_members_are_their_danish_text():
    assert Status.DONE == "gennemført" and f"{Role.VICE_CHAIR}" == "næstformand"


def test_every_vocabulary_has_unique_values():
    for enum in VOCABULARIES:
        values = [m.value for m in enum]
        assert len(values) == len(set(values)), enum.__name__


def test_the_tables_take_their_choices_from_the_vocabulary():
    assert tuple(Status) == tables.INITIATIVE_STATUSES
    assert tables.ROLES == ("medlem", "formand", "næstformand")


def test_a_loaded_record_holds_the_enum_and_writes_the_danish_text(tmp_path):
    ini = tables.build(
        tables.Initiative, {"id": "I-1", "title": "x", "pillar": "P", "status": "igangsat", "kind": "privat"}
    )
    assert ini.status is Status.STARTED
    assert ini.cells()["status"] == "igangsat"


def _fields():
    for spec in tables.TABLES.values():
        for name, field in spec.model.model_fields.items():
            yield spec, name, field.alias or name


def test_every_table_attribute_is_its_headings_glossary_word():
    """One regular rule: a column's attribute is GLOSSARY[its Danish heading], in every table."""
    wrong = [
        f"{spec.file}: {heading} -> {name} (glossary: {GLOSSARY.get(heading)})"
        for spec, name, heading in _fields()
        if GLOSSARY.get(heading) != name
    ]
    assert wrong == []


def test_a_heading_means_one_attribute_across_the_tables():
    meaning: dict[str, set[str]] = {}
    for _spec, name, heading in _fields():
        meaning.setdefault(heading, set()).add(name)
    assert {h: names for h, names in meaning.items() if len(names) > 1} == {}
    assert meaning["punkt"] == {"number"}  # the agenda item's and the action's `punkt` (once Action.item)


def test_the_glossary_holds_no_heading_that_no_table_uses():
    assert set(GLOSSARY) - {heading for _spec, _name, heading in _fields()} == set()


def test_attribute_for_follows_the_glossary_and_refuses_an_unknown_heading():
    assert attribute_for("sagsfremstilling") == "case" and attribute_for("fra") == "start"
    with pytest.raises(KeyError):
        attribute_for("ukendt_overskrift")
