"""The set-up screen's 'Persondata' tab: `forumkit forget` as a preview and a confirmed button."""

from __future__ import annotations

from datetime import date

from forumkit.storage.store import Store, load_workspace
from forumkit.ui.common import output_text
from forumkit.ui.privacy import ForgetPanel

LATER = date(2031, 1, 1)  # past the retention of the example's first members


def test_nothing_to_forget_today(store):
    panel = ForgetPanel(store, date(2026, 11, 26))
    panel.preview_button.click()
    assert "Ingen kontaktoplysninger har passeret opbevaringsfristen" in output_text(panel.out)
    assert panel.confirm.disabled and panel.delete_button.disabled


def test_preview_then_confirm_then_delete(workspace):
    store = Store(workspace, who="test")
    before = load_workspace(workspace).member_by_id["A-001"]
    assert before.email
    reloaded = []
    panel = ForgetPanel(store, LATER, after=lambda: reloaded.append(True))
    panel.delete_button.click()  # nothing previewed: nothing happens
    assert load_workspace(workspace).member_by_id["A-001"].email == before.email
    panel.preview_button.click()
    shown = output_text(panel.out)
    assert "Mette Skovgaard Lund: e-mail og telefon slettes (opbevaringsfristen udløb 31. december 2027)" in shown
    assert "A-001" not in shown and "2027-12-31" not in shown
    assert load_workspace(workspace).member_by_id["A-001"].email == before.email  # a preview changes nothing
    assert panel.delete_button.disabled  # not before the confirmation is ticked
    panel.confirm.value = True
    assert not panel.delete_button.disabled
    panel.delete_button.click()
    after = load_workspace(workspace).member_by_id["A-001"]
    assert not after.email and after.name == before.name
    assert "Mette Skovgaard Lund: e-mail og telefon er slettet" in output_text(panel.out)
    assert reloaded and panel.delete_button.disabled and not panel.confirm.value


def test_data_changed_since_the_preview_asks_again(workspace):
    store = Store(workspace, who="test")
    panel = ForgetPanel(store, date(2028, 1, 1))
    panel.preview_button.click()
    panel.confirm.value = True
    panel.today = LATER  # more people are past retention now than in the preview
    panel.delete_button.click()
    assert "Data er ændret siden forhåndsvisningen" in output_text(panel.out)
    assert load_workspace(workspace).member_by_id["A-002"].email  # not deleted


def test_files_of_the_users_are_named_not_changed(workspace):
    """A note of the user's in eksport/ holding a purged e-mail is left as it is and named in its own card,
    in the preview and after the deletion; forumkit's own export is scrubbed."""
    from forumkit.edits.transfer import export_table

    member = load_workspace(workspace).member_by_id["A-001"]
    folder = workspace / "eksport"
    folder.mkdir()
    note = folder / "mine noter.txt"
    note.write_text(f"Ring til {member.name}: {member.email}\n", encoding="utf-8")
    export_table(load_workspace(workspace), "members", "csv", folder / "medlemmer.csv", workspace=workspace)
    panel = ForgetPanel(Store(workspace, who="test"), LATER)
    panel.preview_button.click()
    shown = output_text(panel.out)
    assert "Ikke renset: 1 fil(er), du selv skal rette eller slette" in shown and "eksport/mine noter.txt" in shown
    assert "Eksport: eksport/medlemmer.csv ville blive renset" in shown
    panel.confirm.value = True
    panel.delete_button.click()
    shown = output_text(panel.out)
    assert "Ikke renset: 1 fil(er), du selv skal rette eller slette" in shown and "eksport/mine noter.txt" in shown
    assert "OBS:" not in shown  # named once, in its own card
    assert note.read_text(encoding="utf-8") == f"Ring til {member.name}: {member.email}\n"
    assert member.email not in (folder / "medlemmer.csv").read_text(encoding="utf-8-sig")
