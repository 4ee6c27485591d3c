"""The pipeline board's cards: one lean query for what a card shows.

``opportunities.list_opportunities`` also loads each opportunity's stage history and
people, which the board does not show; on a heavy job search that is most of the
time a board takes to draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from topofmind.domain.enums import Stage
from topofmind.store.rows import OWNER
from topofmind.store.schema import opportunities, organizations


@dataclass
class Card:
    id: int
    title: str
    stage: Stage
    priority: int
    organization_id: int
    organization_name: str


def cards(conn: Connection, stage: Stage | None = None) -> list[Card]:
    """Opportunities as cards, highest priority first, then by organization."""
    o = opportunities.c
    query = (
        select(o.id, o.title, o.stage, o.priority, o.organization_id, organizations.c.name)
        .join(organizations, organizations.c.id == o.organization_id)
        .where(o.owner_id == OWNER)
        .order_by(o.priority.desc(), func.lower(organizations.c.name), o.id)
    )
    if stage is not None:
        query = query.where(o.stage == stage.value)
    return [Card(r[0], r[1], Stage(r[2]), r[3], r[4], r[5]) for r in conn.execute(query)]
