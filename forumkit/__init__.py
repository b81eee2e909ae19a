"""forumkit: the secretariat's workbench for a municipal cooperation forum.

Public names are loaded on first use, so ``import forumkit`` stays light: pandas, matplotlib,
python-docx, python-pptx, ipywidgets and icalendar load only when a feature needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Charter": "charter",
    "DataProblem": "errors",
    "Finding": "findings",
    "ForumkitError": "errors",
    "InputError": "errors",
    "LockTimeoutError": "errors",
    "SaveError": "errors",
    "Store": "store",
    "TABLES": "tables",
    "Workspace": "workspace",
    "WorkspaceError": "errors",
    "add_staff": "roster",
    "appoint": "roster",
    "check_composition": "composition",
    "da_date": "dates",
    "elect_chair": "roster",
    "end_appointment": "roster",
    "example_path": "settings",
    "init_workspace": "settings",
    "load_charter": "charter",
    "load_workspace": "store",
    "open_workspace_path": "settings",
    "propose_year": "planning",
    "replace_member": "roster",
    "run_checks": "checks",
    "seat_history": "composition",
    "seat_slots": "roster",
    "set_role": "roster",
    "today": "settings",
    "workspace_path": "settings",
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
    "elect_chair",
    "end_appointment",
    "example_path",
    "init_workspace",
    "load_charter",
    "load_workspace",
    "open_workspace_path",
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
    from .charter import Charter, load_charter
    from .checks import run_checks
    from .composition import check_composition, seat_history
    from .dates import da_date
    from .errors import DataProblem, ForumkitError, InputError, LockTimeoutError, SaveError, WorkspaceError
    from .findings import Finding
    from .planning import propose_year
    from .roster import add_staff, appoint, elect_chair, end_appointment, replace_member, seat_slots, set_role
    from .settings import example_path, init_workspace, open_workspace_path, today, workspace_path
    from .store import Store, load_workspace
    from .tables import TABLES
    from .workspace import Workspace
