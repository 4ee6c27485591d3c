"""Each news feed's fetch state: validators for conditional requests and the last error.

Which feeds an organization has is kept with the organization
(``store.organizations.set_feeds``); this module holds what a sync remembers
about fetching each one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from topofmind.store.rows import OWNER, update_row
from topofmind.store.schema import feeds, organizations


@dataclass
class FeedState:
    id: int
    organization_id: int
    organization_name: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime | None = None
    error: str | None = None


def list_feeds(conn: Connection) -> list[FeedState]:
    query = (
        select(feeds, organizations.c.name.label("organization_name"))
        .join(organizations, organizations.c.id == feeds.c.organization_id)
        .where(feeds.c.owner_id == OWNER)
        .order_by(feeds.c.id)
    )
    return [
        FeedState(
            id=r["id"],
            organization_id=r["organization_id"],
            organization_name=r["organization_name"],
            url=r["url"],
            etag=r["etag"],
            last_modified=r["last_modified"],
            fetched_at=r["fetched_at"],
            error=r["error"],
        )
        for r in conn.execute(query).mappings()
    ]


def record_fetch(
    conn: Connection,
    feed_id: int,
    at: datetime,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    error: str | None = None,
) -> None:
    """Remember a fetch: its validators when it worked, its error when it did not."""
    values: dict = {"fetched_at": at, "error": error}
    if error is None:
        values.update(etag=etag, last_modified=last_modified)
    update_row(conn, feeds, feed_id, values)
