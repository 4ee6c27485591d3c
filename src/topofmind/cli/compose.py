"""Commands of compose."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Adds the compose commands."""
