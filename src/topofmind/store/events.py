"""Company events and webinars."""

from __future__ import annotations

from sqlalchemy import Connection, select

from topofmind.domain.records import Event
from topofmind.errors import UnknownRecord
from topofmind.store.rows import OWNER, insert_row, saved, update_row
from topofmind.store.schema import events, organizations


def add_event(conn: Connection, item: Event, batch_id: int | None = None) -> int:
    item.id = insert_row(conn, events, {**_values(item), "batch_id": batch_id})
    return item.id


def _values(item: Event) -> dict:
    return {
        "title": item.title,
        "organization_id": item.organization_id,
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "url": item.url,
        "registered": item.registered,
        "attended": item.attended,
        "source": item.source,
        "external_id": item.external_id,
    }


def update_event(conn: Connection, item: Event) -> None:
    update_row(conn, events, saved(item.id), _values(item))


def list_events(conn: Connection, ids: list[int] | None = None) -> list[Event]:
    query = (
        select(events, organizations.c.name.label("organization_name"))
        .select_from(
            events.outerjoin(organizations, organizations.c.id == events.c.organization_id)
        )
        .where(events.c.owner_id == OWNER)
        .order_by(events.c.starts_at, events.c.id)
    )
    if ids is not None:
        query = query.where(events.c.id.in_(ids))
    return [
        Event(
            id=r["id"],
            title=r["title"],
            organization_id=r["organization_id"],
            organization_name=r["organization_name"] or "",
            starts_at=r["starts_at"],
            ends_at=r["ends_at"],
            url=r["url"],
            registered=r["registered"],
            attended=r["attended"],
            source=r["source"],
            external_id=r["external_id"],
        )
        for r in conn.execute(query).mappings()
    ]


def get_event(conn: Connection, event_id: int) -> Event:
    found = list_events(conn, [event_id])
    if not found:
        raise UnknownRecord(f"No event has id {event_id}. `tom event list` shows them.")
    return found[0]
