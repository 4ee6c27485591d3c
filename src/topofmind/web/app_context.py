"""The per-request Context dependency, apart from the app factory so routes can import it."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request

from topofmind.services.context import Context
from topofmind.services.when import current_time


def get_context(request: Request) -> Iterator[Context]:
    """The Context of one request: the app's database, the moment it is, the settings."""
    state = request.app.state
    yield Context(db=state.db, now=current_time(state.now), settings=state.settings)
