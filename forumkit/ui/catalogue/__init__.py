"""Screen 'Idékatalog': one tab per task – the list, editing (milestones included), the green 1–3 year list, the
explained roll-up, working groups and networks, dialogue inputs, an initiative's trace, and importing a sheet.
Widgets only; the rules live in forumkit's core."""

from __future__ import annotations

from datetime import date

import ipywidgets as w

from ...storage.store import Store
from ..common import Screen
from .editing import EditTab
from .green import GreenTab
from .groups import GroupsTab
from .importing import ImportTab
from .inputs import InputsTab
from .listing import ListTab
from .progress import ProgressTab
from .trace import TraceTab

__all__ = ["CatalogueScreen"]


class CatalogueScreen(Screen, w.VBox):
    """The forum's main job: the strategy's idea catalogue. Each tab is its own small widget class."""

    def __init__(self, store: Store, today: date):
        self.store, self.today = store, today
        self.message = w.Output()
        self.listing = ListTab(self)
        self.editing = EditTab(self)
        self.green = GreenTab(self)
        self.progress = ProgressTab(self)
        self.groups = GroupsTab(self)
        self.importing = ImportTab(self)
        self.inputs = InputsTab(self)
        self.trace = TraceTab(self)
        self.parts = (
            self.listing,
            self.editing,
            self.green,
            self.progress,
            self.groups,
            self.inputs,
            self.trace,
            self.importing,
        )
        self.tabs = w.Tab(list(self.parts))
        for i, part in enumerate(self.parts):
            self.tabs.set_title(i, part.title)
        super().__init__([self.tabs, self.message])
        self.reload()

    def reload(self) -> None:
        if not self.load_into(self.listing.table_out):
            return
        for part in self.parts:
            part.reload()
