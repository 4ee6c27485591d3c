"""The conversations, inbound messages and requests the facts hold in full: those of the
recent past (and the conversations planned ahead), each with its participants and what
was said, read with one joined query per kind (``store.facts`` puts them together).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import Connection, select

from topofmind.domain.enums import CONVERSATIONS, Direction, InteractionKind, NoteKind
from topofmind.domain.facts import Conversation, Message, Reach, RequestFacts, Scope
from topofmind.store.contacts import in_scope
from topofmind.store.rows import OWNER, driver_rows
from topofmind.store.rows import moment as _moment
from topofmind.store.schema import (
    interaction_notes,
    interaction_participants,
    interactions,
    requests,
)

MESSAGE_KINDS = (
    InteractionKind.EMAIL.value,
    InteractionKind.MESSAGE.value,
    InteractionKind.CALL.value,
)
#: Stored values to members, a dictionary lookup instead of an enum call per row.
KINDS = {k.value: k for k in InteractionKind}


def participants(conn: Connection, conditions: list) -> dict[int, list[int]]:
    """Participants of the interactions matching ``conditions``, in one joined query."""
    found: dict[int, list[int]] = defaultdict(list)
    ip = interaction_participants.c
    for interaction_id, person_id in driver_rows(
        conn,
        select(ip.interaction_id, ip.person_id)
        .join(interactions, interactions.c.id == ip.interaction_id)
        .where(*conditions)
        .order_by(ip.id),
    ):
        found[interaction_id].append(person_id)
    return found


def _between(
    conn: Connection, since: datetime, until: datetime, scope: Scope | None, *only
) -> list:
    """The conditions that keep the record's interactions not cancelled, of ``only``'s
    kind, from ``since`` to ``until``, and of the scope when read for one."""
    i = interactions.c
    conditions = [i.owner_id == OWNER, i.cancelled.is_(False), *only, i.at >= since, i.at <= until]
    if scope is not None:
        conditions.append(in_scope(i, scope, conn.dialect.name))
    return conditions


def recent_conversations(
    conn: Connection, now: datetime, reach: Reach, scope: Scope | None
) -> tuple[Conversation, ...]:
    i = interactions.c
    kinds = i.kind.in_([k.value for k in CONVERSATIONS])
    conditions = _between(conn, now - reach.recent, now + reach.ahead, scope, kinds)
    rows = driver_rows(
        conn,
        select(
            i.id, i.kind, i.at, i.ends_at, i.opportunity_id, i.summary, i.scheduled, i.created_at
        )
        .where(*conditions)
        .order_by(i.at, i.id),
    )
    who = participants(conn, conditions)
    notes: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    n = interaction_notes.c
    for interaction_id, kind, text in driver_rows(
        conn,
        select(n.interaction_id, n.kind, n.text)
        .join(interactions, i.id == n.interaction_id)
        .where(*conditions)
        .order_by(n.position, n.id),
    ):
        notes[interaction_id][kind].append(text)
    out = []
    for interaction_id, kind, at, ends_at, opp_id, summary, scheduled, created in rows:
        at = _moment(at)
        said = notes.get(interaction_id)
        recorded = _moment(created)
        out.append(
            Conversation(
                id=interaction_id,
                kind=KINDS[kind],
                at=at,
                ends_at=_moment(ends_at),
                participants=tuple(who.get(interaction_id, ())),
                opportunity_id=opp_id,
                summary=summary,
                points=tuple(said[NoteKind.POINT.value]) if said else (),
                wishes=tuple(said[NoteKind.WISH.value]) if said else (),
                scheduled=bool(scheduled) and at > now,
                recorded_at=recorded if recorded is not None and recorded <= now else None,
            )
        )
    return tuple(out)


def recent_messages(
    conn: Connection, now: datetime, reach: Reach, scope: Scope | None
) -> tuple[Message, ...]:
    i = interactions.c
    inbound = (i.kind.in_(MESSAGE_KINDS), i.direction == Direction.INBOUND.value)
    conditions = _between(conn, now - reach.recent, now, scope, *inbound)
    rows = driver_rows(
        conn,
        select(i.id, i.kind, i.at, i.opportunity_id, i.subject, i.summary)
        .where(*conditions)
        .order_by(i.at, i.id),
    )
    who = participants(conn, conditions)
    return tuple(
        Message(
            id=interaction_id,
            kind=KINDS[kind],
            at=_moment(at),
            participants=tuple(who.get(interaction_id, ())),
            opportunity_id=opp_id,
            subject=subject,
            summary=summary,
        )
        for interaction_id, kind, at, opp_id, subject, summary in rows
    )


def recent_requests(
    conn: Connection, now: datetime, reach: Reach, scope: Scope | None
) -> tuple[RequestFacts, ...]:
    i = interactions.c
    within = _between(conn, now - reach.requests, now, scope)
    rows = driver_rows(
        conn,
        select(
            requests.c.id,
            requests.c.text,
            requests.c.due,
            i.id.label("iid"),
            i.at,
            i.opportunity_id,
        )
        .select_from(requests.join(interactions, i.id == requests.c.interaction_id))
        .where(*within)
        .order_by(i.at, requests.c.id),
    )
    # Read for a scope, the scope's own interactions narrow it enough: the request's
    # condition on top made SQLite go through every request first.
    narrowed = (
        within if scope is not None else [i.id.in_(select(requests.c.interaction_id)), *within]
    )
    who = participants(conn, narrowed)
    return tuple(
        RequestFacts(
            id=request_id,
            text=text,
            at=_moment(at),
            due=_moment(due),
            interaction_id=interaction_id,
            authors=tuple(who.get(interaction_id, ())),
            opportunity_id=opp_id,
        )
        for request_id, text, due, interaction_id, at, opp_id in rows
    )
