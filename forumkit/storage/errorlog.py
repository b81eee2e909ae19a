"""Unexpected errors: the traceback goes to a private log file, the user gets one Danish line saying where.

The log lives in the user's cache folder (``$FORUMKIT_LOG_DIR``, else ``$XDG_CACHE_HOME/forumkit`` or
``~/.cache/forumkit``; the system's temp folder if that cannot be written), never in the workspace: a
traceback can quote a member's name or e-mail, and a workspace is often kept in git or on a shared drive.
Files are readable by the user only.
"""

from __future__ import annotations

import os
import platform
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

__all__ = ["log_folder", "unexpected_message", "write_error_log"]


def log_folder() -> Path:
    """Where error logs are written (see the module docstring)."""
    if os.environ.get("FORUMKIT_LOG_DIR"):
        return Path(os.environ["FORUMKIT_LOG_DIR"])
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "forumkit"


def write_error_log(exc: BaseException, context: str = "") -> Path | None:
    """Write the traceback of ``exc`` to a new private log file; None when no folder could be written."""
    stamp = datetime.now()
    text = (
        f"forumkit {_version()}, Python {platform.python_version()}, {platform.platform()}\n"
        f"{stamp.isoformat(timespec='seconds')} {context}\n\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    name = f"fejl-{stamp:%Y%m%d-%H%M%S}-{os.getpid()}.log"
    for folder in (log_folder(), Path(tempfile.gettempdir()) / f"forumkit-{_user()}"):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / name
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:  # a path may not be UTF-8
                handle.write(text)
            return path
        except (OSError, RuntimeError, ValueError):
            continue
    return None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("forumkit")
    except PackageNotFoundError:
        return "?"


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:  # Windows
        return os.environ.get("USERNAME", "bruger")


def unexpected_message(exc: BaseException, context: str = "") -> str:
    """One Danish line for an error forumkit did not expect; the details are logged, not shown."""
    path = write_error_log(exc, context)
    where = f"Detaljerne er skrevet i {path}" if path else "Detaljerne kunne ikke gemmes"
    line = f"Uventet fejl – handlingen blev ikke gennemført. {where}; send filen til den, der vedligeholder forumkit."
    return line.replace("\n", " ")
