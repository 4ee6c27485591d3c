"""One import of each file at a time: the import lock, and which batch a running job
(an import, or a sync: services/sync/lock.py) is writing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from topofmind.errors import TomError
from topofmind.services.context import Context
from topofmind.services.sync.lock import SOURCE_NAMES, sync_lock
from topofmind.store import locks

if TYPE_CHECKING:
    from topofmind.services.imports.summary import BatchSummary


class AlreadyImporting(TomError):
    """Shown to the user: the same file is being imported right now, by this program or
    another (an upload in the web app, `tom import` in a terminal)."""


def import_lock(source: str, target: str) -> str:
    """The lock held while ``target`` is imported as ``source``: one name per file."""
    digest = hashlib.sha256(f"{source}\0{target}".encode()).hexdigest()[:16]
    return f"import-{digest}"


@contextmanager
def importing(ctx: Context, source: str, target: str) -> Iterator[None]:
    """Hold the file's import lock while the block runs; refused at once while another
    import of the same file runs, here or in another program."""
    try:
        with locks.holding(ctx.db, import_lock(source, target), patience=0, passing=True):
            yield
    except locks.Held:
        raise AlreadyImporting(
            f"{target} is being imported already; `tom import list` shows it as it goes."
        ) from None


def _running_key(batch: BatchSummary) -> str | tuple[str, str]:
    """What one running job writes at a time: a source that syncs, or one file."""
    return batch.source if batch.source in SOURCE_NAMES else (batch.source, batch.target)


def _running_lock(batch: BatchSummary) -> str:
    if batch.source in SOURCE_NAMES:
        return sync_lock(batch.source)
    return import_lock(batch.source, batch.target)


def mark_running(
    ctx: Context, batches: list[BatchSummary], newest: dict[Any, int | None] | None = None
) -> list[BatchSummary]:
    """Mark the batch each running sync or import is writing: the newest unfinished batch
    of its source (of its file, for an import), while its lock is held. Older unfinished
    ones were stopped midway."""
    unfinished = [b for b in batches if b.unfinished]
    if newest is None:
        newest = {}
        for batch in unfinished:
            key = _running_key(batch)
            newest[key] = max(newest.get(key) or 0, batch.id or 0)
    for batch in unfinished:
        if batch.id == newest.get(_running_key(batch), batch.id) and locks.is_held(
            ctx.db, _running_lock(batch)
        ):
            batch.running = True
    return batches
