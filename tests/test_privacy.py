"""forumkit forget: contact details past retention are purged, and the change log keeps no purged value."""

from __future__ import annotations

from datetime import date

from forumkit.cli import main
from forumkit.edits.privacy import PURGED, forget
from forumkit.storage.store import CHANGES_FILE, read_changes
from tests.conftest import snapshot


def test_dry_run_lists_and_writes_nothing(store, capsys):
    before = snapshot(store.root)
    assert main(["forget", "--dir", str(store.root), "--date", "2027-05-01", "--dry-run"]) == 0
    assert capsys.readouterr().out == ("A-008 Thomas Krogh: e-mail og telefon ville blive slettet (frist 2027-03-31)\n")
    assert snapshot(store.root) == before


def test_nothing_to_forget_before_retention(store, capsys):
    assert main(["forget", "--dir", str(store.root), "--date", "2026-11-26"]) == 0
    assert "Ingen kontaktoplysninger" in capsys.readouterr().out


def test_forget_purges_contact_keeps_history_and_scrubs_the_log(store):
    # The example's log holds no contact details; put the old e-mail in it the way a real edit would.
    store.update(
        lambda ws: ws.with_table(
            "members", [m.model_copy(update={"phone": "0000 9999"}) if m.id == "A-008" else m for m in ws.members]
        )
    )
    assert "0000 9999" in (store.root / CHANGES_FILE).read_text(encoding="utf-8")
    report = forget(store, date(2027, 5, 1))
    assert [(t, i, n) for t, i, n, _ in report.plan] == [("members", "A-008", "Thomas Krogh")]
    krogh = store.load().member_by_id["A-008"]
    assert (krogh.email, krogh.phone) == (None, None)
    assert (krogh.name, krogh.organisation, krogh.seat, krogh.end) == (
        "Thomas Krogh",
        "Kroghs Isenkram",
        "DETAIL",
        date(2026, 3, 31),
    )
    log = (store.root / CHANGES_FILE).read_text(encoding="utf-8")
    assert "thomas.krogh@example.dk" not in log and "0000 9999" not in log and "0000 0008" not in log
    purge = [e for e in read_changes(store.root) if e.get("what") == "GDPR: kontaktoplysninger slettet"]
    assert {e["field"] for e in purge} == {"email", "telefon"}
    assert all(e["old"] == PURGED and e["new"] is None for e in purge)
