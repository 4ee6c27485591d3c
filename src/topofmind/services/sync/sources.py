"""Re-reading sources that change: a calendar (ICS URL or file) and company news feeds,
and every source that is set up (those two and the IMAP account) at once.

Both are fetched conditionally (ETag, Last-Modified), so a sync of an unchanged
source costs one small request, and both write one undoable batch. A calendar
re-read applies moved and cancelled meetings to what was imported before; a
feed that fails is reported with its reason and the other feeds still read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from topofmind.capture.calendar import SOURCE
from topofmind.capture.feeds import read_feed
from topofmind.capture.fetch import fetch
from topofmind.capture.items import CapturedInteraction, Problem
from topofmind.domain.enums import Direction, InteractionKind
from topofmind.domain.secrets import fingerprint, redacted
from topofmind.errors import BadFile, FetchFailed, InvalidValue, TomError
from topofmind.services.context import Context
from topofmind.services.imports.batches import open_batch
from topofmind.services.imports.formats import record_calendar, record_news
from topofmind.services.imports.summary import BatchSummary
from topofmind.services.secret_urls import address
from topofmind.services.sync.lock import syncing
from topofmind.store import batches as batch_store
from topofmind.store import feeds as feed_store
from topofmind.store import interactions as interaction_store


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://", "webcal://"))


def sync_calendar(
    ctx: Context, url_or_path: str | None = None, dry_run: bool = False
) -> BatchSummary:
    """Re-read a calendar: the given URL or path, else the ``calendar_url`` setting."""
    source = (url_or_path or ctx.settings.calendar_url or "").strip()
    if not source:
        raise InvalidValue(
            "No calendar to sync. Name an ICS URL or file (tom sync calendar URL), "
            "or set calendar_url in the settings."
        )
    ctx.profile()
    # A private address's credentials stay in the settings: the record, what is printed
    # and the export name the calendar by its address with them masked.
    shown = redacted(source) if is_url(source) else source
    key = f"calendar:{fingerprint(source) if is_url(source) else source}"
    with (
        syncing(ctx, "calendar"),
        open_batch(ctx, "calendar", shown, dry_run=dry_run, keep_if_nothing_new=False) as batch,
    ):
        remembered = batch_store.get_sync_state(batch.conn, key) or {}
        if shown != source:
            _forget_secret(batch.conn, source, shown, key, remembered)
            remembered = batch_store.get_sync_state(batch.conn, key) or {}
        if is_url(source):
            url = "https://" + source[len("webcal://") :] if source.startswith("webcal") else source
            batch.checkpoint()  # nothing is held while the server answers
            fetched = fetch(
                url,
                etag=remembered.get("etag"),
                last_modified=remembered.get("last_modified"),
                timeout=float(ctx.settings.feed_timeout_seconds),
            )
            if fetched.not_modified:
                return batch.summary
            data, state = (
                fetched.content,
                {
                    "etag": fetched.etag,
                    "last_modified": fetched.last_modified,
                },
            )
        else:
            path = Path(source).expanduser()
            if not path.is_file():
                raise BadFile(f"{path} does not exist. Check the path and try again.")
            data, state = path.read_bytes(), {}
        meetings = record_calendar(batch, data, shown, ctx)
        seen = {m.external_id: m.at.isoformat() for m in meetings}
        _cancel_removed(batch, remembered.get("seen") or {}, seen, ctx)
        batch_store.set_sync_state(batch.conn, key, {**state, "seen": seen}, ctx.now, batch.id)
    return batch.summary


def _forget_secret(conn, source: str, shown: str, key: str, remembered: dict) -> None:
    """Scrub what an earlier version kept of a private calendar's address: its sync
    state, moved under the masked key, and the batches named by it."""
    old = f"calendar:{source}"
    before = batch_store.get_sync_state(conn, old)
    if before is not None:
        if not remembered:
            batch_store.set_sync_state(conn, key, before, datetime.now(UTC))
        batch_store.forget_sync_state(conn, old)
    batch_store.rename_target(conn, "calendar", source, shown)


def _cancel_removed(batch, before: dict[str, str], now_seen: dict[str, str], ctx: Context) -> None:
    """Meetings still ahead that were in the calendar last time and are gone now: cancelled.

    Calendars that delete rather than cancel (most shared ICS links) drop the event;
    only future ones count, since past occurrences leave the expansion window.
    """
    for external_id, at in before.items():
        moment = datetime.fromisoformat(at)
        if external_id in now_seen or moment <= ctx.now:
            continue
        if interaction_store.find_by_external_id(batch.conn, SOURCE, external_id) is None:
            continue
        batch.interaction(
            CapturedInteraction(
                at=moment,
                kind=InteractionKind.MEETING,
                direction=Direction.BOTH,
                source=SOURCE,
                external_id=external_id,
                cancelled=True,
            )
        )


def sync_feeds(ctx: Context, dry_run: bool = False) -> BatchSummary:
    """Fetch every organization's feeds; each failure is one failed item with its reason."""
    ctx.profile()
    timeout = float(ctx.settings.feed_timeout_seconds)
    with (
        syncing(ctx, "feeds"),
        open_batch(ctx, "feeds", "news feeds", dry_run=dry_run, keep_if_nothing_new=False) as batch,
    ):
        for feed in feed_store.list_feeds(batch.conn):
            where = f"{feed.organization_name} feed"
            batch.checkpoint()  # nothing is held while the server answers
            try:
                fetched = fetch(
                    address(feed.url),
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    timeout=timeout,
                )
                items = [] if fetched.not_modified else read_feed(fetched.content, feed.url)
            except (FetchFailed, BadFile) as exc:
                batch_store.record_update(batch.conn, batch.id, "feeds", feed.id)
                batch.problem(Problem(where, str(exc)))
                feed_store.record_fetch(batch.conn, feed.id, ctx.now, error=str(exc))
                continue
            batch_store.record_update(batch.conn, batch.id, "feeds", feed.id)
            record_news(batch, feed.organization_id, where, items)
            feed_store.record_fetch(
                batch.conn,
                feed.id,
                ctx.now,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
            )
    return batch.summary


# -- everything at once ------------------------------------------------------------------


@dataclass(frozen=True)
class Synced:
    """What syncing one source gave: its batch, or why it failed."""

    source: str
    summary: BatchSummary | None = None
    error: str = ""


def _sync_imap(ctx: Context, dry_run: bool = False) -> BatchSummary:
    from topofmind.services.sync.imap import sync_imap_from_settings

    return sync_imap_from_settings(ctx, dry_run=dry_run)


#: Each source a sync of everything reads, with how to sync it from the settings.
SOURCES: dict[str, Callable[..., BatchSummary]] = {
    "imap": _sync_imap,
    "calendar": lambda ctx, dry_run=False: sync_calendar(ctx, dry_run=dry_run),
    "feeds": sync_feeds,
}


def sync_source(ctx: Context, source: str, dry_run: bool = False) -> BatchSummary:
    """Sync one source (imap, calendar or feeds) as its settings say."""
    if source not in SOURCES:
        raise InvalidValue(f"Nothing called '{source}' to sync: choose {', '.join(SOURCES)}.")
    return SOURCES[source](ctx, dry_run=dry_run)


def sources_set_up(ctx: Context) -> list[str]:
    """The sources the person has set up: a mail account, a calendar URL, a feed."""
    found = []
    if ctx.settings.imap_host and ctx.settings.imap_user:
        found.append("imap")
    if str(ctx.settings.calendar_url or "").strip():
        found.append("calendar")
    with ctx.db.connect() as conn:
        if feed_store.list_feeds(conn):
            found.append("feeds")
    return found


def sync_everything(ctx: Context, dry_run: bool = False) -> list[Synced]:
    """Sync every source that is set up, each as its own batch; one that fails (the mail
    server down, a calendar moved) is reported and never stops the others."""
    sources = sources_set_up(ctx)
    if not sources:
        raise InvalidValue(
            "Nothing is set up to sync: set imap_host and imap_user (mail), calendar_url "
            "(a calendar), or add a news feed to an organization."
        )
    done = []
    for source in sources:
        try:
            done.append(Synced(source, summary=sync_source(ctx, source, dry_run=dry_run)))
        except TomError as exc:
            done.append(Synced(source, error=str(exc)))
    return done
