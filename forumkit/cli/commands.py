"""The `forumkit` command: set up, check and export a forum's workspace from a terminal."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..model.errors import ForumkitError, InputError, WorkspaceError

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


def _workspace_arg(value: str | None) -> Path:
    from ..storage.settings import workspace_path

    return Path(value).resolve() if value else workspace_path()


def _today(value: str | None) -> date:
    from ..storage.settings import today

    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InputError("--date", value, f"ugyldig dato '{value}' – skriv ÅÅÅÅ-MM-DD") from None
    return today()


def cmd_init(args) -> int:
    from ..storage.settings import init_workspace

    folder = init_workspace(Path(args.dir), Path(args.charter) if args.charter else None)
    print(f"Nyt arbejdsområde oprettet i {folder}")
    return EXIT_OK


def cmd_check(args) -> int:
    from ..rules.checks import run_checks
    from ..storage.store import is_workspace, load_workspace

    root = _workspace_arg(args.dir)
    if not root.is_dir() or not is_workspace(root):
        print(f"{root}: ikke et forumkit-arbejdsområde (forum.toml mangler)", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        ws = load_workspace(root)
    except WorkspaceError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(er) i datafilerne – intet er ændret.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"{root}: kan ikke læses ({exc.strerror})", file=sys.stderr)
        return EXIT_UNREADABLE
    findings = run_checks(ws, _today(args.date))
    for finding in findings:
        print(finding)
    errors = sum(f.severity == "fejl" for f in findings)
    warnings = sum(f.severity == "advarsel" for f in findings)
    print(f"{errors} fejl, {warnings} advarsler, {len(findings) - errors - warnings} oplysninger.", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_lab(args, kind: str = "lab") -> int:
    from ..storage.settings import open_workspace_path
    from . import lab

    workspace = open_workspace_path()
    print(f"Arbejdsområde: {workspace}")
    return lab.run(kind, workspace, args.notebook, args.port, args.no_browser)


def cmd_forget(args) -> int:
    from ..edits.privacy import forget
    from ..storage.store import Store

    store = Store(_workspace_arg(args.dir))
    plan = forget(store, _today(args.date), dry_run=args.dry_run)
    if not plan:
        print("Ingen kontaktoplysninger har passeret opbevaringsfristen.")
        return EXIT_OK
    verb = "ville blive slettet" if args.dry_run else "er slettet"
    for table, row_id, name, due in plan:
        print(f"{row_id} {name}: e-mail og telefon {verb} (frist {due})")
    return EXIT_OK


def cmd_plan(args) -> int:
    from ..model.danish import da_date, da_time
    from ..rules.planning import deadlines, propose_year
    from ..storage.store import load_workspace

    ws = load_workspace(_workspace_arg(args.dir))
    rules = ws.charter.meetings
    taken = {m.date for m in ws.meetings}
    existing = [m for m in ws.meetings if m.date.year == args.year]
    if existing:
        print(f"Allerede i {args.year}: " + ", ".join(f"{m.id} {da_date(m.date)}" for m in existing))
    for day in propose_year(ws.charter, args.year, frozenset(taken)):
        due = deadlines(day, rules)
        print(f"Forslag: {da_date(day)} {da_time(rules.start)}, {rules.venue}")
        print(f"  indkaldelse senest {da_date(due.invitation, False)}; dagsorden senest "
              f"{da_date(due.agenda, False)}; referat senest {da_date(due.minutes, False)}")
    return EXIT_OK


_ARGPARSE_DA = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "show this help message and exit": "vis denne hjælp og afslut",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "expected one argument": "forventede én værdi",
}


def cmd_invitation(args) -> int:
    from ..documents.invitation import write_invitation
    from ..storage.store import load_workspace

    from ..documents.office import workspace_template

    root = _workspace_arg(args.dir)
    ws = load_workspace(root)
    day = _today(args.date)
    paths = write_invitation(ws, args.meeting, Path(args.out), day, workspace_template(ws.charter, root))
    return _documents(paths, day, not args.no_pdf)


def cmd_minutes(args) -> int:
    from ..documents.minutes import write_minutes
    from ..storage.store import load_workspace

    from ..documents.office import workspace_template

    root = _workspace_arg(args.dir)
    ws = load_workspace(root)
    day = _today(args.date)
    paths = write_minutes(ws, args.meeting, Path(args.out), day, workspace_template(ws.charter, root))
    return _documents(paths, day, not args.no_pdf)


def _documents(paths: list[Path], day: date, pdf: bool) -> int:
    """Print the files made and, unless --no-pdf, make their PDFs (a Danish note when LibreOffice is missing)."""
    from ..documents.pdf import with_pdfs

    made, problem = with_pdfs(paths, day) if pdf else (paths, None)
    for path in made:
        print(path)
    if problem:
        print(f"Bemærk: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_agenda(args) -> int:
    from ..documents.agenda import write_agenda
    from ..documents.office import workspace_template
    from ..storage.store import load_workspace

    root = _workspace_arg(args.dir)
    ws = load_workspace(root)
    day = _today(args.date)
    path = write_agenda(ws, args.meeting, Path(args.out), day, workspace_template(ws.charter, root))
    return _documents([path], day, not args.no_pdf)


def cmd_board_pack(args) -> int:
    from ..documents.board_pack import write_board_pack
    from ..documents.office import workspace_template
    from ..documents.pdf import PdfUnavailable
    from ..storage.store import load_workspace, read_changes

    root = _workspace_arg(args.dir)
    ws = load_workspace(root)
    try:
        pack = write_board_pack(ws, root, args.meeting, Path(args.out), _today(args.date), read_changes(root),
                                workspace_template(ws.charter, root))
    except PdfUnavailable as exc:
        print(f"Fejl: mødemappen kan ikke laves: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(pack.path)
    print(f"{pack.pages} sider; indhold:")
    for title, level, page in pack.outline:
        print(f"{'    ' if level else '  '}{title} (side {page})")
    return EXIT_OK


def cmd_import(args) -> int:
    import json

    from ..edits.transfer import (
        apply_import,
        load_mapping,
        preview_import,
        save_mapping,
    )
    from ..storage.store import Store

    store = Store(_workspace_arg(args.dir))
    ws = store.load()
    mapping = load_mapping(store.root)
    if args.mapping:
        mapping.update(json.loads(Path(args.mapping).read_text(encoding="utf-8")))
    preview = preview_import(ws, Path(args.file), mapping)
    print(preview.summary())
    for plan in preview.rows:
        if plan.action != "uændret":
            what = ", ".join(f"{k}: '{old}' → '{new}'" for k, (old, new) in plan.changes.items())
            print(f"  række {plan.sheet_row}: {plan.action} {plan.initiative.id} {plan.initiative.title}"
                  + (f" ({what})" if what else ""))
    if not preview.clean:
        print("Intet er importeret – ret problemerne i arket og prøv igen.", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.dry_run:
        print("Prøvekørsel: intet er gemt.")
        return EXIT_OK
    today = _today(None)
    store.update(lambda current: apply_import(current, preview_import(current, Path(args.file), mapping), today),
                 what=f"import: {Path(args.file).name}")
    save_mapping(store.root, preview.mapping)
    print("Importen er gemt.")
    return EXIT_OK


def cmd_export(args) -> int:
    from ..edits.transfer import export_table
    from ..storage.store import load_workspace

    ws = load_workspace(_workspace_arg(args.dir))
    print(export_table(ws, args.table, args.format, Path(args.out)))
    return EXIT_OK


def cmd_status_report(args) -> int:
    from ..documents.status_report import check_output_folder, write_status_report
    from ..storage.store import load_workspace

    out = check_output_folder(Path(args.out))
    root = _workspace_arg(args.dir)
    ws = load_workspace(root)
    charts = [c.strip() for c in args.charts.split(",")] if args.charts else None
    bundle = write_status_report(ws, root, args.year, out, _today(args.date), charts, pdf=not args.no_pdf)
    print(f"Årsstatus {args.year} er gemt i {bundle.folder} (datagrundlag {bundle.snapshot[:12]}):")
    for path in bundle.files:
        print(f"  {path.relative_to(bundle.folder)}")
    for note in bundle.notes:
        print(f"Bemærk: {note}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    argparse._ = lambda text: _ARGPARSE_DA.get(text, text)  # argparse's own words, in Danish
    parser = argparse.ArgumentParser(
        prog="forumkit",
        description="Sekretariatets værktøj til Samarbejdsforum mellem Kommune og Erhvervsliv.",
        epilog="Arbejdsområdet er FORUMKIT_WORKSPACE eller ./workspace; FORUMKIT_TODAY fastsætter dagens dato.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    p = sub.add_parser("init", help="opret et nyt, tomt arbejdsområde ud fra kommissoriet")
    p.add_argument("dir", metavar="MAPPE")
    p.add_argument("--charter", metavar="FIL", help="et andet kommissorium (forum.toml) end Dragørs")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help="indlæs og kontrollér et arbejdsområde (skriver aldrig)")
    p.add_argument("dir", nargs="?", metavar="MAPPE")
    p.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="kontrollér som på denne dato")
    p.set_defaults(func=cmd_check)

    for name, kind, text in (("lab", "lab", "åbn notesbøgerne i JupyterLab"),
                             ("app", "app", "åbn notesbøgerne som app (Voilà), uden kode")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--notebook", metavar="NOTESBOG", help="fx 00_overblik.ipynb")
        p.add_argument("--port", type=int)
        p.add_argument("--no-browser", action="store_true", help="start uden at åbne en browser")
        p.set_defaults(func=lambda a, k=kind: cmd_lab(a, k))

    p = sub.add_parser("plan", help="foreslå årets mødedatoer med frister")
    p.add_argument("year", type=int, metavar="ÅR")
    p.add_argument("--dir", metavar="MAPPE")
    p.set_defaults(func=cmd_plan)

    for name, func, text in (("invitation", cmd_invitation, "gem indkaldelsen (Word, kalenderfil, e-mailtekst)"),
                             ("minutes", cmd_minutes, "gem referatet (Word og Markdown)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("meeting", metavar="MØDE_ID", help="fx M-2027-1")
        p.add_argument("--out", required=True, metavar="MAPPE")
        p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
        p.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="brevets dato (standard: i dag)")
        p.add_argument("--no-pdf", action="store_true", help="kun Word, ingen PDF")
        p.set_defaults(func=func)

    p = sub.add_parser("agenda", help="gem dagsordenen (Word og PDF)")
    p.add_argument("meeting", metavar="MØDE_ID", help="fx M-2027-1")
    p.add_argument("--out", required=True, metavar="MAPPE")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="udsendelsesdato (standard: i dag)")
    p.add_argument("--no-pdf", action="store_true", help="kun Word, ingen PDF")
    p.set_defaults(func=cmd_agenda)

    p = sub.add_parser("board-pack", help="gem mødemappen: én PDF med dagsorden, referat, bilag og statusark")
    p.add_argument("meeting", metavar="MØDE_ID", help="fx M-2027-1")
    p.add_argument("--out", required=True, metavar="MAPPE")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="udsendelsesdato (standard: i dag)")
    p.set_defaults(func=cmd_board_pack)

    p = sub.add_parser("import", help="importér et idékatalog fra Excel eller CSV (forhåndsvisning først)")
    p.add_argument("file", metavar="FIL")
    p.add_argument("--mapping", metavar="FIL", help="JSON: arkets overskrift → forumkits kolonne")
    p.add_argument("--dry-run", action="store_true", help="vis kun, hvad der ville ske")
    p.add_argument("--dir", metavar="MAPPE")
    p.set_defaults(func=cmd_import)

    from ..model.tables import TABLES

    p = sub.add_parser("export", help="eksportér en tabel til CSV eller Excel")
    p.add_argument("table", metavar="TABEL", choices=list(TABLES), help=", ".join(TABLES))
    p.add_argument("--format", choices=("csv", "xlsx"), default="xlsx")
    p.add_argument("--out", required=True, metavar="FIL")
    p.add_argument("--dir", metavar="MAPPE")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("status-report",
                       help="årsstatus til kommunalbestyrelsen: grafer, præsentation, sagsfremstilling")
    p.add_argument("year", type=int, metavar="ÅR")
    p.add_argument("--out", required=True, metavar="MAPPE")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="rapportens dato (standard: i dag)")
    p.add_argument("--charts", metavar="LISTE", help="kun disse grafer, fx status,budget")
    p.add_argument("--no-pdf", action="store_true", help="ingen PDF af sagsfremstilling og præsentation")
    p.set_defaults(func=cmd_status_report)

    p = sub.add_parser("forget", help="slet kontaktoplysninger, der har passeret opbevaringsfristen (GDPR)")
    p.add_argument("--dir", metavar="MAPPE")
    p.add_argument("--date", metavar="ÅÅÅÅ-MM-DD")
    p.add_argument("--dry-run", action="store_true", help="vis kun, hvad der ville blive slettet")
    p.set_defaults(func=cmd_forget)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except WorkspaceError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    except ForumkitError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE if isinstance(exc, InputError) and exc.field == "mappe" else EXIT_PROBLEMS
    except OSError as exc:
        name = f" ({exc.filename})" if exc.filename else ""
        print(f"Fejl: filen kunne ikke læses eller skrives{name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
