"""The overview screen, driven as a user would: it shows the real findings, the next meeting, what is due."""

from __future__ import annotations

from forumkit.model.tables import edit
from forumkit.storage.store import Store
from forumkit.ui.common import output_text
from forumkit.ui.overview import OverviewScreen
from tests.conftest import TODAY


def test_overview_shows_findings_meeting_and_due(workspace):
    screen = OverviewScreen.from_env()
    assert "Samarbejdsforum mellem Kommune og Erhvervsliv" in screen.header.value
    assert "10 af 10 sæder besat · formand: Karin Søborg" in screen.header.value
    assert (
        "Peter Mølgaard (Repræsentant fra restaurationsbranchen (HORESTA)) er udpeget til 31. december 2026"
        in output_text(screen.findings_out)
    )
    assert "M-2027-1: Netværkene ét år efter torsdag den 22. april 2027 kl. 16.00–18.00" in output_text(
        screen.meeting_out
    )
    due = output_text(screen.due_out)
    assert "mandag den 30. november 2026 Frist for I-013" in due
    assert "Opgave H-011" in due


def test_more_days_ahead_shows_more(workspace):
    screen = OverviewScreen.from_env()
    before = len(screen.due)
    screen.days.value = 63
    assert len(screen.due) > before
    assert "Udpegning udløber: Peter Mølgaard (HORESTA)" in output_text(screen.due_out)


def test_refresh_picks_up_a_change_on_disk(workspace):
    screen = OverviewScreen(Store(workspace), TODAY)
    Store(workspace).update(
        lambda ws: ws.with_table(
            "initiatives", [edit(i, budget_secured=10000) if i.id == "I-028" else i for i in ws.initiatives]
        )
    )
    assert "budget-suspicious" in output_text(screen.findings_out)
    screen.refresh.click()
    assert "budget-suspicious" not in output_text(screen.findings_out)


def test_typed_markup_is_shown_as_text(workspace):
    Store(workspace).update(
        lambda ws: ws.with_table(
            "actions",
            [edit(a, text="<img src=x onerror=alert(1)></script>") if a.id == "H-011" else a for a in ws.actions],
        )
    )
    screen = OverviewScreen.from_env()
    html = "".join(o["data"]["text/html"] for o in screen.due_out.outputs)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;" in html


def test_a_broken_workspace_is_explained_on_screen(workspace):
    (workspace / "actions.csv").unlink()
    screen = OverviewScreen.from_env()
    assert "Arbejdsområdet kan ikke indlæses" in screen.header.value
    assert "actions.csv:1:fil: filen mangler" in screen.header.value


def test_severity_counts_count_each_severity_and_name_every_one():
    from forumkit.model.findings import Finding
    from forumkit.model.vocab import Severity
    from forumkit.rules.checks import severity_counts

    found = [Finding(Severity.ERROR, "a", "x"), Finding(Severity.WARNING, "b", "y"), Finding(Severity.ERROR, "c", "z")]
    assert severity_counts(found) == {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}
    assert severity_counts([]) == {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
