"""What the catalogue's tabs share: the form layout and keeping a dropdown's choice across reloads."""

from __future__ import annotations

import ipywidgets as w

__all__ = ["ALL", "STYLE", "set_options", "wide"]

STYLE = {"description_width": "130px"}
ALL = ""  # the "Alle" choice of a filter


def wide() -> w.Layout:
    """A fresh layout per widget: a shared Layout would hide every widget when one is hidden."""
    return w.Layout(width="520px")


def set_options(widget, options) -> None:
    """Give a dropdown new options and keep the user's choice when it is still among them."""
    value = widget.value
    if list(widget.options) != list(options):
        widget.options = options
    values = [o[1] for o in options]
    if value in values:
        widget.value = value
    elif values:
        widget.value = values[0]
