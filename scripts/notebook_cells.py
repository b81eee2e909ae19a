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
        ("md", """\
# Årsstatus til kommunalbestyrelsen

Kommissoriet siger, at kommunalbestyrelsen mindst én gang om året skal have en status på forummets arbejde.
Her laver du den på få minutter:

1. Vælg **år** og hvilke **grafer** der skal med.
2. Tryk **Vis graferne** for at se dem her.
3. Tryk **Gem årsstatus**. Du får en PowerPoint-præsentation (16:9), en sagsfremstilling i Word i udvalgets
   format og alle grafer som PNG, SVG og PDF med tallene bag dem som CSV og Excel – klar til at kopiere ind i
   udvalgets præsentation.

Rapporten navngiver sit datagrundlag, så den samme data altid giver præcis de samme filer.""", []),
        ("md", """\
Præsentationen bygges på kommunens egen PowerPoint-skabelon, hvis `forum.toml` peger på den:
`[documents]` `powerpoint_template = "skabelon.pptx"` (filen ligger i arbejdsområdet). Ellers bruges
forumkits egen.""", NB),
        ("code", """\
aar = 2026          # rapportens år
arbejdsomraade = None  # None: FORUMKIT_WORKSPACE eller ./workspace""", ["parameters"]),
        ("code", """\
import os

if arbejdsomraade:
    os.environ["FORUMKIT_WORKSPACE"] = str(arbejdsomraade)

from forumkit.ui.status import StatusScreen

skaerm = StatusScreen.from_env()
skaerm.year.value = aar
skaerm""", []),
        ("md", "## Hovedpunkterne (beregnet af data)", []),
        ("code", """\
for graf in skaerm.data:
    print(f"{graf.title}: {graf.takeaway}")""", GOLDEN),
        ("md", "## Sagsfremstillingens fakta", []),
        ("code", """\
from forumkit.documents.case_note import case_facts
from forumkit.rules.status_data import year_facts

forrige = year_facts(skaerm.ws, skaerm.changes, aar - 1, skaerm.today)
for linje in case_facts(skaerm.facts, forrige):
    print(linje)""", GOLDEN),
        ("md", "## Graferne", []),
        ("code", """\
from forumkit.documents.charts import draw

soejler = [p.name for p in skaerm.ws.charter.pillars]
for graf in skaerm.data:
    display(draw(graf, skaerm.ws.charter.forum.municipality, skaerm.facts.as_of, soejler))""", []),
    ],
    "03_idekatalog": [
        ("md", """\
# Idékatalog

Forummets hovedopgave: at sætte initiativer fra erhvervsstrategiens idékatalog i gang, skaffe ressourcer og
lokal opbakning. Her kan du

* **filtrere** initiativerne (søjle, status, farve, horisont, ejer, netværk, arbejdsgruppe eller fritekst),
* **redigere** et initiativ – status følger forløbet idé → afklaring → igangsat → gennemført (eller parkeret
  og opgivet), og formularen siger til, før noget gemmes, hvis noget mangler,
* se listen **til yderligere belysning** (grønne initiativer med 1–3 års implementeringstid),
* se **fremdriften** pr. søjle, netværk og arbejdsgruppe – og få forklaret, hvordan hvert tal er regnet ud,
* nedsætte **arbejdsgrupper**, registrere **netværkenes** milepæle og **importere** et katalog fra Excel.""", []),
        ("code", "from forumkit.ui.catalogue import CatalogueScreen\n\nskaerm = CatalogueScreen.from_env()\nskaerm", []),
        ("md", "## Initiativer pr. søjle og status", []),
        ("code", SETUP + """
import pandas as pd

soejler = {p.id: p.name for p in ws.charter.pillars}
katalog = pd.DataFrame([{"Søjle": soejler[i.pillar], "Status": i.status} for i in ws.initiatives])
tabel = pd.crosstab(katalog["Søjle"], katalog["Status"]).reindex(
    index=list(soejler.values()),
    columns=["idé", "afklaring", "igangsat", "gennemført", "parkeret", "opgivet"], fill_value=0)
print(tabel.to_string())
print(f"I alt: {len(katalog)} initiativer")""", GOLDEN),
        ("md", """\
## Fremdrift pr. søjle – og hvorfor

Reglen for udregningen står i kommissoriet (`forum.toml`, afsnittet `[progress]`) og skrives under tallene.""",
         []),
        ("code", """\
from forumkit.rules.rollup import explain, rollup

for figur in rollup(ws):
    vaerdi = "–" if figur.value is None else f"{figur.value:.1f} %".replace(".", ",")
    print(f"{figur.name}: {vaerdi} ({figur.counted} af {figur.total} initiativer talt med)")
print("Regel:", rollup(ws)[0].rule)""", GOLDEN),
        ("code", """\
forklaring, figur = explain(ws, "LH")
print(f"Hvorfor står {figur.name} på {figur.value:.0f} %?")
forklaring""", []),
        ("md", "## Til yderligere belysning (grøn, 1–3 år)", []),
        ("code", """\
from forumkit.rules.catalogue_rules import green_list

for punkt in green_list(ws):
    mangler = ", ".join(punkt.missing) or "intet"
    print(f"{punkt.initiative.id} {punkt.initiative.title} [{punkt.initiative.status}] – mangler: {mangler}")""",
         GOLDEN),
        ("md", "## Fremdrift over tid (fra ændringsloggen)", []),
        ("code", """\
from datetime import date

from forumkit.rules.rollup import month_ends, progress_history
from forumkit.storage.store import read_changes

historik = progress_history(ws, read_changes(store.root), month_ends(date(2025, 5, 1), idag))
pd.DataFrame(historik).T.rename(columns=soejler).round(0)""", []),
    ],
    "02_moedeplanlaegning": [
        ("md", """\
# Mødeplanlægning

Forummet mødes, så ofte kommissoriet siger. Her følger du et møde hele vejen:

1. **Årsplan** – forslag til årets datoer med frister for indkaldelse, dagsorden og referat.
2. **Dagsorden** – standardpunkter, egne punkter med indstilling og tid, og punkter fra sidste møde.
3. **Indkaldelse** – Word-brev, kalenderfil og e-mailtekst. Du sender selv med dit mailprogram og
   registrerer derefter, at indkaldelsen er sendt.
4. **Fremmøde**, **beslutninger** og **opfølgningsopgaver** på mødet.
5. **Referat** – Word og Markdown, og godkendelsen på næste møde.

Vælg mødet øverst. Filerne gemmes i mappen `eksport` i arbejdsområdet.""", []),
        ("code", "aar = 2027  # året, der planlægges (kan ændres, fx med papermill)", ["parameters"]),
        ("code", "from forumkit.ui.meetings import MeetingScreen\n\nskaerm = MeetingScreen.from_env()\nskaerm.year.value = aar\nskaerm", []),
        ("md", "## Forslag til årsplan (som tekst)", []),
        ("code", SETUP + """
from forumkit.model.danish import da_date
from forumkit.rules.planning import deadlines, propose_year

for aar_ in (aar, aar + 1):
    optaget = frozenset(m.date for m in ws.meetings)
    for dag in propose_year(ws.charter, aar_, optaget):
        frist = deadlines(dag, ws.charter.meetings)
        print(f"{da_date(dag)}: indkaldelse senest {da_date(frist.invitation, False)}, "
              f"dagsorden senest {da_date(frist.agenda, False)}, referat senest {da_date(frist.minutes, False)}")""",
         GOLDEN),
        ("md", "## Næste mødes dagsorden", []),
        ("code", """\
from forumkit.edits.meetings import agenda_for, agenda_time

naeste = skaerm.meeting.value
for punkt in agenda_for(ws, naeste):
    print(f"{punkt.number}. {punkt.title} ({punkt.kind}, {punkt.minutes} min.)")
tid = agenda_time(ws, naeste)
print(f"I alt {tid.used} af {tid.available} minutter")""", GOLDEN),
        ("md", "## Åbne opfølgningsopgaver", []),
        ("code", """\
import pandas as pd

pd.DataFrame([{"Opgave": a.id, "Tekst": a.text, "Ansvarlige": ", ".join(a.owners), "Frist": a.due,
               "Tilstand": a.state} for a in ws.actions if a.state != "lukket"])""", []),
    ],
    "01_opsaetning": [
        ("md", """\
# Opsætning af forum

Hvert sæde i forummet udpeges af en bestemt organisation (kommissoriet). Her kan du

* se **sæderne** – besat, ledigt eller med en udpegning, der snart udløber,
* **udpege** et nyt medlem eller **erstatte** et medlem (formularen kontrollerer dine oplysninger, før der gemmes),
* **afslutte** en udpegning, registrere **formandsvalget** på det konstituerende møde,
* vedligeholde **sekretariatet** og hente **medlemslister** til Excel og Word.

Kontrollen af sammensætningen opdateres, hver gang du gemmer. Vælg en anden dato i *Pr. dato* for at se
forummet, som det så ud – eller vil se ud – på den dag.""", []),
        ("code", "from forumkit.ui.setup import SetupScreen\n\nskaerm = SetupScreen.from_env()\nskaerm", []),
        ("md", "## Sæderne og kontrollen som tekst", []),
        ("code", "print(skaerm.summary())", GOLDEN),
        ("md", """\
## Sæderne over tid

Hvem har siddet i hvilket sæde hvornår. Grafen kan kopieres direkte ind i en præsentation.""", []),
        ("code", SETUP + """
from forumkit.documents.seat_chart import seat_timeline

seat_timeline(ws, idag)""", []),
        ("md", "Som tabel (til Excel eller videre analyse):", []),
        ("code", "from forumkit.rules.composition import seat_history\n\nhistorik = seat_history(ws)\nhistorik", []),
        ("code", """\
print(f"{len(historik)} udpegninger i alt, {historik['Navn'].nunique()} personer")
for saede, navne in historik.groupby("Sæde", sort=False)["Navn"]:
    print(f"{saede}: {' → '.join(navne)}")""", GOLDEN),
        ("md", """\
## Persondata

Kontaktoplysninger på medlemmer, der er udtrådt, slettes, når opbevaringsfristen i kommissoriet er passeret.
Navn, organisation og sæde bevares, fordi referaterne skal kunne læses. Se, hvad der ville blive slettet:""", []),
        ("code", """\
from forumkit.edits.roster import forget_plan

for tabel, id_, navn, frist in forget_plan(ws, idag):
    print(f"{id_} {navn}: slettes (frist {frist})")
print("Slet dem under fanen 'Persondata' ovenfor, eller kør 'forumkit forget' i en terminal.")""", []),
    ],
    "00_overblik": [
        ("md", """\
# Overblik over samarbejdsforummet

Her ser du forummets tilstand på én side:

* **Næste møde** – dato, sted og frister for indkaldelse og dagsorden.
* **Det skal ske snart** – opgaver, frister og udpegninger, der udløber.
* **Kontrol af kommissoriet** – alt, hvad der ikke stemmer med kommissoriet.

Tryk **Opdatér**, når du har rettet noget på de andre skærme. Vil du se længere frem, så skriv et større tal
i *Dage frem*.""", []),
        ("md", "Kør cellerne med ▶ (eller *Kør › Kør alle celler*).", NB),
        ("code", "from forumkit.ui.overview import OverviewScreen\n\nskaerm = OverviewScreen.from_env()\nskaerm", []),
        ("md", """\
## Kontrollen som tekst

Samme kontrol som ovenfor, som tekst du kan kopiere ind i en e-mail. Hvert fund har en fast kode, så du kan
slå det op i vejledningen.""", []),
        ("code", "print(skaerm.summary())", GOLDEN),
        ("md", """\
## Til analytikere

Fundene som en pandas-tabel. Du kan også køre kontrollen i en terminal: `forumkit check`.""", []),
        ("code", "from forumkit.model.findings import findings_table\n\nfindings_table(skaerm.findings)", []),
    ],
}


def _notebook_only_below_screen(cells: list[tuple[str, str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    """The sections under a screen (text output, pandas tables, charts for analysts, terminal commands) start
    at the first '## ' heading; they are for JupyterLab, and the app leaves them out."""
    tagged, below = [], False
    for kind, source, tags in cells:
        below = below or (kind == "md" and source.startswith("## "))
        tagged.append((kind, source, tags + NB if below and NB[0] not in tags else tags))
    return tagged


NOTEBOOKS = {name: _notebook_only_below_screen(cells) for name, cells in NOTEBOOKS.items()}
