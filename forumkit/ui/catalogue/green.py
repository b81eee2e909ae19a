"""The catalogue's green tab: initiatives to study further (green, 1–3 years) and what each still lacks."""

from __future__ import annotations

import ipywidgets as w

from ...rules.catalogue_rules import green_list
from ..common import html_table, show_html

__all__ = ["GreenTab"]


class GreenTab(w.VBox):
    title = "Grøn 1–3 år"

    def __init__(self, screen):
        self.screen = screen
        self.green_out = w.Output()
        self.intro = w.HTML()
        super().__init__([self.intro, self.green_out])

    def reload(self) -> None:
        ws = self.screen.ws
        rules = ws.charter.catalogue
        self.intro.value = (
            f"<b>Til yderligere belysning:</b> initiativer markeret {rules.further_study_colour} "
            f"med {rules.further_study_horizon}s implementeringstid, som forummet skal belyse "
            "yderligere – og hvad der mangler for hvert af dem."
        )
        show_html(
            self.green_out,
            html_table(
                ["Id", "Titel", "Status", "Ejer", "Mangler"],
                [
                    (
                        g.initiative.id,
                        g.initiative.title,
                        g.initiative.status,
                        g.initiative.owner or "",
                        ", ".join(g.missing) or "intet – klar",
                    )
                    for g in green_list(ws)
                ],
            ),
        )
