"""Shared pieces of the widget screens: escaped HTML, writing to an Output, the workspace from the environment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

__all__ = [
    "SEVERITY_STYLE",
    "Screen",
    "button",
    "card",
    "findings_html",
    "html_table",
    "output_text",
    "show_html",
    "show_text",
    "store_from_env",
]

SEVERITY_STYLE = {"fejl": "#b2182b", "advarsel": "#b35806", "info": "#2166ac"}
_CSS = ("<style>.fk-table{border-collapse:collapse;font-size:13px;margin:4px 0}"
        ".fk-table th{background:#eef1f5;text-align:left !important;padding:4px 8px;border-bottom:1px solid #ccd}"
        ".fk-table td{text-align:left !important;padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top}"
        ".fk-card{border:1px solid #ccd;border-radius:6px;padding:8px 12px;margin:4px 0;background:#fafbfc}"
        ".fk-badge{display:inline-block;padding:1px 6px;border-radius:8px;color:#fff;font-size:11px}</style>")


def button(description: str, icon: str = "", primary: bool = False, **kwargs):
    """A button as wide as its Danish label (the ipywidgets default cuts long labels off)."""
    import ipywidgets as w

    kwargs.setdefault("layout", w.Layout(width="auto", min_width="150px"))
    return w.Button(description=description, icon=icon, button_style="primary" if primary else "", **kwargs)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A small HTML table; every cell is escaped, so typed text never becomes markup."""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape('' if c is None else str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"{_CSS}<table class='fk-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def card(title: str, lines: Iterable[str]) -> str:
    items = "".join(f"<div>{escape(line)}</div>" for line in lines)
    return f"{_CSS}<div class='fk-card'><b>{escape(title)}</b>{items}</div>"


def findings_html(findings) -> str:
    if not findings:
        return card("Kontrol", ["Ingen fund – forummet opfylder kommissoriet."])
    rows = []
    for f in findings:
        colour = SEVERITY_STYLE.get(f.severity, "#555")
        rows.append(f"<tr><td><span class='fk-badge' style='background:{colour}'>{escape(f.severity)}</span></td>"
                    f"<td>{escape(f.message)}</td><td><code>{escape(f.code)}</code></td></tr>")
    return (f"{_CSS}<table class='fk-table'><thead><tr><th>Alvor</th><th>Fund</th><th>Kode</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def show_html(out, html: str) -> None:
    """Replace an Output's content with HTML (no `with out:`, which leaks under nbval)."""
    from IPython.display import HTML

    out.outputs = ()
    out.append_display_data(HTML(html))


def show_text(out, text: str) -> None:
    out.outputs = ()
    out.append_stdout(text if text.endswith("\n") else text + "\n")


def output_text(out) -> str:
    """The visible text of an Output: its stdout plus its HTML with the tags taken out."""
    import re
    from html import unescape

    parts = []
    for o in out.outputs:
        if o.get("output_type") == "stream":
            parts.append(o.get("text", ""))
        html = o.get("data", {}).get("text/html", "")
        parts.append(unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)))
    return re.sub(r"[ \t]+", " ", " ".join(parts)).strip()


class Screen:
    """What every screen shares: opening on FORUMKIT_WORKSPACE, loading with a Danish explanation when the
    workspace is broken, and saving a change through the store. A screen defines ``reload()``."""

    message = None  # an ipywidgets Output, set by the screen

    @classmethod
    def from_env(cls):
        store, today = store_from_env()
        return cls(store, today)

    def load_into(self, out) -> bool:
        """Load the workspace as ``self.ws``; on failure show every problem in ``out`` and return False."""
        from ..model.errors import WorkspaceError

        try:
            self.ws = self.store.load()
        except WorkspaceError as exc:
            show_html(out, card("Arbejdsområdet kan ikke indlæses", [str(p) for p in exc.problems]))
            return False
        return True

    def _apply(self, change, what: str, done: str) -> bool:
        """Save ``change`` (a pure edit); show the Danish refusal, or redraw and say what was saved."""
        from ..model.errors import ForumkitError

        try:
            self.store.update(change, what=what)
        except ForumkitError as exc:
            show_text(self.message, f"Ikke gemt: {exc}")
            return False
        self.reload()
        show_text(self.message, done)
        return True


def store_from_env():
    """The Store of FORUMKIT_WORKSPACE (copied from the example on first run) and today's date."""
    from ..storage.settings import open_workspace_path, today
    from ..storage.store import Store

    return Store(open_workspace_path()), today()
