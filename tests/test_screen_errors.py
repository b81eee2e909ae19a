"""No traceback in a screen: whatever a callback raises ends as one Danish line in the screen's own Output;
an unexpected error's details go to a private log file, not to the screen."""

from __future__ import annotations

import pytest

from forumkit.model.errors import InputError
from forumkit.ui.catalogue import CatalogueScreen
from forumkit.ui.catalogue.editing import EditTab
from forumkit.ui.common import output_text
from forumkit.ui.meetings import MeetingScreen
from forumkit.ui.overview import OverviewScreen
from forumkit.ui.setup import SetupScreen
from forumkit.ui.status import StatusScreen


@pytest.fixture(autouse=True)
def private_log(tmp_path, monkeypatch):
    monkeypatch.setenv("FORUMKIT_LOG_DIR", str(tmp_path / "log"))
    return tmp_path / "log"


def boom(*_args, **_kwargs):
    raise KeyError("intern detalje")


@pytest.mark.parametrize(
    "screen_class, owner, method, button, output",
    [
        (SetupScreen, SetupScreen, "_on_save", "save", "message"),
        (CatalogueScreen, EditTab, "_on_save", "editing.save", "message"),
        (MeetingScreen, MeetingScreen, "_on_adopt", "adopt", "message"),
        (OverviewScreen, OverviewScreen, "reload", "refresh", "findings_out"),
        (StatusScreen, StatusScreen, "show_charts", "show_button", "message"),
    ],
)
def test_a_failing_click_shows_a_danish_line_and_logs_the_details(
    workspace, monkeypatch, private_log, screen_class, owner, method, button, output
):
    if method == "reload":  # called while the screen is made, and looked up again when clicked
        screen = screen_class.from_env()
        monkeypatch.setattr(screen, method, boom)
    else:  # bound to the button when the screen (or its tab) is made
        monkeypatch.setattr(owner, method, boom)
        screen = screen_class.from_env()
    widget = screen
    for part in button.split("."):
        widget = getattr(widget, part)
    widget.click()
    text = output_text(getattr(screen, output))
    [log] = private_log.iterdir()
    assert text == (
        f"Uventet fejl – handlingen blev ikke gennemført. Detaljerne er skrevet i {log}; send filen til "
        "den, der vedligeholder forumkit."
    )
    assert "KeyError: 'intern detalje'" in log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "intern detalje" not in text


def test_a_failing_observer_is_caught_too(workspace, monkeypatch, private_log):
    screen = CatalogueScreen.from_env()
    monkeypatch.setattr(screen.progress, "reload", boom)
    screen.progress.by.value = "network" if screen.progress.by.value != "network" else "pillar"
    assert output_text(screen.message).startswith("Uventet fejl – handlingen blev ikke gennemført.")
    assert len(list(private_log.iterdir())) == 1


def test_a_refusal_raised_in_a_callback_is_shown_as_it_is(workspace, monkeypatch, private_log):
    screen = OverviewScreen.from_env()

    def refuse():
        raise InputError("år", "27", "året 27 ligger uden for 1900–2199")

    monkeypatch.setattr(screen, "reload", refuse)
    screen.refresh.click()
    assert output_text(screen.findings_out) == "Fejl: år: året 27 ligger uden for 1900–2199"
    assert not private_log.exists()


def test_widgets_made_by_a_callback_are_guarded_as_well(workspace, private_log):
    import ipywidgets as w

    screen = OverviewScreen.from_env()
    late = w.Button()
    late.on_click(boom)
    screen.children = (*screen.children, late)
    screen.refresh.click()  # a guarded callback: afterwards the screen's new widgets are guarded too
    late.click()
    assert output_text(screen.findings_out).startswith("Uventet fejl")


def test_screens_still_work(workspace):
    screen = OverviewScreen.from_env()
    screen.refresh.click()
    assert "Peter Mølgaard" in output_text(screen.findings_out)


def test_a_garbage_sheet_in_the_catalogue_screen_is_explained_in_the_import_box(workspace, tmp_path):
    screen = CatalogueScreen.from_env()
    garbage = tmp_path / "ark.xlsx"
    garbage.write_bytes(b"\x00garbage" * 100)
    screen.importing.load_sheet(garbage)
    assert output_text(screen.importing.import_out) == (
        "Filen kan ikke læses: fil: ark.xlsx er ikke en gyldig Excel-fil (.xlsx) – åbn den i Excel og gem den igen"
    )
    assert screen.importing.import_button.disabled


def test_hidden_sheets_are_named_in_the_catalogue_screen(workspace, tmp_path):
    from tests.test_import_hardening import HEADINGS, book_with, ideas

    screen = CatalogueScreen.from_env()
    screen.importing.load_sheet(book_with(tmp_path / "ark.xlsx", ideas(1), hidden_first=[HEADINGS]))
    assert "Skjulte ark er ikke læst: 'Gammelt' – kun arket 'Idékatalog' importeres" in output_text(
        screen.importing.import_out
    )
