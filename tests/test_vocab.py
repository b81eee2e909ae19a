"""One vocabulary: closed sets of Danish values are StrEnums in forumkit.model.vocab, used by the tables."""

from __future__ import annotations

from forumkit.model import tables
from forumkit.model.vocab import VOCABULARIES, Role, Status


def test_members_are_their_danish_text():
    assert Status.DONE == "gennemført" and f"{Role.VICE_CHAIR}" == "næstformand"


def test_every_vocabulary_has_unique_values():
    for enum in VOCABULARIES:
        values = [m.value for m in enum]
        assert len(values) == len(set(values)), enum.__name__


def test_the_tables_take_their_choices_from_the_vocabulary():
    assert tables.INITIATIVE_STATUSES == tuple(Status)
    assert tables.ROLES == ("medlem", "formand", "næstformand")


def test_a_loaded_record_holds_the_enum_and_writes_the_danish_text(tmp_path):
    ini = tables.build(tables.Initiative, {"id": "I-1", "title": "x", "pillar": "P", "status": "igangsat",
                                           "kind": "privat"})
    assert ini.status is Status.STARTED
    assert ini.cells()["status"] == "igangsat"
