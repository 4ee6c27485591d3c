"""Commands of the playbook: today, agenda, actions, done, snooze, dismiss, score, rules."""

from __future__ import annotations

from contextlib import contextmanager

import typer


def register(app: typer.Typer) -> None:
    """Adds the playbook's commands."""


@contextmanager
def action_changes():
    """Around a write: print the actions it created or closed."""
    yield
