"""Every error a user can cause is a forumkit error with structure, never a bare built-in exception."""

from __future__ import annotations

from datetime import date

import pytest

from forumkit.model.errors import ForumkitError, InputError, InstallationError
from forumkit.rules.planning import avoid_reason
from forumkit.rules.rollup import explain, rollup
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def ws():
    return load_workspace(EXAMPLE)


def test_an_unknown_grouping_is_an_input_error(ws):
    with pytest.raises(InputError) as caught:
        rollup(ws, by="kommune")
    assert caught.value.field == "gruppering" and caught.value.value == "kommune"
    assert "brug en af: pillar, network, working_group" in caught.value.message


def test_explaining_a_pillar_the_charter_does_not_have_names_the_ones_it_has(ws):
    with pytest.raises(InputError) as caught:
        explain(ws, "XX")
    first = ws.charter.pillars[0]
    assert caught.value.field == "søjle" and caught.value.value == "XX"
    assert f"{first.id} ({first.name})" in caught.value.message


def test_the_one_pillar_lookup(ws):
    first = ws.charter.pillars[0]
    assert ws.charter.pillar_name(first.id) == first.name
    assert ws.charter.pillar_name("findes-ikke") == "findes-ikke"


@pytest.mark.parametrize(
    "year, monday", [(2026, date(2026, 3, 30)), (2027, date(2027, 3, 22)), (2100, date(2100, 3, 22))]
)
def test_easter_week_is_found_for_any_year(ws, year, monday):
    assert avoid_reason(monday, ws.charter.meetings) is not None
    assert avoid_reason(monday - __import__("datetime").timedelta(days=7), ws.charter.meetings) is None


def test_a_broken_installation_is_said_in_danish(monkeypatch, tmp_path):
    from forumkit.storage import settings

    monkeypatch.setattr(settings, "is_workspace", lambda _path: False)
    with pytest.raises(InstallationError) as caught:
        settings.example_path()
    assert isinstance(caught.value, ForumkitError)
    assert "findes ikke i installationen" in str(caught.value)
