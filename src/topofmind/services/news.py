"""News about organizations: list it, add an item by hand, mark items read.

Feeds bring most items (`tom fetch news`); an item typed in counts the same. The
playbook reads recent items: research before an interview cites one, and a new item
about an organization with an active opportunity proposes a short note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from topofmind.domain.records import NewsItem
from topofmind.errors import InvalidValue, UnknownRecord
from topofmind.services.context import Context
from topofmind.services.inputs import moment
from topofmind.services.lookup import resolve_organization
from topofmind.store import news as news_store
from topofmind.store import organizations as org_store


@dataclass
class NewsLine:
    """A news item with its organization's name, for listing."""

    item: NewsItem
    organization_name: str


def list_news(
    ctx: Context, organization: str | None = None, days: int = 30, unread: bool = False
) -> list[NewsLine]:
    """Items published in the last ``days`` (all of an organization's when named), newest
    first; only unread ones with ``unread``."""
    with ctx.db.connect() as conn:
        org_id = resolve_organization(conn, organization) if organization else None
        items = news_store.list_news(conn, org_id)
        names = {o.id: o.name for o in org_store.list_organizations(conn)}
    since = ctx.now - timedelta(days=days)
    found = [
        NewsLine(item, names.get(item.organization_id, ""))
        for item in items
        if (org_id is not None or item.published is None or item.published >= since)
        and (item.published is None or item.published <= ctx.now)
        and not (unread and item.read)
    ]
    return found


def add_news(
    ctx: Context,
    organization: str,
    title: str,
    url: str = "",
    published: str | None = None,
    summary: str = "",
) -> NewsLine:
    """Record a news item about ``organization`` (published now unless said)."""
    if not title.strip():
        raise InvalidValue("Give the news item a title.")
    at = moment(ctx, published, leaning="past")
    with ctx.db.begin() as conn:
        org_id = resolve_organization(conn, organization)
        item = NewsItem(
            organization_id=org_id,
            title=title.strip(),
            url=url.strip(),
            published=at,
            summary=summary.strip(),
        )
        item_id = news_store.add_news(conn, item)
        news_store.set_recorded_at(conn, item_id, ctx.now)
        return NewsLine(item, org_store.get_organization(conn, org_id).name)


def mark_read(
    ctx: Context, ids: list[int], organization: str | None = None, read: bool = True
) -> int:
    """Mark the items ``ids`` (or every item about ``organization``) read; how many."""
    if not ids and not organization:
        raise InvalidValue("Name the news items to mark read by id, or an organization.")
    with ctx.db.begin() as conn:
        chosen = list(ids)
        if organization:
            org_id = resolve_organization(conn, organization)
            chosen += [
                i.id
                for i in news_store.list_news(conn, org_id)
                if i.id is not None and i.read != read
            ]
        owned = news_store.existing_ids(conn, chosen)
        missing = [i for i in ids if i not in owned]
        if missing:
            raise UnknownRecord(
                f"No news item has id {missing[0]}. `tom news` lists them with their ids."
            )
        for news_id in dict.fromkeys(chosen):
            news_store.mark_read(conn, news_id, read)
        return len(set(chosen))
