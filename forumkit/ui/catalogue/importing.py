"""The catalogue's import tab: a sheet's headings mapped to forumkit's columns, a preview, then the import."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

import ipywidgets as w

from ...edits.transfer import IGNORE, apply_import, load_mapping, preview_import, read_sheet, save_mapping
from ...model.errors import ForumkitError
from ...model.tables import TABLES
from ..common import button, html_table, show_html, show_text
from ..feedback import busy

__all__ = ["ImportTab"]


class ImportTab(w.VBox):
    title = "Import"

    def __init__(self, screen):
        self.screen = screen
        self.upload = w.FileUpload(accept=".xlsx,.csv", multiple=False, description="Vælg fil")
        self.mapping_box = w.VBox()
        self.mapping_widgets: dict[str, w.Dropdown] = {}
        self.preview_button = button("Forhåndsvis", "eye")
        self.import_out = w.Output()
        self.import_button = button("Importér", "upload", primary=True)
        self.import_path: Path | None = None
        self.current_preview = None
        self.upload.observe(lambda _c: self._on_upload(), names="value")
        self.preview_button.on_click(lambda _b: self.preview())
        self.import_button.on_click(self._on_import)
        super().__init__(
            [
                w.HTML(
                    "Importér et idékatalog fra Excel eller CSV. Du ser alle problemer, før noget "
                    "gemmes. Rækker med samme id opdaterer eksisterende initiativer."
                ),
                self.upload,
                self.mapping_box,
                self.preview_button,
                self.import_out,
                self.import_button,
            ]
        )

    def reload(self) -> None:
        """Nothing to redraw: a preview is made from the sheet the user picks."""

    def _on_upload(self) -> None:
        files = self.upload.value
        if not files:
            return
        item = files[0]
        show_text(self.import_out, f"Læser {item['name']} …")  # a big sheet takes a moment
        self.import_button.disabled = True
        suffix = Path(item["name"]).suffix.lower()
        folder = Path(tempfile.mkdtemp(prefix="forumkit-import-"))
        path = folder / f"ark{suffix}"
        path.write_bytes(bytes(item["content"]))
        self.load_sheet(path)

    def load_sheet(self, path: Path) -> None:
        """Show the mapping of a sheet's headings and its preview (also used by tests and the notebook)."""
        self.import_path = Path(path)
        try:
            _, headings, _ = read_sheet(self.import_path)
            mapping = load_mapping(self.screen.store.root)
        except ForumkitError as exc:
            show_text(self.import_out, f"Filen kan ikke læses: {exc}")
            self.import_button.disabled = True
            return
        ours = [("(ignorér)", IGNORE)] + [(h, h) for h in TABLES["initiatives"].headers]
        self.mapping_widgets = {}
        for heading in headings:
            if not heading:
                continue
            target = mapping.get(" ".join(heading.lower().split()))
            options = ours + ([("(vælg kolonne)", None)] if target is None else [])
            self.mapping_widgets[heading] = w.Dropdown(
                options=options, value=target, description=heading, style={"description_width": "200px"}
            )
            self.mapping_widgets[heading].observe(lambda _c: self.preview(), names="value")
        self.mapping_box.children = tuple(self.mapping_widgets.values())
        self.preview()

    def preview(self):
        if self.import_path is None:
            show_text(self.import_out, "Vælg først en fil.")
            return None
        chosen = {h: wd.value for h, wd in self.mapping_widgets.items() if wd.value is not None}
        try:
            self.current_preview = preview_import(self.screen.ws, self.import_path, chosen)
        except ForumkitError as exc:
            show_text(self.import_out, f"Filen kan ikke læses: {exc}")
            self.import_button.disabled = True
            return None
        p = self.current_preview
        rows = [
            (
                r.sheet_row,
                r.action,
                r.initiative.id,
                r.initiative.title,
                "; ".join(f"{k}: {old or '–'} → {new or '–'}" for k, (old, new) in r.changes.items()),
            )
            for r in p.rows
            if r.action != "uændret"
        ]
        problems = html_table(["Række", "Kolonne", "Problem"], [(x.line, x.column, x.message) for x in p.problems])
        show_html(
            self.import_out,
            f"<p><b>{escape(p.summary().splitlines()[0])}</b></p>"
            + "".join(f"<p>{escape(warning)}</p>" for warning in p.warnings)
            + (problems if p.problems else "")
            + html_table(["Række", "Handling", "Id", "Titel", "Ændringer"], rows),
        )
        self.import_button.disabled = not p.clean
        return p

    def _on_import(self, _b=None) -> None:
        with busy(self.import_button, "Importerer …", self.screen.message):
            p = self.preview()
            if p is None or not p.clean:
                show_text(self.screen.message, "Ikke importeret: ret problemerne først.")
                return
            path, mapping, today = self.import_path, p.mapping, self.screen.today
            done = self.screen._apply(
                lambda ws: apply_import(ws, preview_import(ws, path, mapping), today),
                f"import: {path.name}",
                f"Importeret: {p.summary().splitlines()[0]}.",
            )
            if done:
                save_mapping(self.screen.store.root, mapping)
        if done:
            self.import_button.disabled = True  # the same sheet twice would only say 'uændret'
