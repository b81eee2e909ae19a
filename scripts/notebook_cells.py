"""The cells of each curated notebook: (kind, source, tags). Prose is Danish; logic lives in forumkit."""

GOLDEN = ["keep_output", "nbval-check-output"]
# Guidance and analyst sections for JupyterLab: the app (Voilà) leaves these cells out (forumkit.ui.screens).
NB = ["notebook-only"]

SETUP = """\
# Arbejdsområdet og dagens dato læses fra FORUMKIT_WORKSPACE og FORUMKIT_TODAY.
import forumkit
store = forumkit.Store(forumkit.open_workspace_path())
idag = forumkit.today()
ws = store.load()"""

NOTEBOOKS: dict[str, list[tuple[str, str, list[str]]]] = {
    "04_aarsstatus": [
        (
            "md",
            """\
# Årsstatus til kommunalbestyrelsen

Kommissoriet siger, at kommunalbestyrelsen mindst én gang om året skal have en status på forummets arbejde.
Her laver du den på få minutter:

1. Vælg **år** og hvilke **grafer** der skal med.
2. Tryk **Vis graferne** for at se dem her.
3. Tryk **Gem årsstatus**. Du får en PowerPoint-præsentation (16:9), en sagsfremstilling i Word i udvalgets
   format og alle grafer som PNG, SVG og PDF med tallene bag dem som CSV og Excel – klar til at kopiere ind i
   udvalgets præsentation.

Rapporten navngiver sit datagrundlag, så den samme data altid giver præcis de samme filer.""",
            [],
        ),
        (
            "md",
            """\
Præsentationen bygges på kommunens egen PowerPoint-skabelon, hvis `forum.toml` peger på den:
`[documents]` `powerpoint_template = "skabelon.pptx"` (filen ligger i arbejdsområdet). Ellers bruges
forumkits egen.""",
            NB,
        ),
        (
            "code",
            """\
aar = None          # rapportens år; None: i år
arbejdsomraade = None  # None: FORUMKIT_WORKSPACE eller ./workspace""",
            ["parameters"],
        ),
        (
            "code",
            """\
import os

if arbejdsomraade:
    os.environ["FORUMKIT_WORKSPACE"] = str(arbejdsomraade)

from forumkit import StatusScreen

skaerm = StatusScreen.from_env()
skaerm.year.value = aar or skaerm.today.year
skaerm""",
            [],
        ),
        ("md", "## Hovedpunkterne (beregnet af data)", []),
        (
            "code",
            """\
from forumkit import views

print(views.takeaways_text(skaerm.data))""",
            GOLDEN,
        ),
        ("md", "## Sagsfremstillingens fakta", []),
        ("code", "print(views.case_facts_text(skaerm.ws, skaerm.changes, skaerm.year.value, skaerm.today))", GOLDEN),
        ("md", "## Graferne", []),
        ("code", "display(*views.chart_figures(skaerm.ws, skaerm.data, skaerm.facts.as_of))", []),
    ],
    "03_idekatalog": [
        (
            "md",
            """\
# Idékatalog

Forummets hovedopgave: at sætte initiativer fra erhvervsstrategiens idékatalog i gang, skaffe ressourcer og
lokal opbakning. Her kan du

* **filtrere** initiativerne (søjle, status, farve, horisont, ejer, netværk, arbejdsgruppe eller fritekst),
* **redigere** et initiativ – status følger forløbet idé → afklaring → igangsat → gennemført (eller parkeret
  og opgivet), og formularen siger til, før noget gemmes, hvis noget mangler,
* se listen **til yderligere belysning** (grønne initiativer med 1–3 års implementeringstid),
* se **fremdriften** pr. søjle, netværk og arbejdsgruppe – og få forklaret, hvordan hvert tal er regnet ud,
* nedsætte **arbejdsgrupper**, registrere **netværkenes** milepæle og **importere** et katalog fra Excel.""",
            [],
        ),
        ("code", "from forumkit import CatalogueScreen\n\nskaerm = CatalogueScreen.from_env()\nskaerm", []),
        ("md", "## Initiativer pr. søjle og status", []),
        (
            "code",
            SETUP
            + """
from forumkit import views

print(views.status_by_pillar(ws))""",
            GOLDEN,
        ),
        (
            "md",
            """\
## Fremdrift pr. søjle – og hvorfor

Reglen for udregningen står i kommissoriet (skærmen *Kommissorium* i '01 Opsætning af forum', fanen *Fremdrift*)
og skrives under tallene.""",
            [],
        ),
        ("code", "print(views.rollup_text(ws))", GOLDEN),
        (
            "md",
            "Søjlen med flest initiativer, forklaret initiativ for initiativ (vælg en anden søjle i skærmen ovenfor):",
            [],
        ),
        (
            "code",
            """\
tekst, forklaring = views.explain_largest(ws)
print(tekst)
views.for_people(forklaring)""",
            [],
        ),
        ("md", "## Til yderligere belysning (grøn, 1–3 år)", []),
        ("code", "print(views.green_text(ws))", GOLDEN),
        ("md", "## Fremdrift over tid (fra ændringsloggen)", []),
        (
            "code",
            """\
from forumkit import read_changes

views.for_people(views.progress_over_time(ws, read_changes(store.root), idag))""",
            [],
        ),
    ],
    "02_moedeplanlaegning": [
        (
            "md",
            """\
# Mødeplanlægning

Kommissoriet siger, hvor mange gange om året forummet mødes, og hvor møderne sædvanligvis holdes. Her følger
du et møde hele vejen:

1. **Årsplan** – forslag til årets datoer med frister for indkaldelse, dagsorden og referat.
2. **Dagsorden** – standardpunkter, egne punkter med indstilling og tid, og punkter fra sidste møde.
3. **Indkaldelse** – Word-brev, kalenderfil og e-mailtekst. Du sender selv med dit mailprogram og
   registrerer derefter, at indkaldelsen er sendt.
4. **Fremmøde**, **beslutninger** og **opfølgningsopgaver** på mødet.
5. **Referat** – Word og Markdown, og godkendelsen på næste møde.

Vælg mødet øverst. Filerne gemmes i mappen `eksport` i arbejdsområdet.""",
            [],
        ),
        ("code", "aar = None  # året, der planlægges; None: næste år (kan ændres, fx med papermill)", ["parameters"]),
        (
            "code",
            "from forumkit import MeetingScreen\n\nskaerm = MeetingScreen.from_env()\n"
            "skaerm.year.value = aar or skaerm.year.value\nskaerm",
            [],
        ),
        ("md", "## Forslag til årsplan (som tekst)", []),
        (
            "code",
            SETUP
            + """
from forumkit import views

print(views.year_plan_text(ws, skaerm.year.value))""",
            GOLDEN,
        ),
        ("md", "## Næste mødes dagsorden", []),
        ("code", "print(views.agenda_text(ws, skaerm.meeting.value))", GOLDEN),
        ("md", "## Åbne opfølgningsopgaver", []),
        ("code", "views.for_people(views.open_actions(ws))", []),
    ],
    "01_opsaetning": [
        (
            "md",
            """\
# Opsætning af forum

Kommissoriet siger, hvilke sæder forummet har, og hvilken organisation der udpeger til hvert af dem. Her kan du

* se **sæderne** – besat, ledigt eller med en udpegning, der snart udløber,
* **udpege** et nyt medlem eller **erstatte** et medlem (formularen kontrollerer dine oplysninger, før der gemmes),
* **afslutte** en udpegning, registrere **formandsvalget** på det konstituerende møde,
* vedligeholde **sekretariatet** og hente **medlemslister** til Excel og Word.

Kontrollen af sammensætningen opdateres, hver gang du gemmer. Vælg en anden dato i *Pr. dato* for at se
forummet, som det så ud – eller vil se ud – på den dag.""",
            [],
        ),
        ("code", "from forumkit import SetupScreen\n\nskaerm = SetupScreen.from_env()\nskaerm", []),
        (
            "md",
            """\
## Kommissoriet

Her skriver og retter du forummets kommissorium uden at røre ved filer: sæder og de organisationer, der udpeger
dem, sekretariatets roller, møderne (antal om året, perioder, mødested, tider og frister), status til
kommunalbestyrelsen, de strategiske søjler, netværkene og reglen for fremdrift.

En ændring gælder fra den dato, du vælger i *Gælder fra*. Kontrollen bruger det kommissorium, der gjaldt på
den dag, den ser på: et sæde, der kommer til, er ikke ledigt i årene før. Tidligere udgaver står nederst.""",
            [],
        ),
        ("code", "from forumkit import CharterScreen\n\nkommissorium = CharterScreen.from_env()\nkommissorium", []),
        ("md", "## Sæderne og kontrollen som tekst", []),
        ("code", "print(skaerm.summary())", GOLDEN),
        (
            "md",
            """\
## Sæderne over tid

Hvem har siddet i hvilket sæde hvornår. Grafen kan kopieres direkte ind i en præsentation.""",
            [],
        ),
        (
            "code",
            SETUP
            + """
from forumkit import seat_timeline

seat_timeline(ws, idag)""",
            [],
        ),
        ("md", "Som tabel (til Excel eller videre analyse):", []),
        (
            "code",
            "from forumkit import seat_history, views\n\nhistorik = seat_history(ws)\nviews.for_people(historik)",
            [],
        ),
        ("code", "from forumkit import views\n\nprint(views.seat_history_text(ws))", GOLDEN),
        (
            "md",
            """\
## Persondata

Kontaktoplysninger på medlemmer, der er udtrådt, slettes, når opbevaringsfristen i kommissoriet er passeret.
Navn, organisation og sæde bevares, fordi referaterne skal kunne læses. Se, hvad der ville blive slettet:""",
            [],
        ),
        ("code", "print(views.forget_text(ws, idag))", []),
    ],
    "00_overblik": [
        (
            "md",
            """\
# Overblik over forummet

Her ser du forummets tilstand på én side:

* **Næste møde** – dato, sted og frister for indkaldelse og dagsorden.
* **Det skal ske snart** – opgaver, frister og udpegninger, der udløber.
* **Kontrol af kommissoriet** – alt, hvad der ikke stemmer med kommissoriet.

Tryk **Opdatér**, når du har rettet noget på de andre skærme. Vil du se længere frem, så skriv et større tal
i *Dage frem*.""",
            [],
        ),
        ("md", "Kør cellerne med ▶ (eller menuen *Run › Run All Cells*).", NB),
        ("code", "from forumkit import OverviewScreen\n\nskaerm = OverviewScreen.from_env()\nskaerm", []),
        (
            "code",
            """\
from forumkit import views

print(views.first_steps(skaerm.ws, skaerm.today) or "Forummet er sat op – se kontrollen ovenfor.")""",
            GOLDEN,
        ),
        (
            "md",
            """\
## Kontrollen som tekst

Samme kontrol som ovenfor, som tekst du kan kopiere ind i en e-mail. Hvert fund har en fast kode, så du kan
slå det op i vejledningen.""",
            [],
        ),
        ("code", "print(skaerm.summary())", GOLDEN),
        (
            "md",
            """\
## Til analytikere

Fundene som en pandas-tabel. Du kan også køre kontrollen i en terminal: `forumkit check`.""",
            [],
        ),
        ("code", "from forumkit import findings_table, views\n\nviews.for_people(findings_table(skaerm.findings))", []),
    ],
}

NOTEBOOKS["05_analyse"] = [
    (
        "md",
        """\
# Analyse med pandas

Alle arbejdsområdets tabeller kan hentes som pandas-tabeller (DataFrames), klar til pivottabeller, grafer og
Excel. Kolonnerne har engelske navne og faste typer:

* **datoer** er rigtige datoer (`datetime64`), så du kan gruppere pr. år eller måned,
* **beløb, timer og fremdrift** er hele tal, hvor et tomt felt er tomt (`Int64`),
* **søjle, status, farve, horisont og rolle** er ordnede kategorier i kommissoriets rækkefølge, så tabeller
  og grafer altid står i samme orden.

De danske overskrifter fra CSV-filerne følger med, og `danish_headings` viser dem. Intet her ændrer
arbejdsområdet – du kan roligt eksperimentere.""",
        [],
    ),
    (
        "code",
        SETUP
        + """
from forumkit import attendance_with_people, danish_headings, initiatives_with_pillars

initiativer = ws.frame("initiatives")
initiativer[["id", "pillar", "status", "budget_asked", "start"]].dtypes""",
        GOLDEN,
    ),
    (
        "md",
        """\
Tabellernes navne: `members`, `secretariat`, `meetings`, `agenda`, `attendance`, `initiatives`,
`working_groups`, `group_members`, `networks`, `network_events`, `actions`, `inputs` og `council_reports`.
Med de danske overskrifter:""",
        [],
    ),
    (
        "code",
        """\
from forumkit import views  # views.for_people: Danish dates and numbers, blanks for missing values

views.for_people(danish_headings(initiativer).head())""",
        [],
    ),
    ("md", "## Status pr. søjle", []),
    (
        "code",
        """\
from forumkit import status_by_pillar

print(status_by_pillar(ws).to_string())""",
        GOLDEN,
    ),
    (
        "md",
        """\
Samme tabel bygget i hånden – søjlenavnene kommer med `initiatives_with_pillars`, og kategorierne sørger for
rækkefølgen:""",
        [],
    ),
    (
        "code",
        """\
import pandas as pd

med_navne = initiatives_with_pillars(ws)
views.for_people(pd.crosstab(med_navne["pillar_name"], med_navne["status"]))""",
        [],
    ),
    (
        "md",
        """\
## Budget pr. år

Søgt og sikret budget efter initiativernes startår (parkerede og opgivne initiativer tælles ikke med).""",
        [],
    ),
    (
        "code",
        """\
from forumkit import budget_by_year, da_number

budget = budget_by_year(ws)
print(budget.map(lambda kr: f"{da_number(kr)} kr.").to_string())""",
        GOLDEN,
    ),
    ("md", 'Pr. søjle: `budget_by_year(ws, by_pillar=True)`; efter frist i stedet for start: `date_column="due"`.', []),
    ("md", "## Fremmøde over tid", []),
    (
        "code",
        """\
from forumkit import attendance_over_time

fremmoede = attendance_over_time(ws)
for raekke in fremmoede.itertuples():
    dato, moede = raekke.Index
    print(f"{dato:%Y-%m-%d} {moede}: {raekke.deltog} deltog, {raekke.afbud} afbud – "
          f"{da_number(raekke.Andel * 100)} %")""",
        GOLDEN,
    ),
    (
        "md",
        """\
Hvem kommer oftest? `attendance_with_people` sætter navn, sæde og mødedato på hver fremmøderegistrering:""",
        [],
    ),
    (
        "code",
        """\
personer = attendance_with_people(ws)
views.for_people(personer[personer["status"] == "deltog"].groupby("member_name").size()
                 .sort_values(ascending=False).head())""",
        [],
    ),
    (
        "md",
        """\
## Din egen graf i husstilen

Tegn grafen med pandas eller matplotlib, som du plejer, og giv den husstilen med `apply_house_style`:
samme skrifttyper og farver som årsstatussen, tusindtalsseparator og en fodnote med kilde og datadato.""",
        [],
    ),
    (
        "code",
        """\
from forumkit import apply_house_style

tegnes = budget if len(budget) else budget.reindex([idag.year], fill_value=0)  # et nyt forum: ét tomt år
ax = tegnes.plot.bar(figsize=(12.8, 7.2), rot=0)
ax.set_xlabel("Startår")
ax.set_ylabel("Kroner")
graf = apply_house_style(ax, title="Søgt og sikret budget pr. startår",
                         subtitle=f"{da_number(budget['Sikret'].sum())} kr. sikret i alt",
                         source=ws.charter.forum.municipality, data_date=idag, thousands="y")""",
        [],
    ),
    (
        "md",
        """\
## Gem grafen til præsentationen

PNG til PowerPoint, SVG eller PDF til tryk. Filen lægges i mappen `eksport` i arbejdsområdet; samme data
giver altid præcis den samme fil.""",
        [],
    ),
    (
        "code",
        """\
from forumkit import save_figure

fil = save_figure(graf, store.root / "eksport" / "budget_pr_aar.png")
print(f"Gemt: {fil.relative_to(store.root).as_posix()}")""",
        GOLDEN,
    ),
]


def _notebook_only_below_screen(cells: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """The sections under a screen (text output, pandas tables, charts for analysts, terminal commands) start
    at the first '## ' heading; they are for JupyterLab, and the app leaves them out."""
    tagged, below = [], False
    for kind, source, tags in cells:
        below = below or (kind == "md" and source.startswith("## "))
        tagged.append((kind, source, tags + NB if below and NB[0] not in tags else tags))
    return tagged


NOTEBOOKS = {name: _notebook_only_below_screen(cells) for name, cells in NOTEBOOKS.items()}
# The analysis notebook is worked in JupyterLab; the app shows only what it offers.
NOTEBOOKS["05_analyse"] = NOTEBOOKS["05_analyse"][:1] + [
    (kind, source, tags if NB[0] in tags else tags + NB) for kind, source, tags in NOTEBOOKS["05_analyse"][1:]
]
