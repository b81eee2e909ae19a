"""The 'Idékatalog' screen: filter, edit, create, green list, roll-up, groups, networks and import."""

from __future__ import annotations

from datetime import date

import openpyxl

from forumkit.storage.store import load_workspace
from forumkit.ui.catalogue import CatalogueScreen
from forumkit.ui.common import output_text


def test_filters(workspace):
    screen = CatalogueScreen.from_env()
    assert screen.listing.count.value == "<b>28</b> af 28 initiativer"
    screen.listing.f_pillar.value = "LH"
    screen.listing.f_status.value = "igangsat"
    assert [i.id for i in screen.listing.shown] == ["I-001", "I-020"]
    assert "Ubemandet bod med lokale råvarer på Dragør Havn" in output_text(screen.listing.table_out)
    screen.listing.f_pillar.value = ""
    screen.listing.f_status.value = ""
    screen.listing.f_text.value = "netværk"
    assert [i.id for i in screen.listing.shown] == ["I-004", "I-005"]


def test_change_status_and_see_the_rollup_move(workspace):
    screen = CatalogueScreen.from_env()
    before = {r.key: r.value for r in screen.progress.figures}
    screen.editing.pick.value = "I-020"
    assert list(screen.editing.e_status.options) == ["igangsat", "afklaring", "gennemført", "parkeret", "opgivet"]
    screen.editing.e_status.value = "gennemført"
    assert "fremdrift sættes til 100 %" in screen.editing.hint.value
    screen.editing.save.click()
    assert output_text(screen.message) == "I-020 er gemt."
    after = {r.key: r.value for r in screen.progress.figures}
    assert before["LH"] == 65 and after["LH"] == (70 + 100 + 100) / 3
    ini = load_workspace(workspace).initiative_by_id["I-020"]
    assert (ini.status, ini.progress, ini.updated) == ("gennemført", 100, date(2026, 11, 26))


def test_inline_validation(workspace):
    screen = CatalogueScreen.from_env()
    screen.editing.pick.value = "I-007"
    screen.editing.e_progress.value = "140"
    assert (
        "fremdrift &#x27;140&#x27; skal være mellem 0 og 100" in screen.editing.hint.value
        and screen.editing.save.disabled
    )
    screen.editing.e_progress.value = "60"
    assert not screen.editing.save.disabled


def test_amounts_are_typed_and_shown_the_danish_way(workspace):
    screen = CatalogueScreen.from_env()
    screen.editing.pick.value = "I-001"
    assert screen.editing.e_asked.value == "85.000"  # shown with the one formatter
    screen.editing.e_asked.value = "85.000,50"
    assert "beløb &#x27;85.000,50&#x27; har decimaler" in screen.editing.hint.value and screen.editing.save.disabled
    screen.editing.e_asked.value = "1.500"
    screen.editing.e_secured.value = "1.500 kr."
    screen.editing.save.click()
    ini = load_workspace(workspace).initiative_by_id["I-001"]
    assert (ini.budget_asked, ini.budget_secured) == (1500, 1500)
    assert "1.500 kr." in output_text(screen.listing.table_out)


def test_create_a_private_initiative(workspace):
    screen = CatalogueScreen.from_env()
    screen.editing.n_title.value = "Fælles gavekort for byens butikker"
    screen.editing.n_pillar.value = "TL"
    screen.editing.n_kind.value = "privat"
    screen.editing.n_owner.value = "Vestergaard Mode"
    screen.editing.create.click()
    assert output_text(screen.message) == "Initiativet 'Fælles gavekort for byens butikker' er oprettet."
    assert load_workspace(workspace).initiatives[-1].kind == "privat"


def test_green_list_and_explanation(workspace):
    screen = CatalogueScreen.from_env()
    green = output_text(screen.green.green_out)
    assert "I-008 Praktikpladsbørs for unge i lokale virksomheder afklaring ejer, ressourcer, arbejdsgruppe" in green
    screen.progress.explain_key.value = "LH"
    assert screen.progress.explanation == "Hvorfor står Liv på Havnen på 65 %? 3 af 5 initiativer tæller med."
    assert "I-021" in output_text(screen.progress.explain_out)
    screen.progress.by.value = "network"
    assert "Erhvervsnetværk for klima og bæredygtighed" in output_text(screen.progress.rollup_out)


def test_working_group_member_and_network_event(workspace):
    screen = CatalogueScreen.from_env()
    screen.groups.g_name.value = "Praktikpladser"
    screen.groups.g_mandate.value = "Forbereder en praktikpladsbørs."
    screen.groups.g_meeting.value = "M-2026-2"
    screen.groups.g_report.value = date(2027, 4, 22)
    screen.groups.g_create.click()
    assert output_text(screen.message) == "Arbejdsgruppen 'Praktikpladser' er nedsat."
    screen.groups.gm_group.value = "WG-3"
    screen.groups.gm_member.value = "A-004"
    screen.groups.gm_add.click()
    screen.groups.gm_member.value = ""
    screen.groups.gm_name.value = "Eva Lind"
    screen.groups.gm_org.value = "Erhvervsskolen"
    screen.groups.gm_add.click()
    assert "Lars Holmgaard (Holmgaard El-Service ApS); Eva Lind (Erhvervsskolen)" in output_text(
        screen.groups.groups_out
    )
    screen.groups.ne_network.value = "N-KLIMA"
    screen.groups.ne_title.value = "Julemøde"
    screen.groups.ne_members.value = "1.500"  # Danish thousands: 1500, not 1 (an IntText in the browser reads 1)
    screen.groups.ne_add.click()
    assert "1.500 26. november 2026: Julemøde" in output_text(screen.groups.networks_out)
    assert "1500" in (workspace / "network_events.csv").read_text(encoding="utf-8-sig")


def test_import_from_the_screen(workspace, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nr", "Indsats", "Fokusområde", "Fremdrift (%)", "Kommentar"])
    sheet.append(
        ["I-007", "Iværksættercafé på biblioteket fire gange om året", "Iværksættere og Uddannelse", 70, "god stemning"]
    )
    book.save(tmp_path / "ark.xlsx")
    screen = CatalogueScreen.from_env()
    screen.importing.load_sheet(tmp_path / "ark.xlsx")
    assert screen.importing.import_button.disabled
    assert "overskriften 'Kommentar' er ikke tilknyttet" in output_text(screen.importing.import_out)
    screen.importing.mapping_widgets["Kommentar"].value = ""
    assert not screen.importing.import_button.disabled
    assert "I-007" in output_text(screen.importing.import_out)
    screen.importing.import_button.click()
    assert output_text(screen.message).startswith("Importeret: 0 nye, 1 ændrede")
    assert screen.importing.import_button.disabled and screen.importing.import_button.icon == "upload"
    assert load_workspace(workspace).initiative_by_id["I-007"].progress == 70


def test_the_filtered_list_is_offered_as_excel_and_csv(workspace):
    import io

    screen = CatalogueScreen.from_env()
    screen.listing.f_pillar.value = "LH"
    screen.listing.f_status.value = "igangsat"
    screen.listing.export_xlsx.click()
    assert (
        output_text(screen.listing.export_out) == "Idékatalog 2026-11-26.xlsx er klar med 2 initiativer. "
        "Hent den herunder."
    )
    [(name, data)] = screen.listing.export_files.files
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.values)
    assert name == "Idékatalog 2026-11-26.xlsx" and [r[0] for r in rows[1:]] == ["I-001", "I-020"]
    assert (workspace / "eksport" / name).read_bytes() == data
    screen.listing.export_csv.click()
    [(name, data)] = screen.listing.export_files.files
    assert name == "Idékatalog 2026-11-26.csv" and data.decode("utf-8-sig").count("\nI-0") == 2
    screen.listing.f_status.value = ""
    assert screen.listing.export_files.files == [] and output_text(screen.listing.export_out) == ""
