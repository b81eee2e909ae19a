"""The edges a person starts: the `forumkit` command and the JupyterLab/Voila launcher."""

from .commands import main

__all__ = ["main"]
