"""Where forumkit may write: the one guard for every output (documents, exports, the annual status bundle).

The rules (docs/reliability.md, "Nothing lost"):

* Never into the workspace (the folder, a file in it, a folder inside it), except its export folder
  ``eksport/``, which the screens use. A bundle folder may not contain the workspace either.
* Never over a file forumkit did not make. Each output folder holds a ledger, ``.forumkit-filer.json``,
  naming every file forumkit wrote there and the sha256 of its bytes. A file may be replaced only if the
  ledger names it and it still has those bytes; a file the user made, or changed since, is refused.
* A bundle folder (the annual status) is replaced only when it is empty or holds exactly an earlier
  bundle: a ``manifest.json`` that forumkit wrote, naming every file in the folder with its sha256.
* Existing folders are kept as they are (same folder, same permissions); new ones get the usual mode.
* Every refusal is found before anything is written and said in one Danish line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..model.errors import InputError
from .atomic import write_atomic

__all__ = [
    "EXPORT_DIR",
    "LEDGER",
    "MAKER",
    "MANIFEST",
    "OutputError",
    "abandon_bundle",
    "bundle_folder",
    "finish_bundle",
    "made_here",
    "output_folder",
    "rehashed_ledger",
    "start_bundle",
    "write_outputs",
]

EXPORT_DIR = "eksport"
LEDGER = ".forumkit-filer.json"
MANIFEST = "manifest.json"
MAKER = "forumkit"
_NEW, _OLD = ".forumkit-ny-", ".forumkit-gammel-"  # hidden folders a bundle is built and swapped in
_OWN_TEMP = (_NEW, _OLD)
_JUNK = {".DS_Store", "Thumbs.db", "desktop.ini"}  # made by the operating system, never by a person
_move = os.replace  # one rename; tests fail it part-way through a bundle's move


class OutputError(InputError):
    """forumkit will not write there; nothing has been written."""

    def __init__(self, target: Path | str, message: str):
        super().__init__("--out", str(target), message)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _resolve(path: Path | str) -> Path:
    """The absolute, symlink-free path; a symlink loop or an unusable name is refused in Danish."""
    try:
        return Path(os.path.abspath(Path(path).expanduser())).resolve()
    except (OSError, RuntimeError, ValueError):
        raise OutputError(path, f"stien '{path}' kan ikke følges (en genvej, der peger på sig selv?)") from None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


# --- the workspace -------------------------------------------------------------------------------


def _check_workspace(target: Path, workspace: Path | None, *, whole_folder: bool) -> None:
    """Refuse ``target`` (resolved) in the workspace, outside its export folder; a bundle also around it."""
    if workspace is None:
        return
    root = _resolve(workspace)
    if _inside(target, root):
        area = _resolve(root / EXPORT_DIR)
        if not (root in area.parents and _inside(target, area)):
            raise OutputError(
                target,
                f"{target} ligger i arbejdsområdet {root} – forumkit skriver aldrig der; "
                f"vælg en mappe uden for arbejdsområdet (eller {root / EXPORT_DIR})",
            )
    elif whole_folder and target in root.parents:
        raise OutputError(target, f"mappen {target} indeholder arbejdsområdet {root} – vælg en tom eller ny mappe")


# --- folders -------------------------------------------------------------------------------------


def _check_place(folder: Path) -> None:
    """Refuse a folder that is a file, the root of a drive, or cannot be made or written."""
    if folder.parent == folder:
        raise OutputError(folder, f"{folder} er roden af filsystemet – vælg en tom eller ny mappe")
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, f"{folder} findes og er en fil, ikke en mappe – vælg en anden mappe")
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(
            folder, f"{existing} er en fil, ikke en mappe – {folder} kan ikke oprettes; vælg en anden mappe"
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(folder, f"der kan ikke skrives i {existing} – vælg en anden mappe")


def _make(folder: Path) -> bool:
    """Make ``folder`` (and its parents) with the usual mode; True if it was made now."""
    if folder.is_dir():
        return False
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise OutputError(
            folder, f"mappen {folder} kan ikke oprettes ({exc.strerror or exc}) – vælg en anden mappe"
        ) from None
    return True


def output_folder(folder: Path | str, workspace: Path | None, *, create: bool = True) -> Path:
    """The resolved folder single output files go to, vetted (and made, unless ``create`` is False)."""
    folder = _resolve(folder)
    _check_workspace(folder, workspace, whole_folder=False)
    _check_place(folder)
    if create:
        _make(folder)
    return folder


# --- single files: the ledger --------------------------------------------------------------------


def _read_ledger(folder: Path) -> dict[str, list[str]]:
    path = folder / LEDGER
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["filer"] if data.get("lavet_af") == MAKER else None
        if isinstance(files, dict):
            return {str(k): [str(h) for h in (v if isinstance(v, list) else [v])] for k, v in files.items()}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        pass
    raise OutputError(
        path, f"{path} er ikke forumkits fortegnelse over egne filer – flyt den, eller vælg en anden mappe"
    )


def _ledger_bytes(files: Mapping[str, list[str]]) -> bytes:
    data = {
        "lavet_af": MAKER,
        "om": "Filer, forumkit har lavet i denne mappe (sha256). Slet ikke denne fil.",
        "filer": dict(sorted(files.items())),
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_ledger(folder: Path, files: Mapping[str, list[str]]) -> None:
    write_atomic(folder / LEDGER, _ledger_bytes(files))


def rehashed_ledger(folder: Path, changed: Mapping[str, tuple[bytes, bytes]]) -> bytes | None:
    """The ledger of ``folder`` after forumkit itself rewrote some of its files there (name → (old bytes,
    new bytes), e.g. the GDPR purge): a file the ledger named with its old bytes is named with its new ones,
    so forumkit still knows it as its own. None if nothing in the ledger changes (or there is none of ours)."""
    try:
        files = _read_ledger(folder)
    except OutputError:
        return None
    new = {k: list(v) for k, v in files.items()}
    for name, (old, data) in changed.items():
        if _sha(old) in new.get(name, []):
            new[name] = [_sha(data)]
    return _ledger_bytes(new) if new != files else None


def made_here(path: Path, data: bytes) -> bool:
    """Whether forumkit made the file at ``path`` and it still holds what forumkit wrote (``data``): its
    folder's ledger names it with these bytes' hash. A file the user made or changed since is not."""
    try:
        return _sha(data) in _read_ledger(path.parent).get(path.name, [])
    except OutputError:
        return False


def _check_file(path: Path, ledger: Mapping[str, list[str]]) -> None:
    if path.is_dir() and not path.is_symlink():
        raise OutputError(path, f"{path} er en mappe – skriv et filnavn, fx {path / 'tabel.xlsx'}")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise OutputError(
            path, f"{path} findes og er ikke en fil, forumkit har lavet – flyt den, eller vælg en anden mappe"
        )
    if not path.exists():
        return
    if path.name not in ledger:
        raise OutputError(
            path,
            f"{path} findes allerede og er ikke lavet af forumkit – flyt eller omdøb den, eller vælg en anden mappe",
        )
    if _sha(path.read_bytes()) not in ledger[path.name]:
        raise OutputError(
            path,
            f"{path} er ændret, siden forumkit lavede den – omdøb den for at beholde "
            "ændringerne (eller slet den), og prøv igen",
        )


def write_outputs(folder: Path | str, files: Mapping[str, bytes], workspace: Path | None) -> list[Path]:
    """Write ``files`` (name → bytes) into ``folder``, each atomically, after vetting all of them.

    The ledger learns each new file's hash before the file is written (keeping the old hash until the
    file is), so a crash between the two leaves a file forumkit still recognises as its own.
    """
    folder = output_folder(folder, workspace)
    targets = {}
    for name, data in files.items():
        target = folder / name
        if not name:
            raise OutputError(folder, f"{folder} er en mappe – skriv et filnavn, fx {folder / 'tabel.xlsx'}")
        if target.parent != folder or name in (".", "..", LEDGER):
            raise OutputError(target, f"filnavnet '{name}' kan ikke bruges – vælg et andet")
        try:
            name.encode("utf-8")  # the ledger names it in JSON: bytes that are no text cannot be listed
        except UnicodeEncodeError:
            raise OutputError(
                target,
                f"filnavnet {name.encode('utf-8', 'backslashreplace').decode('ascii', 'replace')}"
                " har tegn, der ikke er gyldig tekst (UTF-8) – vælg et andet navn",
            ) from None
        _check_workspace(target, workspace, whole_folder=False)
        targets[target] = data
    ledger = _read_ledger(folder)
    for target in targets:
        _check_file(target, ledger)
    before = {k: list(v) for k, v in ledger.items()}
    pending = {k: list(v) for k, v in ledger.items() if (folder / k).is_file()}
    for target, data in targets.items():
        pending[target.name] = sorted(set(pending.get(target.name, [])) | {_sha(data)})
    if pending != before:
        _write_ledger(folder, pending)
    for target, data in targets.items():
        write_atomic(target, data)
    final = {**pending, **{t.name: [_sha(d)] for t, d in targets.items()}}
    if final != pending:
        _write_ledger(folder, final)
    return list(targets)


# --- bundle folders ------------------------------------------------------------------------------


def _bundle_problem(folder: Path) -> str | None:
    """Why ``folder`` is neither empty nor an earlier forumkit bundle (None if it may be replaced)."""
    found: dict[str, Path] = {}
    foreign: list[str] = []
    folders: list[str] = []  # every sub-folder: one no bundle file lies in is the user's (even if empty)

    def unreadable(exc: OSError) -> None:  # a folder that cannot be listed may hold anything: not forumkit's
        foreign.append(str(Path(exc.filename or folder).relative_to(folder)) if exc.filename else str(folder))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        here = Path(dirpath)
        if here == folder:
            dirnames[:] = [d for d in dirnames if not d.startswith(_OWN_TEMP)]
        for name in dirnames:
            if (here / name).is_symlink():
                foreign.append(str((here / name).relative_to(folder)))
            else:
                folders.append((here / name).relative_to(folder).as_posix())
        for name in filenames:
            path = here / name
            rel = path.relative_to(folder).as_posix()
            if name in _JUNK:
                continue
            if path.is_symlink() or not path.is_file():
                foreign.append(rel)
            else:
                found[rel] = path
    if not found and not foreign and not folders:
        return None
    files = _manifest_files(folder) if MANIFEST in found else None
    if files is None:
        shown = ", ".join(sorted(found)[:3] + foreign[:3] + [f + "/" for f in folders[:3]])
        return (
            f"mappen {folder} er ikke tom og er ikke en årsstatus, forumkit har lavet ({shown}) – "
            "vælg en tom eller ny mappe"
        )
    foreign += [rel for rel in found if rel != MANIFEST and rel not in files]
    bundle_folders = {p.as_posix() for rel in files for p in Path(rel).parents if p != Path(".")}
    foreign += [f + "/" for f in folders if f not in bundle_folders]
    if foreign:
        return (
            f"mappen {folder} indeholder filer, der ikke hører til forumkits årsstatus "
            f"({', '.join(sorted(foreign)[:3])}) – flyt dem, eller vælg en tom eller ny mappe"
        )
    changed = sorted(rel for rel, path in found.items() if rel != MANIFEST and _sha(path.read_bytes()) != files[rel])
    if changed:
        return (
            f"{', '.join(changed[:3])} i {folder} er ændret, siden forumkit lavede den – flyt den for at "
            "beholde ændringerne, eller vælg en tom eller ny mappe"
        )
    return None


def _manifest_files(folder: Path) -> dict[str, str] | None:
    """The files an earlier bundle's manifest names (path → sha256), or None if forumkit did not write it."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("filer"), dict):
        return None
    if data.get("lavet_af") != MAKER and "datagrundlag" not in data:  # earlier bundles had no "lavet_af"
        return None
    return {str(k).replace("\\", "/"): str(v) for k, v in data["filer"].items()}  # Windows wrote "grafer\\x"


def bundle_folder(folder: Path | str, workspace: Path | None) -> Path:
    """Vet, before any work, a folder a bundle will fill; writes nothing."""
    folder = _resolve(folder)
    _check_workspace(folder, workspace, whole_folder=True)
    _check_place(folder)
    if folder.is_dir():
        problem = _bundle_problem(folder)
        if problem:
            raise OutputError(folder, problem)
    return folder


def start_bundle(folder: Path, workspace: Path | None) -> tuple[Path, bool]:
    """(a hidden staging folder inside ``folder``, whether ``folder`` was made now) to build a bundle in."""
    folder = bundle_folder(folder, workspace)
    made = _make(folder)
    try:
        return Path(tempfile.mkdtemp(prefix=_NEW, dir=folder)), made
    except OSError as exc:
        if made:
            _remove_if_empty(folder)
        raise OutputError(
            folder, f"der kan ikke skrives i {folder} ({exc.strerror or exc}) – vælg en anden mappe"
        ) from None


def abandon_bundle(staging: Path, made: bool) -> None:
    """Remove a staging folder after a failure (and the bundle folder, if it was made for it and is empty)."""
    shutil.rmtree(staging, ignore_errors=True)
    if made:
        _remove_if_empty(staging.parent)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


def finish_bundle(staging: Path, workspace: Path | None) -> None:
    """Move the finished bundle from ``staging`` into its folder, replacing an earlier bundle there.

    The folder itself stays (same folder, same permissions). The earlier bundle is checked once more,
    moved aside into a hidden folder (its manifest last), the new files are moved in (the manifest first),
    and only then is the old bundle removed: a crash at any point leaves a folder forumkit recognises.
    """
    folder = staging.parent
    bundle_folder(folder, workspace)
    old = Path(tempfile.mkdtemp(prefix=_OLD, dir=folder))
    moved_old: list[str] = []
    moved_new: list[str] = []
    try:
        for entry in sorted(folder.iterdir(), key=lambda p: (p.name == MANIFEST, p.name)):  # manifest last
            if not entry.name.startswith(_OWN_TEMP) and entry.name not in _JUNK:
                _move(entry, old / entry.name)
                moved_old.append(entry.name)
        for entry in sorted(staging.iterdir(), key=lambda p: (p.name != MANIFEST, p.name)):
            _move(entry, folder / entry.name)
            moved_new.append(entry.name)
    except BaseException:
        for name in reversed(moved_new):
            _move(folder / name, staging / name)
        for name in reversed(moved_old):
            _move(old / name, folder / name)
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    for leftover in folder.iterdir():  # staging and old folders a killed earlier run left behind
        if leftover.name.startswith(_OWN_TEMP) and leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
