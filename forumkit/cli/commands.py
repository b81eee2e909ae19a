"""The `forumkit` command: set up, check and export a forum's workspace from a terminal."""

from __future__ import annotations

import argparse
import errno
import sys
from datetime import date
from pathlib import Path

from ..model.errors import ForumkitError, InputError, LockTimeoutError, SaveError, WorkspaceError
from ..model.vocab import Severity

__all__ = ["main"]

# 0 done / sound; 1 findings (problems in the data or the sheet); 2 bad input or usage (argument, file, folder);
# 3 an unexpected error (details in a log file, see forumkit.storage.errorlog); 4 not saved: the workspace was
# busy (another save held the lock) or the save failed (disk full, no access) – nothing changed, try again.
EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_UNEXPECTED, EXIT_NOT_SAVED = 0, 1, 2, 3, 4


def _resolve(value: str, field: str) -> Path:
    """An absolute path; a symlink loop or an unusable name is an InputError, not a RuntimeError."""
    try:
        return Path(value).resolve()
    except (OSError, RuntimeError, ValueError):
        raise InputError(field, value, f"stien '{value}' kan ikke følges (en genvej, der peger på sig selv?)") from None


def _workspace_arg(value: str | None) -> Path:
    from ..storage.settings import workspace_path

    if value:
        return _resolve(value, "mappe")
    try:
        return workspace_path()
    except (OSError, RuntimeError, ValueError):
        import os

        value = os.environ.get("FORUMKIT_WORKSPACE") or "workspace"
        raise InputError(
            "FORUMKIT_WORKSPACE", value, f"stien '{value}' kan ikke følges (en genvej, der peger på sig selv?)"
        ) from None


def _checked_date(value: str, field: str) -> date:
    from ..model.cells import parse_day

    return parse_day(value, field)


def _today(value: str | None) -> date:
    from ..storage.settings import today

    if value:
        return _checked_date(value, "--date")
    try:
        day = today()
    except ValueError:
        raise InputError("FORUMKIT_TODAY", "", "FORUMKIT_TODAY er ikke en gyldig dato – skriv ÅÅÅÅ-MM-DD") from None
    return _checked_date(day.isoformat(), "FORUMKIT_TODAY")


def _type(check):
    """An argparse type from a check that raises InputError: its Danish message becomes the usage error."""

    def convert(value: str):
        try:
            return check(value)
        except InputError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    convert.__name__ = check.__name__.strip("_")
    return convert


def _year(value: str) -> int:
    from ..model.danish import year_problem

    try:
        year = int(value)
    except ValueError:
        raise InputError("år", value, f"'{value}' er ikke et årstal – skriv fx 2027") from None
    problem = year_problem(year)
    if problem:
        raise InputError("år", value, problem)
    return year


def _date_text(value: str) -> str:
    _checked_date(value, "--date")
    return value


def _mapping_file(value: str) -> str:
    from ..edits.transfer import read_mapping

    try:
        read_mapping(Path(value))
    except OSError as exc:
        raise InputError("--mapping", value, f"{value} kan ikke læses ({_reason(exc)})") from None
    return value


def cmd_init(args) -> int:
    from ..model.charter import charter_source
    from ..storage.settings import init_workspace

    folder = init_workspace(Path(args.dir), charter_source(args.charter) if args.charter else None)
    print(f"Nyt arbejdsområde oprettet i {folder}")
    print(
        "Start med at skrive forummets kommissorium og udpege medlemmerne: åbn notesbogen "
        "'01 Opsætning af forum' (forumkit lab)."
    )
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
    from ..storage.journal import pending
    from ..storage.outside import find_outside_changes

    try:  # read only: they are logged on the next open (not while a save is unfinished: its files are in flux)
        outside = find_outside_changes(root).entries if pending(root) is None else []
    except OSError:
        outside = []
    findings = run_checks(ws, _today(args.date), outside)
    for finding in findings:
        print(finding)
    errors = sum(f.severity == Severity.ERROR for f in findings)
    warnings = sum(f.severity == Severity.WARNING for f in findings)
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
    report = forget(store, _today(args.date), dry_run=args.dry_run)
    if not report:
        print("Ingen kontaktoplysninger har passeret opbevaringsfristen, og der er ingen rester at fjerne.")
        return EXIT_OK
    for line in report.lines(args.dry_run):
        print(line)
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
        print(
            f"  indkaldelse senest {da_date(due.invitation, False)}; dagsorden senest "
            f"{da_date(due.agenda, False)}; referat senest {da_date(due.minutes, False)}"
        )
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
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "flertydigt tilvalg: %(option)s kan være %(matches)s",
}


def _meeting_document(args, write) -> int:
    """A meeting's document set (invitation, minutes, agenda) into --out, with PDFs unless --no-pdf.

    ``write(ws, meeting, out, day, workspace=, template=)`` returns the path or paths it made; where it may write is
    checked first (storage.outputs), and a refusal ends in main() as one Danish line and exit 2."""
    from ..documents.office import workspace_template
    from ..storage.outputs import output_folder
    from ..storage.store import load_workspace

    root = _workspace_arg(args.dir)
    output_folder(args.out, root, create=False)
    ws = load_workspace(root)
    day = _today(args.date)
    made = write(ws, args.meeting, Path(args.out), day, workspace=root, template=workspace_template(ws.charter, root))
    return _documents(made if isinstance(made, list) else [made], day, not args.no_pdf, root)


def cmd_invitation(args) -> int:
    from ..documents.invitation import write_invitation

    return _meeting_document(args, write_invitation)


def cmd_minutes(args) -> int:
    from ..documents.minutes import write_minutes

    return _meeting_document(args, write_minutes)


def cmd_agenda(args) -> int:
    from ..documents.agenda import write_agenda

    return _meeting_document(args, write_agenda)


def _documents(paths: list[Path], day: date, pdf: bool, root: Path) -> int:
    """Print the files made and, unless --no-pdf, make their PDFs (a Danish note when LibreOffice is missing)."""
    from ..documents.pdf import with_pdfs

    made, problem = with_pdfs(paths, day, root) if pdf else (paths, None)
    for path in made:
        print(path)
    if problem:
        print(f"Bemærk: {problem}", file=sys.stderr)
    return EXIT_OK


def cmd_board_pack(args) -> int:
    from ..documents.board_pack import write_board_pack
    from ..documents.office import workspace_template
    from ..documents.pdf import PdfUnavailable
    from ..storage.outputs import OutputError, output_folder
    from ..storage.store import load_workspace, read_changes

    root = _workspace_arg(args.dir)
    try:
        output_folder(args.out, root, create=False)
        ws = load_workspace(root)
        pack = write_board_pack(
            ws,
            root,
            args.meeting,
            Path(args.out),
            _today(args.date),
            read_changes(root),
            workspace_template(ws.charter, root),
        )
    except OutputError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
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
            print(
                f"  række {plan.sheet_row}: {plan.action} {plan.initiative.id} {plan.initiative.title}"
                + (f" ({what})" if what else "")
            )
    if not preview.clean:
        print("Intet er importeret – ret problemerne i arket og prøv igen.", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.dry_run:
        print("Prøvekørsel: intet er gemt.")
        return EXIT_OK
    today = _today(None)
    store.update(
        lambda current: apply_import(current, preview_import(current, Path(args.file), mapping), today),
        what=f"import: {Path(args.file).name}",
    )
    save_mapping(store.root, preview.mapping)
    print("Importen er gemt.")
    return EXIT_OK


def cmd_export(args) -> int:
    from ..edits.transfer import export_table
    from ..storage.outputs import OutputError
    from ..storage.store import load_workspace

    root = _workspace_arg(args.dir)
    try:
        ws = load_workspace(root)
        fmt = args.format or {".csv": "csv"}.get(Path(args.out).suffix.lower(), "xlsx")  # the name decides
        print(export_table(ws, args.table, fmt, Path(args.out), workspace=root))
    except OutputError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


def cmd_status_report(args) -> int:
    from ..documents.status_report import check_output_folder, write_status_report
    from ..storage.outputs import OutputError
    from ..storage.store import load_workspace

    root = _workspace_arg(args.dir)
    try:
        out = check_output_folder(Path(args.out), root)
        charts = [c.strip() for c in args.charts.split(",")] if args.charts else None
        if args.as_of:
            from ..storage.history import workspace_as_of

            day = _checked_date(args.as_of, "--as-of")
            snapshot = workspace_as_of(root, day)
            today = _checked_date(args.date, "--date") if args.date else day
            bundle = write_status_report(
                snapshot.workspace, root, args.year, out, today, charts, pdf=not args.no_pdf, as_of=snapshot
            )
        else:
            ws = load_workspace(root)
            bundle = write_status_report(ws, root, args.year, out, _today(args.date), charts, pdf=not args.no_pdf)
    except OutputError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"Årsstatus {args.year} er gemt i {bundle.folder} (datagrundlag {bundle.snapshot[:12]}):")
    for path in bundle.files:
        print(f"  {path.relative_to(bundle.folder)}")
    for note in bundle.notes:
        print(f"Bemærk: {note}", file=sys.stderr)
    return EXIT_OK


_ERRNO_DA = {
    errno.ENOENT: "findes ikke",
    errno.EEXIST: "findes allerede",
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen tilladelse",
    errno.EISDIR: "er en mappe",
    errno.ENOTDIR: "er ikke en mappe",
    errno.ELOOP: "en genvej peger på sig selv",
    errno.ENOSPC: "disken er fuld",
    errno.EROFS: "skrivebeskyttet",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.ENOTEMPTY: "mappen er ikke tom",
    errno.EPIPE: "udskriften blev afbrudt",
}


def _reason(exc: OSError) -> str:
    """The operating system's reason, in Danish where it is a common one."""
    return _ERRNO_DA.get(exc.errno or 0) or exc.strerror or str(exc)


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line Danish usage error (exit 2) instead of the usage block."""

    def error(self, message: str):
        self.exit(EXIT_UNREADABLE, f"{self.prog}: fejl: {_one_line(message)} (se '{self.prog} --help')\n")


def _one_line(text: str) -> str:
    return str(text).replace("\r", "\\r").replace("\n", "\\n")


def build_parser() -> argparse.ArgumentParser:
    argparse._ = lambda text: _ARGPARSE_DA.get(text, text)  # argparse's own words, in Danish
    parser = _Parser(
        prog="forumkit",
        description="Sekretariatets værktøj til et forum for kommune og erhvervsliv: kommissorium, medlemmer, "
        "møder, idékatalog og årsstatus.",
        epilog="Arbejdsområdet er FORUMKIT_WORKSPACE eller ./workspace; FORUMKIT_TODAY fastsætter dagens dato.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    p = sub.add_parser("init", help="opret et nyt, tomt arbejdsområde ud fra kommissoriet")
    p.add_argument("dir", metavar="MAPPE", help="mappen til det nye arbejdsområde")
    p.add_argument(
        "--charter",
        metavar="NAVN|FIL",
        help="et medfølgende kommissorium (dragoer, erhvervsforum) eller en forum.toml-fil",
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help="indlæs og kontrollér et arbejdsområde (skriver aldrig)")
    p.add_argument("dir", nargs="?", metavar="MAPPE", help="arbejdsområdet (standard: FORUMKIT_WORKSPACE)")
    p.add_argument("--date", type=_type(_date_text), metavar="ÅÅÅÅ-MM-DD", help="kontrollér som på denne dato")
    p.set_defaults(func=cmd_check)

    for name, kind, text in (
        ("lab", "lab", "åbn notesbøgerne i JupyterLab"),
        ("app", "app", "åbn notesbøgerne som app (Voilà), uden kode"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--notebook", metavar="NOTESBOG", help="fx 00_overblik.ipynb")
        p.add_argument("--port", type=int, metavar="PORT", help="portnummeret, serveren lytter på")
        p.add_argument("--no-browser", action="store_true", help="start uden at åbne en browser")
        p.set_defaults(func=lambda a, k=kind: cmd_lab(a, k))

    p = sub.add_parser("plan", help="foreslå årets mødedatoer med frister")
    p.add_argument("year", type=_type(_year), metavar="ÅR", help="året, der skal planlægges, fx 2027")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.set_defaults(func=cmd_plan)

    for name, func, text in (
        ("invitation", cmd_invitation, "gem indkaldelsen (Word, kalenderfil, e-mailtekst)"),
        ("minutes", cmd_minutes, "gem referatet (Word og Markdown)"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("meeting", metavar="MØDE_ID", help="mødets id (M-ÅÅÅÅ-nummer), se forumkit check")
        p.add_argument(
            "--out", required=True, metavar="MAPPE", help="mappen, filerne gemmes i (uden for arbejdsområdet)"
        )
        p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
        p.add_argument("--date", type=_type(_date_text), metavar="ÅÅÅÅ-MM-DD", help="brevets dato (standard: i dag)")
        p.add_argument("--no-pdf", action="store_true", help="kun Word, ingen PDF")
        p.set_defaults(func=func)

    p = sub.add_parser("agenda", help="gem dagsordenen (Word og PDF)")
    p.add_argument("meeting", metavar="MØDE_ID", help="mødets id, som det står i meetings.csv")
    p.add_argument("--out", required=True, metavar="MAPPE", help="mappen, filerne gemmes i (uden for arbejdsområdet)")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.add_argument("--date", type=_type(_date_text), metavar="ÅÅÅÅ-MM-DD", help="udsendelsesdato (standard: i dag)")
    p.add_argument("--no-pdf", action="store_true", help="kun Word, ingen PDF")
    p.set_defaults(func=cmd_agenda)

    p = sub.add_parser("board-pack", help="gem mødemappen: én PDF med dagsorden, referat, bilag og statusark")
    p.add_argument("meeting", metavar="MØDE_ID", help="mødets id, som det står i meetings.csv")
    p.add_argument("--out", required=True, metavar="MAPPE", help="mappen, filerne gemmes i (uden for arbejdsområdet)")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.add_argument("--date", type=_type(_date_text), metavar="ÅÅÅÅ-MM-DD", help="udsendelsesdato (standard: i dag)")
    p.set_defaults(func=cmd_board_pack)

    p = sub.add_parser("import", help="importér et idékatalog fra Excel eller CSV (forhåndsvisning først)")
    p.add_argument("file", metavar="FIL", help="Excel-arket (.xlsx) eller CSV-filen med idékataloget")
    p.add_argument(
        "--mapping", type=_type(_mapping_file), metavar="FIL", help="JSON: arkets overskrift → forumkits kolonne"
    )
    p.add_argument("--dry-run", action="store_true", help="vis kun, hvad der ville ske")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.set_defaults(func=cmd_import)

    from ..model.tables import TABLES

    p = sub.add_parser("export", help="eksportér en tabel til CSV eller Excel")
    p.add_argument("table", metavar="TABEL", choices=list(TABLES), help=", ".join(TABLES))
    p.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        default=None,
        help="csv eller xlsx; uden --format afgør filnavnets endelse det (.csv, ellers xlsx)",
    )
    p.add_argument("--out", required=True, metavar="FIL", help="filen, tabellen gemmes i (uden for arbejdsområdet)")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "status-report", help="årsstatus til kommunalbestyrelsen: grafer, præsentation, sagsfremstilling"
    )
    p.add_argument("year", type=_type(_year), metavar="ÅR", help="året, statussen gælder, fx 2026")
    p.add_argument("--out", required=True, metavar="MAPPE", help="mappen, filerne gemmes i (uden for arbejdsområdet)")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.add_argument("--date", type=_type(_date_text), metavar="ÅÅÅÅ-MM-DD", help="rapportens dato (standard: i dag)")
    p.add_argument("--charts", metavar="LISTE", help="kun disse grafer, fx status,budget")
    p.add_argument("--no-pdf", action="store_true", help="ingen PDF af sagsfremstilling og præsentation")
    p.add_argument(
        "--as-of",
        type=_type(_date_text),
        metavar="ÅÅÅÅ-MM-DD",
        help="byg rapporten af data, som de stod ved udgangen af denne dag (genskabt fra ændringsloggen)",
    )
    p.set_defaults(func=cmd_status_report)

    p = sub.add_parser("forget", help="slet kontaktoplysninger, der har passeret opbevaringsfristen (GDPR)")
    p.add_argument("--dir", metavar="MAPPE", help="arbejdsområdet")
    p.add_argument(
        "--date", type=_type(_date_text), metavar="ÅÅÅÅ-MM-DD", help="slet som på denne dato (standard: i dag)"
    )
    p.add_argument("--dry-run", action="store_true", help="vis kun, hvad der ville blive slettet")
    p.set_defaults(func=cmd_forget)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; every error ends as one Danish line on stderr and an exit code (see EXIT_*)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # usage errors and --help: argparse has printed its one Danish line
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    try:
        return args.func(args)
    except WorkspaceError as exc:
        for problem in exc.problems:
            print(_one_line(problem))
        print(
            f"Fejl: arbejdsområdet {exc.root} kan ikke indlæses – {len(exc.problems)} problem(er), se ovenfor; "
            "intet er ændret.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    except InputError as exc:
        print(f"Fejl: {_one_line(exc)}", file=sys.stderr)
        return EXIT_UNREADABLE
    except (SaveError, LockTimeoutError) as exc:
        print(f"Fejl: {_one_line(exc)}", file=sys.stderr)
        return EXIT_NOT_SAVED
    except ForumkitError as exc:
        print(f"Fejl: {_one_line(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        name = f" ({exc.filename})" if exc.filename else ""
        print(_one_line(f"Fejl: filen kunne ikke læses eller skrives{name}: {_reason(exc)}"), file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    except Exception as exc:
        from ..storage.errorlog import unexpected_message

        print(
            unexpected_message(exc, "forumkit " + " ".join(argv if argv is not None else sys.argv[1:])), file=sys.stderr
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
