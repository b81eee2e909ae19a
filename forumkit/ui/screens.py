"""The app's screens: one notebook each, with the Danish name and the line the start page (Forside) shows.

The single list the start page, the page titles and the tests read; add a screen here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LAB_ONLY", "NOTEBOOK_ONLY", "SCREENS", "Screen", "screen_for"]

# Cells tagged so are guidance for the notebook (cells, terminals, files): the app leaves them out.
NOTEBOOK_ONLY = "notebook-only"
LAB_ONLY = ("05_analyse",)  # notebooks for analysts in JupyterLab: no screen, so not in the app


@dataclass(frozen=True)
class Screen:
    notebook: str  # file name without .ipynb
    name: str  # the Danish name a user reads
    purpose: str  # one line on what the screen is for


SCREENS: tuple[Screen, ...] = (
    Screen("00_overblik", "Overblik", "Næste møde, det der skal ske snart, og hvad der ikke stemmer med kommissoriet."),
    Screen(
        "01_opsaetning",
        "Opsætning af forum",
        "Sæder og medlemmer: udpeg, erstat og afslut udpegninger, formandsvalg, sekretariat og medlemslister.",
    ),
    Screen(
        "02_moedeplanlaegning",
        "Mødeplanlægning",
        "Årsplan, dagsorden, indkaldelse, fremmøde, beslutninger og referat – et møde hele vejen.",
    ),
    Screen(
        "03_idekatalog", "Idékatalog", "Initiativerne: filtrér og redigér, se fremdriften, arbejdsgrupper og netværk."
    ),
    Screen(
        "04_aarsstatus", "Årsstatus", "Årets status til kommunalbestyrelsen: præsentation, sagsfremstilling og grafer."
    ),
)


def screen_for(path: str) -> Screen | None:
    """The screen a notebook path (``03_idekatalog.ipynb``, ``sub/03_idekatalog``) belongs to."""
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".ipynb")
    return next((s for s in SCREENS if s.notebook == stem), None)
