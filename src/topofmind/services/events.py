"""Recording events: meetups and talks, registered for and attended."""

from __future__ import annotations

from topofmind.domain.records import (
    Event,
)
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.inputs import moment
from topofmind.services.organizations import organization_id_for
from topofmind.store import events as event_store


def add_event(
    ctx: Context,
    title: str,
    at: str,
    organization: str | None = None,
    until: str | None = None,
    url: str = "",
    registered: bool = False,
) -> Event:
    if not title.strip():
        raise InvalidValue("An event needs a title.")
    starts = moment(ctx, at)
    ends = moment(ctx, until) if until else None
    if ends and ends < starts:
        raise InvalidValue("The event ends before it starts.", field="until")
    with ctx.db.begin() as conn:
        item = Event(
            title=title.strip(),
            starts_at=starts,
            ends_at=ends,
            organization_id=organization_id_for(ctx, conn, organization),
            url=url,
            registered=registered,
        )
        return event_store.get_event(conn, event_store.add_event(conn, item))


def mark_event(
    ctx: Context, event_id: int, registered: bool | None = None, attended: bool | None = None
) -> Event:
    with ctx.db.begin() as conn:
        item = event_store.get_event(conn, event_id)
        if registered is not None:
            item.registered = registered
        if attended is not None:
            item.attended = attended
            item.registered = item.registered or attended
        event_store.update_event(conn, item)
        return item
