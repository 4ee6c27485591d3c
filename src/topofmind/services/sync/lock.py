"""One sync of each source at a time: the lock it holds on the record, in this program
or another (the web app in the background, a scheduled `tom sync all`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from topofmind.errors import TomError
from topofmind.services.context import Context
from topofmind.store import locks

#: What each source that syncs is called in a sentence, and the verb it takes.
SOURCE_NAMES = {
    "imap": ("your mail", "is"),
    "calendar": ("your calendar", "is"),
    "feeds": ("the news feeds", "are"),
}


class AlreadySyncing(TomError):
    """Shown to the user: the same source is being synced right now, by this program
    or another (the web app in the background, a scheduled `tom sync all`)."""


def sync_lock(source: str) -> str:
    return f"sync-{source}"


@contextmanager
def syncing(ctx: Context, source: str) -> Iterator[None]:
    """Hold the source's sync lock on this database while the block runs; refused at once
    while another sync of it runs, here or in another program."""
    try:
        with locks.holding(ctx.db, sync_lock(source)):
            yield
    except locks.Held:
        name, verb = SOURCE_NAMES[source]
        raise AlreadySyncing(
            f"{name.capitalize()} {verb} being synced already; what it reads shows as it goes."
        ) from None
