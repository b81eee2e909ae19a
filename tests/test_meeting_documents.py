"""Invitation and minutes, opened with their own libraries and checked for content."""

from __future__ import annotations

from datetime import date

import docx
import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumkit.cli import main
from forumkit.documents.invitation import (
    invitation_ics,
    invitation_text,
    write_invitation,
)
from forumkit.documents.minutes import minutes_markdown, write_minutes
from forumkit.model.tables import edit
from forumkit.storage.store import load_workspace
from tests.conftest import EXAMPLE, TODAY


def test_invitation_word_letter(tmp_path):
    ws = load_workspace(EXAMPLE)
    paths = write_invitation(ws, "M-2027-1", tmp_path, TODAY)
    assert [p.name for p in paths] == [
        "Indkaldelse M-2027-1.docx",
        "Indkaldelse M-2027-1.ics",
        "Indkaldelse M-2027-1 (e-mail).txt",
    ]
    document = docx.Document(paths[0])
    text = "\n".join(p.text for p in document.paragraphs)
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Tid"] == "torsdag den 22. april 2027 kl. 16.00–18.00"
    assert facts["Sted"] == "Dragør Rådhus, Havnestuen, Kirkevej 7, 2791 Dragør"
    assert "Indkaldelse til møde i Samarbejdsforum mellem Kommune og Erhvervsliv" in text
    numbered = [p.text.split("\t", 1)[1] for p in document.paragraphs if p.text[:1].isdigit() and "\t" in p.text]
    assert [t.split(" (")[0] for t in numbered] == [
        "Godkendelse af dagsorden",
        "Godkendelse af referat fra sidste møde",
        "Orientering fra formanden",
        "Orientering fra administrationen",
        "Netværkene ét år efter",
        "Eventuelt",
    ]
    assert "Dagsorden og bilag udsendes senest torsdag den 15. april 2027." in text
    assert "Karin Søborg\nFormand" in text


def test_invitation_calendar_file():
    ws = load_workspace(EXAMPLE)
    raw = invitation_ics(ws, "M-2027-1")
    cal = icalendar.Calendar.from_ical(raw)
    assert cal["method"] == "REQUEST"
    tz = cal.walk("VTIMEZONE")[0]
    assert tz["tzid"] == "Europe/Copenhagen"
    event = cal.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert (start.isoformat(), str(event["location"])) == (
        "2027-04-22T16:00:00+02:00",
        "Dragør Rådhus, Havnestuen, Kirkevej 7, 2791 Dragør",
    )
    attendees = sorted(str(a.params["cn"]) for a in event["attendee"])
    assert len(attendees) == 9 and "Karin Søborg" in attendees and "Peter Mølgaard" not in attendees
    assert "LOCATION:Dragør Rådhus\\, Havnestuen\\, Kirkevej 7\\, 2791 Dragør" in raw.replace(b"\r\n ", b"").decode()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_invitation_email_text():
    text = invitation_text(load_workspace(EXAMPLE), "M-2027-1")
    assert "Tid: torsdag den 22. april 2027 kl. 16.00–18.00" in text
    assert "5. Netværkene ét år efter (drøftelse)" in text
    assert text.rstrip().endswith("Rikke Dalsgaard, Erhvervs- og turismekonsulent, Dragør Kommune")


awkward_text = st.text(
    alphabet=st.sampled_from(list("æøåÆØÅ;,\\\n\r\t\"' :-") + ["🎉", "€", "ß", "a", "Z", "é"]), min_size=0, max_size=300
)


@given(theme=awkward_text, name=awkward_text)
def test_ics_lines_never_exceed_75_octets_and_round_trip(theme, name):
    ws = load_workspace(EXAMPLE)
    ws = ws.with_table("meetings", [edit(m, theme=theme or None) if m.id == "M-2027-1" else m for m in ws.meetings])
    if name.strip():
        ws = ws.with_table("members", [edit(a, name=name) if a.id == "A-007" else a for a in ws.members])
    raw = invitation_ics(ws, "M-2027-1")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never a split character
    event = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    stored = ws.meeting_by_id["M-2027-1"].theme
    expected = "".join(ch for ch in (stored or "møde") if ch in "\t\n" or ord(ch) >= 32)
    assert str(event["summary"]) == f"Samarbejdsforum: {expected}"


def test_minutes_in_referat_form(tmp_path):
    ws = load_workspace(EXAMPLE)
    md = minutes_markdown(ws, "M-2026-2")
    assert "**Dato:** torsdag den 1. oktober 2026 kl. 16.00–18.00" in md
    assert "**Afbud:** Henrik Strandberg (Strandbergs Boghandel)" in md
    assert md.index("## 1. Godkendelse af dagsorden") < md.index("## 8. Eventuelt")
    assert "**Indstilling:** At forummet godkender udkastet til årsstatus.\n\n**Beslutning:** Godkendt med" in md
    assert (
        "- Aftale bodens drift for 2027 – ansvarlig: Karin Søborg, frist 10. december 2026 "
        "(Ubemandet bod med lokale råvarer på Dragør Havn)"
    ) in md
    docx_path, md_path = write_minutes(ws, "M-2026-2", tmp_path, TODAY)
    document = docx.Document(docx_path)
    header = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert header["Sted"] == "Dragør Rådhus, Havnestuen"
    assert "Karin Søborg (Søborg Fiskehus)" in header["Deltagere"]
    assert header["Afbud"] == "Henrik Strandberg (Strandbergs Boghandel)"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[0] == "1. Godkendelse af dagsorden" and headings[-1] == "8. Eventuelt"
    assert md_path.read_text(encoding="utf-8") == md


def test_cli_invitation_and_minutes(workspace, tmp_path, capsys):
    tmp_path = tmp_path / "ud"
    assert main(["invitation", "M-2027-1", "--out", str(tmp_path), "--dir", str(workspace), "--no-pdf"]) == 0
    assert main(["minutes", "M-2026-2", "--out", str(tmp_path), "--dir", str(workspace), "--no-pdf"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".forumkit-filer.json",  # the ledger of files forumkit made here (storage.outputs)
        "Indkaldelse M-2027-1 (e-mail).txt",
        "Indkaldelse M-2027-1.docx",
        "Indkaldelse M-2027-1.ics",
        "Referat M-2026-2.docx",
        "Referat M-2026-2.md",
    ]
    assert main(["minutes", "M-2099-1", "--out", str(tmp_path), "--dir", str(workspace)]) == 2
    assert "mødet 'M-2099-1' findes ikke" in capsys.readouterr().err


def test_documents_are_reproducible(tmp_path):
    ws = load_workspace(EXAMPLE)
    first = [p.read_bytes() for p in write_invitation(ws, "M-2027-1", tmp_path / "a", date(2026, 11, 26))]
    second = [p.read_bytes() for p in write_invitation(ws, "M-2027-1", tmp_path / "b", date(2026, 11, 26))]
    assert first[1:] == second[1:]


def test_minutes_keep_a_task_recorded_under_no_agenda_item(tmp_path):
    """A task added on the Beslutninger tab without an agenda item (or under an item the agenda no longer has)
    is in the minutes, under 'Øvrig opfølgning' – never silently left out of what goes to the council."""
    from forumkit.edits.meetings import add_action
    from forumkit.model.vocab import MeetingState

    ws = load_workspace(EXAMPLE)
    held = next(m.id for m in sorted(ws.meetings, key=lambda m: m.date) if m.state == MeetingState.HELD)
    owner = ws.secretariat[0]
    ws = add_action(
        ws, held, text="Send oversigten over stadeplads til alle", owners=(owner.id,), due=date(2026, 12, 15)
    )
    last = max(i.number for i in ws.agenda if i.meeting == held)
    ws = add_action(ws, held, text="Tjek punktet der udgik", owners=(owner.id,), due=None, number=last)
    ws = ws.with_table("agenda", [i for i in ws.agenda if (i.meeting, i.number) != (held, last)])  # item left
    text = minutes_markdown(ws, held)
    rest = text.split("## Øvrig opfølgning", 1)[1]
    assert f"Send oversigten over stadeplads til alle – ansvarlig: {owner.name}, frist 15. december 2026" in rest
    assert "Tjek punktet der udgik" in rest
    assert text.count("Send oversigten over stadeplads") == 1  # once, not also under an item
    paths = write_minutes(ws, held, tmp_path, TODAY)
    body = "\n".join(p.text for p in docx.Document(next(p for p in paths if p.suffix == ".docx")).paragraphs)
    assert "Øvrig opfølgning" in body and "Tjek punktet der udgik" in body
    plain = minutes_markdown(load_workspace(EXAMPLE), held)
    assert "Øvrig opfølgning" not in plain  # the example's tasks all sit under their items


def test_a_task_with_line_breaks_stays_in_its_list_item_in_markdown_and_word():
    from forumkit.documents.minutes import minutes_docx

    markdown_it = pytest.importorskip("markdown_it")  # comes with Jupyter

    ws = load_workspace(EXAMPLE)
    text = "Første linje\r\n\r\n# Anden linje\n- tredje"
    ws = ws.with_table("actions", [edit(a, text=text) if a.id == "H-008" else a for a in ws.actions])
    md = minutes_markdown(ws, "M-2026-2")
    assert (
        "- Første linje  \n  \\# Anden linje  \n  \\- tredje – ansvarlig: Karin Søborg, frist 10. december 2026"
    ) in md
    html = markdown_it.MarkdownIt().render(md)
    assert (
        "<li>Første linje<br />\n# Anden linje<br />\n- tredje – ansvarlig: Karin Søborg, frist 10. december 2026"
    ) in html
    assert "<h1># Anden" not in html and "<h1>Anden linje" not in html
    doc = minutes_docx(ws, "M-2026-2", TODAY)
    item = [p for p in doc.paragraphs if "Første linje" in p.text]
    assert len(item) == 1  # one paragraph: the lines are breaks inside it
    assert item[0].text.startswith("•\tFørste linje\n# Anden linje\n- tredje – ansvarlig: Karin Søborg")


def test_a_decision_with_line_breaks_stays_one_paragraph_in_markdown():
    markdown_it = pytest.importorskip("markdown_it")  # comes with Jupyter

    ws = load_workspace(EXAMPLE)
    item = next(i for i in ws.agenda if i.meeting == "M-2026-2" and i.number == 3)
    decision = "Forummet tiltrådte.\n\n# Ikke en overskrift\n3. heller ikke en liste\n> eller et citat"
    ws = ws.with_table(
        "agenda",
        [
            edit(i, decision=decision, title="Nyt\npunkt") if (i.meeting, i.number) == (item.meeting, 3) else i
            for i in ws.agenda
        ],
    )
    md = minutes_markdown(ws, "M-2026-2")
    assert "## 3. Nyt punkt\n" in md
    assert "Forummet tiltrådte.  \n\\# Ikke en overskrift  \n3\\. heller ikke en liste  \n\\> eller et citat\n" in md
    html = markdown_it.MarkdownIt().render(md)
    assert "<h2>3. Nyt punkt</h2>" in html
    assert (
        "tiltrådte.<br />\n# Ikke en overskrift<br />\n3. heller ikke en liste<br />\n&gt; eller et citat</p>" in html
    )
    assert "<h1>" not in html.split("<h2>3.", 1)[1] and "<ol" not in html and "<blockquote>" not in html


@pytest.mark.parametrize(
    "decision, shown",
    [
        ("Første\n```", "Første<br />\n```"),  # an open code fence swallowed the rest of the minutes
        ("Vedtaget\n===", "Vedtaget<br />\n==="),  # a heading underline
        ("a\n___\nb", "a<br />\n___<br />\nb"),  # a rule
        ("Linje1\rLinje2", "Linje1<br />\nLinje2"),  # an old Mac line end
        ("<script>x</script> & &copy;", "&lt;script&gt;x&lt;/script&gt; &amp; &amp;copy;"),  # shown as typed
    ],
    ids=["fence", "underline", "rule", "cr", "html"],
)
def test_what_a_secretary_types_in_a_decision_stays_text_in_the_markdown(decision, shown):
    markdown_it = pytest.importorskip("markdown_it")

    ws = load_workspace(EXAMPLE)
    ws = ws.with_table(
        "agenda",
        [
            edit(i, decision=decision, title="Budget 2027 #") if (i.meeting, i.number) == ("M-2026-2", 1) else i
            for i in ws.agenda
        ],
    )
    html = markdown_it.MarkdownIt().render(minutes_markdown(ws, "M-2026-2"))
    assert f"{shown}</p>" in html
    assert "<h2>1. Budget 2027 #</h2>" in html
    assert html.count("<h2>") == len([i for i in ws.agenda if i.meeting == "M-2026-2"])  # every item kept its head
    assert "<pre>" not in html and "<h1>" not in html.split("</h1>", 1)[1] and "<hr" not in html
