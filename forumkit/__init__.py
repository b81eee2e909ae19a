"""forumkit: the secretariat's workbench for a municipal cooperation forum.

The public face is the one mapping below: each public name and the module it comes from. Names load on
first use, so ``import forumkit`` stays light: pandas, matplotlib, python-docx, python-pptx, ipywidgets
and icalendar load only when a feature needs them. A name that is the last part of its module's path is
the module itself (``forumkit.views``, ``forumkit.frames``, ``forumkit.rollup``).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Public name -> module under forumkit (sorted; tests/test_packaging.py keeps it complete for the notebooks).
_EXPORTS: dict[str, str] = {
    "ActionState": "model.vocab",
    "AgendaKind": "model.vocab",
    "CatalogueScreen": "ui.catalogue",
    "Charter": "model.charter",
    "CharterScreen": "ui.charter",
    "Colour": "model.vocab",
    "DataProblem": "model.errors",
    "Finding": "model.findings",
    "ForumkitError": "model.errors",
    "Horizon": "model.vocab",
    "InputError": "model.errors",
    "LockTimeoutError": "model.errors",
    "MeetingKind": "model.vocab",
    "MeetingScreen": "ui.meetings",
    "MeetingState": "model.vocab",
    "OverviewScreen": "ui.overview",
    "Presence": "model.vocab",
    "Role": "model.vocab",
    "SaveError": "model.errors",
    "SetupScreen": "ui.setup",
    "Severity": "model.vocab",
    "Status": "model.vocab",
    "StatusScreen": "ui.status",
    "Store": "storage.store",
    "TABLES": "model.tables",
    "Workspace": "model.workspace",
    "WorkspaceError": "model.errors",
    "add_staff": "edits.roster",
    "apply_house_style": "documents.style",
    "appoint": "edits.roster",
    "attendance_over_time": "rules.analysis",
    "attendance_with_people": "model.frames",
    "budget_by_year": "rules.analysis",
    "check_composition": "rules.composition",
    "da_date": "model.danish",
    "da_kroner": "model.danish",
    "da_number": "model.danish",
    "da_percent": "model.danish",
    "danish_headings": "model.frames",
    "elect_chair": "edits.roster",
    "end_appointment": "edits.roster",
    "example_path": "storage.settings",
    "findings_table": "model.findings",
    "frames": "model.frames",
    "init_workspace": "storage.settings",
    "initiatives_with_pillars": "model.frames",
    "load_charter": "model.charter",
    "load_workspace": "storage.store",
    "open_workspace_path": "storage.settings",
    "parse_number": "model.danish",
    "propose_year": "rules.planning",
    "read_changes": "storage.store",
    "replace_member": "edits.roster",
    "rollup": "rules.rollup",
    "run_checks": "rules.checks",
    "save_figure": "documents.style",
    "seat_history": "rules.composition",
    "seat_slots": "edits.roster",
    "seat_timeline": "documents.seat_chart",
    "set_role": "edits.roster",
    "status_by_pillar": "rules.analysis",
    "today": "storage.settings",
    "views": "ui.views",
    "workspace_path": "storage.settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    path = _EXPORTS.get(name)
    if path is None:
        raise AttributeError(f"module 'forumkit' has no attribute {name!r}")
    module = import_module(f".{path}", __name__)
    value = module if path.rsplit(".", 1)[-1] == name else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
