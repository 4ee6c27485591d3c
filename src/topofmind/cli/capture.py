"""Commands of capture."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Adds the capture commands."""
