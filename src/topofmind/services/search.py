"""Full-text search across the whole record, and telling the search index it went stale."""

from __future__ import annotations

from topofmind.services.context import Context
from topofmind.store import search as search_store
from topofmind.store.database import Database
from topofmind.store.search import KIND_LABELS, Hit

__all__ = ["KIND_LABELS", "Hit", "record_changed", "search"]


def search(ctx: Context, query: str, limit: int = 50) -> list[Hit]:
    """Records matching ``query``, best first; none for blank words."""
    with ctx.db.connect() as conn:
        return search_store.search(conn, query, limit)


def record_changed(db: Database) -> None:
    """The record may change: a SQLite search index is rebuilt before its next answer."""
    search_store.invalidate(db.url)
