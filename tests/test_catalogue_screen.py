"""The 'Idékatalog' screen: filter, edit, create, green list, roll-up, groups, networks and import."""

from __future__ import annotations

from datetime import date

import openpyxl

from forumkit.storage.store import load_workspace
from forumkit.ui.catalogue import CatalogueScreen
from forumkit.ui.common import output_text


def test_filters(workspace):
    screen = CatalogueScreen.from_env()
    assert screen.count.value == "<b>28</b> af 28 initiativer"
    screen.f_pillar.value = "LH"
    screen.f_status.value = "igangsat"
    assert [i.id for i in screen.shown] == ["I-001", "I-020"]
    assert "Ubemandet bod med lokale råvarer på Dragør Havn" in output_text(screen.table_out)
    screen.f_pillar.value = ""
    screen.f_status.value = ""
    screen.f_text.value = "netværk"
    assert [i.id for i in screen.shown] == ["I-004", "I-005"]


def test_change_status_and_see_the_rollup_move(workspace):
    screen = CatalogueScreen.from_env()
    before = {r.key: r.value for r in screen.figures}
    screen.pick.value = "I-020"
    assert list(screen.e_status.options) == ["igangsat", "afklaring", "gennemført", "parkeret", "opgivet"]
    screen.e_status.value = "gennemført"
    assert "fremdrift sættes til 100 %" in screen.hint.value
    screen.save.click()
    assert output_text(screen.message) == "I-020 er gemt."
    after = {r.key: r.value for r in screen.figures}
    assert before["LH"] == 65 and after["LH"] == (70 + 100 + 100) / 3
    ini = load_workspace(workspace).initiative_by_id["I-020"]
    assert (ini.status, ini.progress, ini.updated) == ("gennemført", 100, date(2026, 11, 26))


def test_inline_validation(workspace):
    screen = CatalogueScreen.from_env()
    screen.pick.value = "I-007"
    screen.e_progress.value = "140"
    assert "fremdrift &#x27;140&#x27; skal være mellem 0 og 100" in screen.hint.value and screen.save.disabled
    screen.e_progress.value = "60"
    assert not screen.save.disabled


def test_amounts_are_typed_and_shown_the_danish_way(workspace):
    screen = CatalogueScreen.from_env()
    screen.pick.value = "I-001"
    assert screen.e_asked.value == "85.000"  # shown with the one formatter
    screen.e_asked.value = "85.000,50"
    assert "beløb &#x27;85.000,50&#x27; har decimaler" in screen.hint.value and screen.save.disabled
    screen.e_asked.value = "1.500"
    screen.e_secured.value = "1.500 kr."
    screen.save.click()
    ini = load_workspace(workspace).initiative_by_id["I-001"]
    assert (ini.budget_asked, ini.budget_secured) == (1500, 1500)
    assert "1.500 kr." in output_text(screen.table_out)


def test_create_a_private_initiative(workspace):
    screen = CatalogueScreen.from_env()
    screen.n_title.value = "Fælles gavekort for byens butikker"
    screen.n_pillar.value = "TL"
    screen.n_kind.value = "privat"
    screen.n_owner.value = "Vestergaard Mode"
    screen.create.click()
    assert output_text(screen.message) == "Initiativet 'Fælles gavekort for byens butikker' er oprettet."
    assert load_workspace(workspace).initiatives[-1].kind == "privat"


def test_green_list_and_explanation(workspace):
    screen = CatalogueScreen.from_env()
    green = output_text(screen.green_out)
    assert "I-008 Praktikpladsbørs for unge i lokale virksomheder afklaring ejer, ressourcer, arbejdsgruppe" in green
    screen.explain_key.value = "LH"
    assert screen.explanation == "Hvorfor står Liv på Havnen på 65 %? 3 af 5 initiativer tæller med."
    assert "I-021" in output_text(screen.explain_out)
    screen.by.value = "network"
    assert "Erhvervsnetværk for klima og bæredygtighed" in output_text(screen.rollup_out)


def test_working_group_member_and_network_event(workspace):
    screen = CatalogueScreen.from_env()
    screen.g_name.value = "Praktikpladser"
    screen.g_mandate.value = "Forbereder en praktikpladsbørs."
    screen.g_meeting.value = "M-2026-2"
    screen.g_report.value = date(2027, 4, 22)
    screen.g_create.click()
    assert output_text(screen.message) == "Arbejdsgruppen 'Praktikpladser' er nedsat."
    screen.gm_group.value = "WG-3"
    screen.gm_member.value = "A-004"
    screen.gm_add.click()
    screen.gm_member.value = ""
    screen.gm_name.value = "Eva Lind"
    screen.gm_org.value = "Erhvervsskolen"
    screen.gm_add.click()
    assert "Lars Holmgaard (Holmgaard El-Service ApS); Eva Lind (Erhvervsskolen)" in output_text(screen.groups_out)
    screen.ne_network.value = "N-KLIMA"
    screen.ne_title.value = "Julemøde"
    screen.ne_members.value = "1.500"  # Danish thousands: 1500, not 1 (an IntText in the browser reads 1)
    screen.ne_add.click()
    assert "1.500 26. november 2026: Julemøde" in output_text(screen.networks_out)
    assert "1500" in (workspace / "network_events.csv").read_text(encoding="utf-8-sig")


def test_import_from_the_screen(workspace, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nr", "Indsats", "Fokusområde", "Fremdrift (%)", "Kommentar"])
    sheet.append(["I-007", "Iværksættercafé på biblioteket fire gange om året", "Iværksættere og Uddannelse", 70,
                  "god stemning"])
    book.save(tmp_path / "ark.xlsx")
    screen = CatalogueScreen.from_env()
    screen.load_sheet(tmp_path / "ark.xlsx")
    assert screen.import_button.disabled
    assert "overskriften 'Kommentar' er ikke tilknyttet" in output_text(screen.import_out)
    screen.mapping_widgets["Kommentar"].value = ""
    assert not screen.import_button.disabled
    assert "I-007" in output_text(screen.import_out)
    screen.import_button.click()
    assert output_text(screen.message).startswith("Importeret: 0 nye, 1 ændrede")
    assert load_workspace(workspace).initiative_by_id["I-007"].progress == 70
