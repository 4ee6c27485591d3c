"""The per-request Context dependency, apart from the app factory so routes can import it."""

from __future__ import annotations

from fastapi import Request

from topofmind.services.context import Context
from topofmind.services.search import record_changed
from topofmind.services.when import current_time
from topofmind.web.security import SAFE_METHODS


async def get_context(request: Request) -> Context:
    """The Context of one request: the app's database, the moment it is, the settings.

    Async because it does no I/O: FastAPI then builds it on the event loop rather than
    handing it to a worker thread, which is measurable at a hundred requests a second.
    """
    state = request.app.state
    if request.method not in SAFE_METHODS:
        # The record may change in this request: search rebuilds its SQLite index next time.
        record_changed(state.db)
    ctx = Context(db=state.db, now=current_time(state.now), settings=state.settings)
    daily = getattr(state, "daily_scores", None)
    if daily is not None and daily.due(ctx):
        # The first request of the day records the day's scores (off the event loop).
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(daily.record, ctx)
    return ctx


def look_in_mail(request: Request) -> bool:
    """Ask the app's background sync to look for the earlier mail of someone just added;
    whether it will (mail set up, syncing on)."""
    syncing = getattr(request.app.state, "syncing", None)
    return syncing is not None and syncing.someone_added()
