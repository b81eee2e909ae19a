"""Errors that carry structure: every message a user sees is Danish, every field is inspectable."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path

from .vocab import field_words

__all__ = [
    "DataProblem",
    "ForumkitError",
    "InputError",
    "InstallationError",
    "LockTimeoutError",
    "SaveError",
    "WorkspaceError",
]


class ForumkitError(Exception):
    """Base of every error forumkit raises on purpose."""


@dataclass(frozen=True, order=True)
class DataProblem:
    """One problem in one data file: where it is, what the value was, and what is wrong (Danish)."""

    file: str
    line: int
    column: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class WorkspaceError(ForumkitError):
    """A workspace could not be loaded; ``problems`` holds every problem found in one pass."""

    def __init__(self, root: Path | str, problems: list[DataProblem]):
        self.root = Path(root)
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        head = f"Arbejdsområdet {self.root} kan ikke indlæses ({len(self.problems)} problem(er)):"
        return "\n".join([head, *map(str, self.problems)])


class InstallationError(ForumkitError):
    """Something forumkit ships with (the example, the notebooks, a template) is missing from the installation."""

    def __init__(self, what: str):
        self.what = what
        super().__init__(f"{what} findes ikke i installationen – installér forumkit igen (pip install -e .)")


class InputError(ForumkitError):
    """A value typed by a user was refused before anything was written."""

    def __init__(self, field: str, value: object, message: str):
        self.field = field
        self.value = value
        self.message = message
        super().__init__(f"{field_words(field)}: {message}")  # the field in words: people read this


class LockTimeoutError(ForumkitError):
    """Another process held the workspace lock for too long."""

    def __init__(self, holder: str, message: str):
        self.holder = holder
        super().__init__(message)


_OS_REASONS = {  # the operating system's reasons a save fails, in Danish (its own text is English)
    errno.ENOSPC: "disken er fuld",
    getattr(errno, "EDQUOT", -1): "der er ikke mere plads til dig på drevet",
    errno.EACCES: "ingen adgang (er filen åben i et andet program?)",
    errno.EPERM: "ingen tilladelse",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.EIO: "drevet svarer ikke (fejl ved skrivning)",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.EISDIR: "der ligger en mappe med filens navn – flyt eller omdøb mappen",
    errno.ENOTDIR: "en del af stien er en fil, ikke en mappe",
}


def _reason(cause: BaseException) -> str:
    code = getattr(cause, "errno", None)
    if code in _OS_REASONS:
        return _OS_REASONS[code]
    return str(getattr(cause, "strerror", None) or cause)


class SaveError(ForumkitError):
    """A save failed; every file is as it was before the save."""

    def __init__(self, path: Path | str, cause: BaseException):
        self.path = Path(path)
        self.cause = cause
        super().__init__(
            f"Kunne ikke gemme {self.path.name}: {_reason(cause)}. Intet er tabt – filerne er som før gemningen."
        )
