"""Opening, listing, showing and undoing import batches."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from topofmind.errors import TomError, UnknownRecord
from topofmind.services.context import Context
from topofmind.services.imports.ledger import TURN_SECONDS
from topofmind.services.imports.running import mark_running
from topofmind.services.imports.summary import BatchSummary, Progress
from topofmind.services.imports.writer import BatchWriter
from topofmind.store import batches as batch_store


class AlreadyUndone(TomError):
    """Shown to the user: the batch was undone before."""


class UndoneWhileRunning(TomError):
    """Shown to the user: a sync's batch was undone (from the web app) while it ran."""


@contextmanager
def open_batch(
    ctx: Context,
    source: str,
    target: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    keep_if_nothing_new: bool = True,
) -> Iterator[BatchWriter]:
    """One import as one batch, in one transaction unless the reader commits along the
    way (``BatchWriter.checkpoint``); all rolled back at the end on a dry run.

    A sync (``keep_if_nothing_new=False``) that recorded nothing and failed nowhere
    leaves no batch behind, only where its sources stopped: a sync scheduled every half
    hour would otherwise fill the list of imports with empty ones. Its summary then has
    no id. A batch that fails after a checkpoint keeps what was committed, and is closed
    with it (or forgotten when that was only where its sources stopped)."""
    started = ctx.now
    with ctx.db.engine.connect() as conn:
        transaction = conn.begin()
        committed: tuple | None = None  # the tallies as of the last checkpoint

        def checkpoint() -> None:
            nonlocal transaction, committed
            if not dry_run:
                _still_open(conn, writer, committed)
                batch_store.save_progress(conn, writer.id, writer.stored_summary())
                batch_store.record_left(conn, writer.id, writer.changed_since())
                writer.close_touch()
                transaction.commit()
                if conn.dialect.name == "sqlite" and writer.wrote_in_step():
                    time.sleep(TURN_SECONDS)  # another writer waiting on the file goes first
                transaction = conn.begin()
                committed = writer.tallies()
                writer.learn_known()
            writer.stepped()

        try:
            batch_id = batch_store.start_batch(conn, source, target, started)
            summary = BatchSummary(
                id=batch_id, source=source, target=target, dry_run=dry_run, started_at=started
            )
            writer = BatchWriter(ctx, conn, summary, progress, checkpoint)
            yield writer
            _still_open(conn, writer, committed)
            _close_batch(ctx, writer, forget_if_empty=not keep_if_nothing_new)
        except BaseException:
            transaction.rollback()
            if committed is not None:  # what was committed stays: the batch closes on it
                writer.forget_touch()
                writer.restore_tallies(committed)
                with conn.begin():
                    _close_batch(ctx, writer, forget_if_empty=True)
                    writer.close_touch()
            raise
        if dry_run:
            transaction.rollback()
            summary.id = None
        else:
            writer.close_touch()
            transaction.commit()


def _still_open(conn: Connection, writer: BatchWriter, committed: tuple | None) -> None:
    """Stop a batch that was undone while it ran (it is listed once a step is committed),
    before the step since is committed into it."""
    if committed is None:
        return  # nothing committed yet: no one else can see the batch
    row = batch_store.get_batch(conn, writer.id)
    if row is None or row["undone_at"] is not None:
        raise UndoneWhileRunning(
            f"Import {writer.id} was undone while it ran, so it stopped there; the next sync "
            "reads it all again."
        )


def _close_batch(ctx: Context, writer: BatchWriter, forget_if_empty: bool) -> None:
    """Finish the batch's tallies and record how it leaves what it added; a batch with
    nothing but where its sources stopped is forgotten when ``forget_if_empty``."""
    conn, summary = writer.conn, writer.summary
    writer.finish()
    batch_store.record_left(conn, writer.id, writer.changed_since())
    summary.finished_at = ctx.now
    if (
        forget_if_empty
        and not summary.failed_total
        and batch_store.only_bookkeeping(conn, writer.id)
    ):
        batch_store.forget_batch(conn, writer.id)
        summary.id = None
    else:
        batch_store.finish_batch(conn, writer.id, summary.finished_at, summary.stored())


def list_batches(ctx: Context) -> list[BatchSummary]:
    with ctx.db.connect() as conn:
        batches = [BatchSummary.from_row(r) for r in batch_store.list_batches(conn)]
    return mark_running(ctx, batches)


def get_batch(ctx: Context, batch_id: int) -> BatchSummary:
    with ctx.db.connect() as conn:
        row = batch_store.get_batch(conn, batch_id)
        if row is None:
            raise UnknownRecord(f"No import has id {batch_id}. `tom import list` shows them.")
        newest = {}  # a finished batch runs nowhere: no need to ask which is newest
        if row["finished_at"] is None:
            newest[row["source"]] = batch_store.newest_unfinished(conn, row["source"])
    [batch] = mark_running(ctx, [BatchSummary.from_row(row)], newest)
    return batch


def undo_batch(ctx: Context, batch_id: int) -> BatchSummary:
    """Remove what the batch added and restore what it changed, in one transaction."""
    with ctx.db.begin() as conn:
        row = batch_store.get_batch(conn, batch_id)
        if row is None:
            raise UnknownRecord(f"No import has id {batch_id}. `tom import list` shows them.")
        if row["undone_at"] is not None:
            raise AlreadyUndone(
                f"Import {batch_id} was already undone on "
                f"{row['undone_at']:%Y-%m-%d %H:%M} UTC; there is nothing left to undo."
            )
        done = batch_store.undo_changes(conn, batch_id, ctx.now)
        row = batch_store.get_batch(conn, batch_id)
    if done["kept"]:
        ctx.notice(
            f"Kept {', '.join(done['kept'])}: recorded since the import (a conversation, a "
            "message or an opportunity) uses them."
        )
    if done["edited"]:
        ctx.notice(f"Kept {', '.join(done['edited'])}: edited since the import.")
    return BatchSummary.from_row(row)  # type: ignore[arg-type]
