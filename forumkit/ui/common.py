"""Shared pieces of the widget screens: escaped HTML, writing to an Output, the workspace from the environment."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from html import escape

from ..model.cells import FIRST_DAY, LAST_DAY
from ..model.vocab import Severity

__all__ = [
    "DAY_RANGE",
    "SEVERITY_STYLE",
    "Screen",
    "button",
    "card",
    "findings_html",
    "html_table",
    "markdown_html",
    "output_text",
    "show_html",
    "show_markdown",
    "show_text",
    "store_from_env",
]

# Every date picker offers the one date range the files accept (ipywidgets keeps a value inside it).
DAY_RANGE = {"min": FIRST_DAY, "max": LAST_DAY}

SEVERITY_STYLE = {Severity.ERROR: "#b2182b", Severity.WARNING: "#b35806", Severity.INFO: "#2166ac"}
_CSS = (
    "<style>.fk-table{border-collapse:collapse;font-size:13px;margin:4px 0}"
    ".fk-table th{background:#eef1f5;text-align:left !important;padding:4px 8px;border-bottom:1px solid #ccd}"
    ".fk-table td{text-align:left !important;padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top}"
    ".fk-card{border:1px solid #ccd;border-radius:6px;padding:8px 12px;margin:4px 0;background:#fafbfc}"
    ".fk-badge{display:inline-block;padding:1px 6px;border-radius:8px;color:#fff;font-size:11px}</style>"
)


def button(description: str, icon: str = "", primary: bool = False, **kwargs):
    """A button as wide as its Danish label (the ipywidgets default cuts long labels off)."""
    import ipywidgets as w

    kwargs.setdefault("layout", w.Layout(width="auto", min_width="150px"))
    return w.Button(description=description, icon=icon, button_style="primary" if primary else "", **kwargs)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A small HTML table; every cell is escaped, so typed text never becomes markup."""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if c is None else str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
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
        rows.append(
            f"<tr><td><span class='fk-badge' style='background:{colour}'>{escape(f.severity)}</span></td>"
            f"<td>{escape(f.message)}</td><td><code>{escape(f.code)}</code></td></tr>"
        )
    return (
        f"{_CSS}<table class='fk-table'><thead><tr><th>Alvor</th><th>Fund</th><th>Kode</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def show_html(out, html: str) -> None:
    """Replace an Output's content with HTML (no `with out:`, which leaks under nbval)."""
    from IPython.display import HTML

    out.outputs = ()
    out.append_display_data(HTML(html))


def markdown_html(text: str) -> str:
    """Markdown (minutes, e-mail drafts) as HTML for a reader; typed text is escaped, never markup."""
    import mistune  # nbconvert's Markdown renderer, installed with Voilà

    return f"<div class='fk-doc'>{mistune.create_markdown(escape=True)(text)}</div>"


def show_markdown(out, text: str) -> None:
    show_html(out, markdown_html(text))


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
    workspace is broken, and saving a change through the store. A screen defines ``reload()``.

    Every callback a screen registers (button clicks, observers) is guarded once its ``__init__`` is done: an
    error shows one Danish line in the screen's ``message`` Output instead of a traceback, and an unexpected
    one is logged privately (forumkit.storage.errorlog). Widgets a callback makes are guarded after it."""

    message = None  # an ipywidgets Output, set by the screen

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def guarded_init(self, *args, **kw):
            init(self, *args, **kw)
            self.guard_callbacks()

        cls.__init__ = guarded_init

    def _widgets(self):
        """Every widget of the screen: its tree, plus widgets held in attributes but not shown yet."""
        from collections import deque

        from ipywidgets import Widget

        todo: deque = deque([self])  # breadth first: the order the user sees them
        for value in vars(self).values():
            if isinstance(value, Widget):
                todo.append(value)
            elif isinstance(value, dict | list | tuple):
                todo.extend(v for v in (value.values() if isinstance(value, dict) else value) if isinstance(v, Widget))
        seen: set[int] = set()
        while todo:
            widget = todo.popleft()
            if id(widget) in seen:
                continue
            seen.add(id(widget))
            yield widget
            todo.extend(c for c in getattr(widget, "children", ()) or () if isinstance(c, Widget))

    def guard_callbacks(self) -> None:
        """Wrap every not yet guarded callback of the screen's widgets (the widgets' own handlers are left)."""
        from traitlets import EventHandler

        for widget in self._widgets():
            clicks = getattr(widget, "_click_handlers", None)
            if clicks is not None:
                clicks.callbacks = [self._guarded(cb) for cb in clicks.callbacks]
            for by_type in getattr(widget, "_trait_notifiers", {}).values():
                for kind, handlers in by_type.items():
                    by_type[kind] = [
                        h if isinstance(h, EventHandler) or getattr(h, "__self__", None) is widget else self._guarded(h)
                        for h in handlers
                    ]

    def _guarded(self, callback):
        if getattr(callback, "_forumkit_guarded", False):
            return callback

        def call(*args, **kwargs):
            try:
                if "ws" not in self.__dict__ and not self._reopened():
                    return None
                return callback(*args, **kwargs)
            except Exception as exc:
                self.show_error(exc, getattr(callback, "__qualname__", repr(callback)))
            finally:
                self.guard_callbacks()

        call._forumkit_guarded = True
        call.__wrapped__ = callback
        return call

    def _reopened(self) -> bool:
        """Before an action on a screen whose workspace did not load: try again (it may be mended by now) and
        redraw; if it still does not load, its problems stay shown and the action is not done."""
        self.reload()
        if "ws" in self.__dict__:
            return True
        out = self.message_output()
        if out is not None:
            show_text(out, "Arbejdsområdet kan ikke indlæses – ret problemerne, der er vist ovenfor, og prøv igen.")
        return False

    def message_output(self):
        """The Output where the screen talks to the user: ``message``, else its first Output."""
        from ipywidgets import Output

        if self.message is not None:
            return self.message
        return next((w for w in self._widgets() if isinstance(w, Output)), None)

    def show_error(self, exc: BaseException, where: str = "") -> None:
        """One Danish line in the screen: a refusal as it is; anything unexpected logged, with where it is."""
        from ..model.errors import ForumkitError, WorkspaceError
        from ..storage.errorlog import unexpected_message

        if isinstance(exc, WorkspaceError):
            text = f"Arbejdsområdet kan ikke indlæses ({len(exc.problems)} problem(er)): " + "; ".join(
                map(str, exc.problems[:5])
            )
        elif isinstance(exc, ForumkitError):
            text = f"Fejl: {exc}"
        else:
            text = unexpected_message(exc, f"{type(self).__name__}: {where}")
        out = self.message_output()
        if out is not None:
            show_text(out, text)

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
