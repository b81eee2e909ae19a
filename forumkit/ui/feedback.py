"""Feedback on slow work: while an action runs, its button is disabled, spins and says what it is doing."""

from __future__ import annotations

from contextlib import contextmanager

__all__ = ["busy", "keep_choice"]


@contextmanager
def busy(button, message: str, out=None):
    """Run the body of the ``with`` as slow work started by ``button``.

    The button is disabled (a second click cannot start it twice), shows a spinning icon and ``message``
    (e.g. "Gemmer årsstatus …"), and ``message`` also stands in ``out`` (an Output) when given. Widget changes
    reach the browser at once, also while the kernel works. Afterwards the button is as before, also after
    an error; the caller then writes the result in ``out``. A button that should stay disabled after the
    work is disabled after the ``with``."""
    from .common import show_text

    saved = (button.description, button.icon, button.disabled, button.tooltip)
    button.disabled = True
    button.icon = "spinner spin"
    button.description = message
    button.tooltip = message
    if out is not None:
        show_text(out, message)
    try:
        yield button
    finally:
        button.description, button.icon, button.disabled, button.tooltip = saved


def keep_choice(widget, options, keep: bool = True) -> None:
    """Give a selector (Dropdown, SelectMultiple …) new ``options`` and keep what the user chose when it is still
    offered: ipywidgets itself jumps to the first option (or to none) whenever the options change, which would
    silently point the next action at something else. ``keep=False`` starts on the first option."""
    chosen = widget.value
    if list(widget.options) != list(options):
        widget.options = options
    if not keep:
        return
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    from ipywidgets import SelectMultiple

    if isinstance(widget, SelectMultiple):
        still = tuple(v for v in chosen if v in values)  # a multiple choice keeps what is still there
        if widget.value != still:
            widget.value = still
    elif chosen in values and widget.value != chosen:
        widget.value = chosen
