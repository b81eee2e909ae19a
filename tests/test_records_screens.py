"""The screens for every record: inputs, council status, closing groups and networks, every initiative field,
milestones, the private filter – set values, click, read the Output and the workspace written."""

from __future__ import annotations

from datetime import date

from forumkit.model.danish import da_date
from forumkit.storage.store import load_workspace, read_changes
from forumkit.ui.catalogue import CatalogueScreen
from forumkit.ui.common import output_text
from forumkit.ui.status import StatusScreen

from .conftest import TODAY


def test_inputs_tab_writes_links_and_shows(workspace):
    screen = CatalogueScreen.from_env()
    tab = screen.inputs
    assert tab.title == "Input og dialog" and screen.tabs.get_title(screen.parts.index(tab)) == "Input og dialog"
    assert "Fiskerne vil gerne sælge direkte fra havnen." in output_text(tab.table_out)
    tab.save.click()
    assert output_text(screen.message) == "Skriv afsender, input og dato."
    tab.i_source.value = "Havnens Café"
    tab.i_text.value = "Flere cykelstativer ved havnen."
    tab.i_meeting.value = "M-2026-2"
    tab.i_initiatives.value = ("I-001", "I-020")
    tab.save.click()
    assert output_text(screen.message) == "Input fra Havnens Café er gemt."
    row = load_workspace(workspace).inputs[-1]
    assert (row.id, row.date, row.meeting, row.initiatives) == ("IN-009", TODAY, "M-2026-2", ("I-001", "I-020"))
    tab.f_initiative.value = "I-020"
    shown = output_text(tab.table_out)
    assert "Flere cykelstativer" in shown and "Fiskerne" not in shown
    # change it: the form holds the picked input
    assert tab.pick.value == "IN-009" and tab.i_source.value == "Havnens Café"
    tab.i_text.value = "Flere cykelstativer ved havnen og stationen."
    tab.save.click()
    assert load_workspace(workspace).inputs[-1].text == "Flere cykelstativer ved havnen og stationen."
    tab.remove.click()
    assert "IN-009" not in {i.id for i in load_workspace(workspace).inputs}
    assert {"input IN-009", "input IN-009 fjernet"} <= {e["what"] for e in read_changes(workspace)}


def test_council_section_plans_and_registers_presented(workspace):
    screen = StatusScreen.from_env()
    council = screen.council
    assert "KB-2025" in output_text(council.table_out)
    assert [o[1] for o in council.r_pick.options] == ["KB-2026"]
    council.r_decision.value = "Orienteringen blev taget til efterretning."
    planned = council.r_day.value
    assert planned > screen.today
    council.present.click()  # its planned day has not come: refused, in Danish, nothing saved
    assert output_text(screen.message) == (
        f"Ikke gemt: dato: KB-2026 kan ikke registreres som forelagt {da_date(planned, False)} – den dag er ikke "
        f"kommet endnu (i dag er {da_date(screen.today, False)}); registrér den, når statussen er givet"
    )
    assert next(r for r in load_workspace(workspace).council_reports if r.id == "KB-2026").state == "planlagt"
    council.r_day.value = screen.today  # given earlier than planned: today
    council.present.click()
    assert output_text(screen.message) == "KB-2026 er registreret som forelagt."
    report = next(r for r in load_workspace(workspace).council_reports if r.id == "KB-2026")
    assert (report.state, report.decision) == ("forelagt", "Orienteringen blev taget til efterretning.")
    assert council.present.disabled and "Orienteringen blev taget" in output_text(council.table_out)
    council.p_day.value = date(2027, 11, 2)
    council.plan.click()
    assert output_text(screen.message) == "Status til kommunalbestyrelsen er planlagt 2. november 2027."
    assert [o[1] for o in council.r_pick.options] == ["KB-2027"]


def test_groups_tab_closes_a_group_and_a_network(workspace):
    screen = CatalogueScreen.from_env()
    tab = screen.groups
    tab.gc_group.value = "WG-2"
    tab.gc_close.click()
    assert "skriv kort" in output_text(screen.message)
    tab.gc_report.value = "Skiltningen er sat op."
    tab.gc_close.click()
    assert output_text(screen.message) == "Arbejdsgruppen WG-2 er afsluttet."
    group = {g.id: g for g in load_workspace(workspace).working_groups}["WG-2"]
    assert (group.state, group.reported, group.report) == ("afsluttet", TODAY, "Skiltningen er sat op.")
    assert "Skiltningen er sat op." in output_text(tab.groups_out)
    assert [o[1] for o in tab.gc_group.options] == ["WG-1"]
    assert tab.nn_create.disabled  # both of the charter's networks exist already
    tab.nc_network.value = "N-KLIMA"
    tab.nc_close.click()
    assert output_text(screen.message) == "Netværket N-KLIMA er lukket."
    assert {n.id: n for n in load_workspace(workspace).networks}["N-KLIMA"].closed == TODAY


def test_groups_tab_creates_a_network_from_the_charter(workspace):
    import tomllib

    text = (workspace / "forum.toml").read_text(encoding="utf-8")
    text += '\n[[networks]]\nid = "N-TURISME"\nname = "Erhvervsnetværk for turisme"\npillar = "TL"\n'
    assert "N-TURISME" in tomllib.loads(text)["networks"][-1]["id"]
    (workspace / "forum.toml").write_text(text, encoding="utf-8")
    screen = CatalogueScreen.from_env()
    tab = screen.groups
    assert not tab.nn_create.disabled
    assert [o[1] for o in tab.nn_network.options] == ["N-TURISME"]
    tab.nn_coordinator.value = "Lars Holm"
    tab.nn_create.click()
    assert output_text(screen.message) == "Netværket N-TURISME er oprettet."
    net = {n.id: n for n in load_workspace(workspace).networks}["N-TURISME"]
    assert (net.name, net.coordinator, net.founded) == ("Erhvervsnetværk for turisme", "Lars Holm", TODAY)


def test_edit_tab_covers_every_field_and_milestones(workspace):
    screen = CatalogueScreen.from_env()
    tab = screen.editing
    tab.pick.value = "I-003"
    assert tab.e_title.value.startswith("Bedre skiltning")
    tab.e_supporters.value = "Gadelauget, Dragør Erhverv"
    tab.e_hours.value = "1.500"
    tab.e_description.value = "Skilte fra havn og station."
    tab.e_kind.value = "privat"
    assert "Klar til at gemme" in tab.hint.value
    tab.save.click()
    assert output_text(screen.message) == "I-003 er gemt."
    ini = load_workspace(workspace).initiative_by_id["I-003"]
    assert (ini.supporters, ini.hours, ini.description, ini.kind) == (
        "Gadelauget, Dragør Erhverv",
        1500,
        "Skilte fra havn og station.",
        "privat",
    )
    assert "Forslag til skilte sendt til udvalget" in output_text(tab.ms_out)
    tab.ms_title.value = "Skilte sat op"
    tab.ms_day.value = date(2027, 4, 1)
    tab.ms_add.click()
    assert output_text(screen.message) == "Milepælen 'Skilte sat op' er tilføjet I-003."
    new = load_workspace(workspace).milestones[-1]
    assert (new.initiative, new.title, new.done) == ("I-003", "Skilte sat op", None)
    tab.ms_pick.value = new.id
    tab.ms_mark.click()
    assert load_workspace(workspace).milestones[-1].done == TODAY
    assert f"ja, {TODAY.day}. november {TODAY.year}" in output_text(tab.ms_out)
    tab.ms_unmark.click()
    assert load_workspace(workspace).milestones[-1].done is None


def test_edit_tab_refuses_a_bad_hours_value(workspace):
    screen = CatalogueScreen.from_env()
    tab = screen.editing
    tab.pick.value = "I-003"
    tab.e_hours.value = "1.5"
    assert tab.save.disabled and "timer" in tab.hint.value


def test_listing_filters_private_initiatives(workspace):
    screen = CatalogueScreen.from_env()
    screen.listing.f_kind.value = "privat"
    assert [i.id for i in screen.listing.shown] == ["I-011", "I-018", "I-026", "I-028"]
    assert screen.listing.count.value == "<b>4</b> af 28 initiativer"


def test_groups_tab_edits_a_group_and_a_network(workspace):
    screen = CatalogueScreen.from_env()
    tab = screen.groups
    tab.ge_group.value = "WG-2"
    assert tab.ge_mandate.value.startswith("Udarbejder forslag til skiltning")
    tab.ge_mandate.value = "Skiltning og velkomstpakke."
    tab.ge_report.value = date(2027, 5, 1)
    tab.ge_save.click()
    assert output_text(screen.message) == "Arbejdsgruppen WG-2 er gemt."
    group = {g.id: g for g in load_workspace(workspace).working_groups}["WG-2"]
    assert (group.mandate, group.report_back) == ("Skiltning og velkomstpakke.", date(2027, 5, 1))
    tab.ge_mandate.value = ""
    tab.ge_save.click()
    assert output_text(screen.message).startswith("Ikke gemt:")
    tab.nx_network.value = "N-GASTRO"
    tab.nx_coordinator.value = "Lene Fisker"
    tab.nx_save.click()
    assert output_text(screen.message) == "Netværket N-GASTRO er gemt."
    assert {n.id: n for n in load_workspace(workspace).networks}["N-GASTRO"].coordinator == "Lene Fisker"


def test_the_screens_work_on_a_new_empty_workspace(tmp_path):
    from forumkit.storage.settings import init_workspace
    from forumkit.storage.store import Store

    root = init_workspace(tmp_path / "ny")
    assert (root / "milestones.csv").read_text(encoding="utf-8-sig") == "id;initiativ;dato;titel;udført\n"
    store = Store(root, who="test")
    screen = CatalogueScreen(store, TODAY)  # an empty catalogue: no initiative, no figure to explain
    screen.inputs.i_source.value = "Dragør Erhverv"
    screen.inputs.i_text.value = "Ønske om netværksmøde."
    screen.inputs.save.click()
    assert output_text(screen.message) == "Input fra Dragør Erhverv er gemt."
    screen.groups.nn_create.click()
    first = load_workspace(root).charter.networks[0].id
    assert output_text(screen.message) == f"Netværket {first} er oprettet."
    status = StatusScreen(store, TODAY)
    assert "Ingen status registreret endnu." in output_text(status.council.table_out)


def test_private_initiatives_have_their_own_section_in_the_annual_status(workspace):
    from forumkit.documents.case_note import private_facts
    from forumkit.rules.status_data import year_facts

    ws = load_workspace(workspace)
    facts = year_facts(ws, read_changes(workspace), 2026, TODAY)
    assert sorted(i.id for i in facts.private) == ["I-011", "I-018", "I-026", "I-028"]
    assert facts.inputs == 5
    lines = private_facts(facts)
    assert lines[0] == "Forummet udvikler og understøtter 4 private erhvervsinitiativer:"
    assert len(lines) == 5 and all("(" in line for line in lines[1:])
    screen = StatusScreen.from_env()
    assert "Private erhvervsinitiativer" in output_text(screen.facts_out)
    assert lines[1] in output_text(screen.facts_out)
