"""forumkit: the secretariat's workbench for a municipal cooperation forum.

Public names are loaded on first use, so ``import forumkit`` stays light: pandas, matplotlib,
python-docx, python-pptx, ipywidgets and icalendar load only when a feature needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Charter": "model.charter",
    "DataProblem": "model.errors",
    "Finding": "model.findings",
    "ForumkitError": "model.errors",
    "InputError": "model.errors",
    "LockTimeoutError": "model.errors",
    "SaveError": "model.errors",
    "Store": "storage.store",
    "TABLES": "model.tables",
    "Workspace": "model.workspace",
    "WorkspaceError": "model.errors",
    "add_staff": "edits.roster",
    "appoint": "edits.roster",
    "check_composition": "rules.composition",
    "da_date": "model.danish",
    "da_kroner": "model.danish",
    "da_number": "model.danish",
    "da_percent": "model.danish",
    "elect_chair": "edits.roster",
    "end_appointment": "edits.roster",
    "example_path": "storage.settings",
    "init_workspace": "storage.settings",
    "load_charter": "model.charter",
    "load_workspace": "storage.store",
    "open_workspace_path": "storage.settings",
    "parse_number": "model.danish",
    "propose_year": "rules.planning",
    "replace_member": "edits.roster",
    "run_checks": "rules.checks",
    "seat_history": "rules.composition",
    "seat_slots": "edits.roster",
    "set_role": "edits.roster",
    "today": "storage.settings",
    "workspace_path": "storage.settings",
}

__all__ = [
    "Charter",
    "DataProblem",
    "Finding",
    "ForumkitError",
    "InputError",
    "LockTimeoutError",
    "SaveError",
    "Store",
    "TABLES",
    "Workspace",
    "WorkspaceError",
    "add_staff",
    "appoint",
    "check_composition",
    "da_date",
    "da_kroner",
    "da_number",
    "da_percent",
    "elect_chair",
    "end_appointment",
    "example_path",
    "init_workspace",
    "load_charter",
    "load_workspace",
    "open_workspace_path",
    "parse_number",
    "propose_year",
    "replace_member",
    "run_checks",
    "seat_history",
    "seat_slots",
    "set_role",
    "today",
    "workspace_path",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'forumkit' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


if TYPE_CHECKING:  # pragma: no cover
    from .edits.roster import (
        add_staff,
        appoint,
        elect_chair,
        end_appointment,
        replace_member,
        seat_slots,
        set_role,
    )
    from .model.charter import Charter, load_charter
    from .model.danish import da_date, da_kroner, da_number, da_percent, parse_number
    from .model.errors import (
        DataProblem,
        ForumkitError,
        InputError,
        LockTimeoutError,
        SaveError,
        WorkspaceError,
    )
    from .model.findings import Finding
    from .model.tables import TABLES
    from .model.workspace import Workspace
    from .rules.checks import run_checks
    from .rules.composition import check_composition, seat_history
    from .rules.planning import propose_year
    from .storage.settings import (
        example_path,
        init_workspace,
        open_workspace_path,
        today,
        workspace_path,
    )
    from .storage.store import Store, load_workspace
