"""The cells of each curated notebook: (kind, source, tags). Prose is Danish; logic lives in forumkit."""

GOLDEN = ["keep_output", "nbval-check-output"]

SETUP = """\
# Arbejdsområdet og dagens dato læses fra FORUMKIT_WORKSPACE og FORUMKIT_TODAY.
import forumkit
store = forumkit.Store(forumkit.open_workspace_path())
idag = forumkit.today()
ws = store.load()"""

NOTEBOOKS: dict[str, list[tuple[str, str, list[str]]]] = {
    "00_overblik": [
        ("md", """\
# Overblik over samarbejdsforummet

Her ser du forummets tilstand på én side:

* **Næste møde** – dato, sted og frister for indkaldelse og dagsorden.
* **Det skal ske snart** – opgaver, frister og udpegninger, der udløber.
* **Kontrol af kommissoriet** – alt, hvad der ikke stemmer med kommissoriet.

Kør cellerne med ▶ (eller *Kør › Kør alle celler*). Tryk **Opdatér**, når du har rettet noget i de andre
notesbøger. Vil du se længere frem, så træk i skyderen *Dage frem*.""", []),
        ("code", "from forumkit.ui.overview import OverviewScreen\n\nskaerm = OverviewScreen.from_env()\nskaerm", []),
        ("md", """\
## Kontrollen som tekst

Samme kontrol som ovenfor, som tekst du kan kopiere ind i en e-mail. Hvert fund har en fast kode, så du kan
slå det op i vejledningen.""", []),
        ("code", "print(skaerm.summary())", GOLDEN),
        ("md", """\
## Til analytikere

Fundene som en pandas-tabel. Du kan også køre kontrollen i en terminal: `forumkit check`.""", []),
        ("code", "from forumkit.findings import findings_table\n\nfindings_table(skaerm.findings)", []),
    ],
}
