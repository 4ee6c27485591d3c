"""The queries behind the web app's charts: decisions per week and how fast requests were
answered. Read-only; the pictures themselves are drawn in the browser."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.orm import aliased

from topofmind.store.rows import OWNER
from topofmind.store.schema import decisions, interaction_participants, interactions, requests


def done_since(conn: Connection, since: datetime) -> list[datetime]:
    """When each action marked done since ``since`` was marked."""
    d = decisions.c
    rows = conn.execute(
        select(d.at).where(d.owner_id == OWNER, d.status == "done", d.at >= since).order_by(d.at)
    )
    return [r.at for r in rows]


@dataclass
class Answer:
    request_id: int
    asked_at: datetime
    #: The first message we sent to the asker after the request, if any.
    answered_at: datetime | None


def answers(conn: Connection, since: datetime) -> list[Answer]:
    """Each request since ``since`` with the moment of our first reply to whoever asked."""
    asked = aliased(interactions)
    reply = aliased(interactions)
    asker = aliased(interaction_participants)
    replied_to = aliased(interaction_participants)
    first_reply = (
        select(func.min(reply.c.at))
        .select_from(reply.join(replied_to, replied_to.c.interaction_id == reply.c.id))
        .where(
            replied_to.c.person_id == asker.c.person_id,
            reply.c.direction.in_(("out", "both")),
            reply.c.at > asked.c.at,
            reply.c.cancelled.is_(False),
            reply.c.owner_id == OWNER,
        )
        .scalar_subquery()
    )
    rows = conn.execute(
        select(requests.c.id, asked.c.at, func.min(first_reply).label("answered"))
        .select_from(
            requests.join(asked, asked.c.id == requests.c.interaction_id).join(
                asker, and_(asker.c.interaction_id == asked.c.id)
            )
        )
        .where(asked.c.owner_id == OWNER, asked.c.at >= since, asked.c.cancelled.is_(False))
        .group_by(requests.c.id, asked.c.at)
        .order_by(asked.c.at)
    )
    return [Answer(r.id, r.at, r.answered) for r in rows]
