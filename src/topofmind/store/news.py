"""News items about organizations, from feeds or typed in."""

from __future__ import annotations

from sqlalchemy import Connection, select

from topofmind.domain.records import NewsItem
from topofmind.store.rows import OWNER, insert_row, owned, update_row
from topofmind.store.schema import news_items


def add_news(conn: Connection, item: NewsItem, batch_id: int | None = None) -> int:
    item.id = insert_row(
        conn,
        news_items,
        {
            "organization_id": item.organization_id,
            "title": item.title,
            "url": item.url,
            "published": item.published,
            "summary": item.summary,
            "read": item.read,
            "external_id": item.external_id,
            "batch_id": batch_id,
        },
    )
    return item.id


def find_news(conn: Connection, organization_id: int, external_id: str) -> int | None:
    query = select(news_items.c.id).where(
        news_items.c.owner_id == OWNER,
        news_items.c.organization_id == organization_id,
        news_items.c.external_id == external_id,
    )
    return conn.execute(query).scalar()


def mark_read(conn: Connection, news_id: int, read: bool = True) -> None:
    update_row(conn, news_items, news_id, {"read": read})


def list_news(conn: Connection, organization_id: int | None = None) -> list[NewsItem]:
    query = owned(news_items).order_by(news_items.c.published.desc(), news_items.c.id.desc())
    if organization_id is not None:
        query = query.where(news_items.c.organization_id == organization_id)
    return [
        NewsItem(
            id=r["id"],
            organization_id=r["organization_id"],
            title=r["title"],
            url=r["url"],
            published=r["published"],
            summary=r["summary"],
            read=r["read"],
            external_id=r["external_id"],
        )
        for r in conn.execute(query).mappings()
    ]


def existing_ids(conn: Connection, ids: list[int]) -> set[int]:
    """Which of ``ids`` are news items of this record."""
    if not ids:
        return set()
    query = select(news_items.c.id).where(news_items.c.owner_id == OWNER, news_items.c.id.in_(ids))
    return set(conn.execute(query).scalars())


def set_recorded_at(conn: Connection, news_id: int, at) -> None:
    """When the item came into the record (typed in at a ``--now`` moment)."""
    update_row(conn, news_items, news_id, {"created_at": at})
