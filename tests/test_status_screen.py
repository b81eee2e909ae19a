"""The 'Årsstatus' screen: pick the year and charts, see facts and charts, export the bundle."""

from __future__ import annotations

from pptx import Presentation

from forumkit.ui.common import output_text
from forumkit.ui.status import StatusScreen


def test_facts_and_takeaways_for_the_year(workspace):
    screen = StatusScreen.from_env()
    assert list(screen.year.options) == [2025, 2026] and screen.year.value == 2026
    text = output_text(screen.facts_out)
    assert "Forummet har holdt 2 møder i 2026 (M-2026-1, M-2026-2); fremmødet var 85 %." in text
    assert "692.000 kr. sikret af 1.560.000 kr. søgt (44 %)" in text
    screen.year.value = 2025
    assert "Forummet har holdt 2 møder i 2025 (M-2025-1, M-2025-2)" in output_text(screen.facts_out)


def test_show_charts_inline(workspace):
    screen = StatusScreen.from_env()
    screen.chart_boxes["networks"].value = False
    screen.show_button.click()
    html = [o["data"]["text/html"] for o in screen.charts_out.outputs if "text/html" in o.get("data", {})]
    assert len(html) == 6 and all("<img src='data:image/png;base64," in h for h in html)
    # Alt text: the kind of chart, its headline, its takeaway and the numbers behind it (WCAG 1.1.1).
    budget = next(h for h in html if "Søgt og sikret budget" in h)
    assert "alt='Liggende søjlediagram: Søgt og sikret budget pr. søjle. 692.000 kr. sikret af 1.560.000 kr." in budget
    assert "Liv på Havnen: Søgt 625.000 kr., Sikret 215.000 kr." in budget
    assert not any("Netværkenes medlemstal" in h for h in html)


def test_export_the_chosen_charts(workspace):
    screen = StatusScreen.from_env()
    for key in ("progress", "networks", "green"):
        screen.chart_boxes[key].value = False
    screen.export_button.click()
    assert output_text(screen.message).startswith(f"Gemt i {workspace / 'eksport' / 'Årsstatus 2026'}: 23 filer")  # 4 × (png, svg, pdf, csv, xlsx) + 3
    deck = Presentation(workspace / "eksport" / "Årsstatus 2026" / "Status 2026 – præsentation.pptx")
    assert len(deck.slides) == 2 + 4 + 1
