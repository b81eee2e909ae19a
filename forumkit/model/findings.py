"""Findings: what a check returns instead of raising, so a screen can show all of them."""

from __future__ import annotations

from dataclasses import dataclass

from .vocab import Severity

__all__ = ["Finding", "SEVERITIES", "findings_table"]

SEVERITIES = tuple(Severity)


@dataclass(frozen=True)
class Finding:
    """One rule finding: severity (fejl/advarsel/info), a stable code, a Danish message, what it is about."""

    severity: str
    code: str
    message: str
    ref: str = ""

    def __str__(self) -> str:
        return f"{self.severity}: [{self.code}] {self.message}"

    @property
    def rank(self) -> int:
        return SEVERITIES.index(self.severity)


def findings_table(findings: list[Finding]):
    """A pandas table of findings, errors first, with Danish headers."""
    import pandas as pd

    rows = sorted(findings, key=lambda f: (f.rank, f.code, f.ref))
    return pd.DataFrame(
        [{"Alvor": f.severity, "Kode": f.code, "Besked": f.message, "Vedrører": f.ref} for f in rows],
        columns=["Alvor", "Kode", "Besked", "Vedrører"],
    )
