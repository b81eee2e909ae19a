"""Fault injection for the atomic-save steps: fail write, flush, fsync or replace, once or from then on."""

from __future__ import annotations

from contextlib import contextmanager

from forumkit.storage import atomic

STEPS = ("write", "flush", "fsync", "replace")
MODES = ("once", "always")


@contextmanager
def failing(step: str, mode: str, after: int = 0):
    """Make ``atomic.steps.<step>`` raise ENOSPC on call ``after + 1`` (and every later call if 'always')."""
    real = getattr(atomic.steps, step)
    calls = {"n": 0}

    def faulty(*args):
        calls["n"] += 1
        if calls["n"] == after + 1 or (mode == "always" and calls["n"] > after):
            raise OSError(28, "Ingen plads tilbage på enheden")
        return real(*args)

    setattr(atomic.steps, step, faulty)
    try:
        yield calls
    finally:
        setattr(atomic.steps, step, real)
