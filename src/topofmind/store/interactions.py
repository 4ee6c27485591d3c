"""Interactions with their participants, talking points, wishes and requests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, delete, select

from topofmind.domain.enums import Direction, InteractionKind, NoteKind, Purpose
from topofmind.domain.purposes import purpose_from_words
from topofmind.domain.records import Interaction, Request
from topofmind.errors import UnknownRecord
from topofmind.store.rows import OWNER, insert_row, saved, update_row
from topofmind.store.schema import (
    interaction_notes,
    interaction_participants,
    interactions,
    opportunities,
    people,
    requests,
)

#: Kinds of message that carry a purpose when they are ours.
MESSAGE_KINDS = frozenset({InteractionKind.EMAIL, InteractionKind.MESSAGE, InteractionKind.CALL})


def purpose_of(item: Interaction) -> Purpose | None:
    """The purpose given, else the one the words of an outbound message show, else None
    (the playbook then infers it from the order of messages)."""
    if item.purpose is not None:
        return item.purpose
    if item.direction is Direction.OUTBOUND and item.kind in MESSAGE_KINDS:
        return purpose_from_words(item.subject, item.summary)
    return None


def _values(item: Interaction) -> dict:
    item.purpose = purpose_of(item)
    return {
        "at": item.at,
        "ends_at": item.ends_at,
        "kind": item.kind.value,
        "direction": item.direction.value,
        "opportunity_id": item.opportunity_id,
        "subject": item.subject,
        "summary": item.summary,
        "scheduled": item.scheduled,
        "location": item.location,
        "source": item.source,
        "external_id": item.external_id,
        "message_id": item.message_id,
        "in_reply_to": item.in_reply_to,
        "references": list(item.references),
        "purpose": item.purpose.value if item.purpose else None,
    }


def add_interaction(conn: Connection, item: Interaction, batch_id: int | None = None) -> int:
    item.id = insert_row(conn, interactions, {**_values(item), "batch_id": batch_id})
    _write_children(conn, item)
    return item.id


def update_interaction(conn: Connection, item: Interaction) -> None:
    update_row(conn, interactions, saved(item.id), _values(item))
    for table in (interaction_participants, interaction_notes, requests):
        conn.execute(delete(table).where(table.c.interaction_id == item.id))
    _write_children(conn, item)


def _write_children(conn: Connection, item: Interaction) -> None:
    for person_id in dict.fromkeys(item.participants):
        insert_row(
            conn, interaction_participants, {"interaction_id": item.id, "person_id": person_id}
        )
    for position, text in enumerate(item.points):
        insert_row(
            conn,
            interaction_notes,
            {
                "interaction_id": item.id,
                "kind": NoteKind.POINT.value,
                "text": text,
                "position": position,
            },
        )
    for position, text in enumerate(item.wishes):
        insert_row(
            conn,
            interaction_notes,
            {
                "interaction_id": item.id,
                "kind": NoteKind.WISH.value,
                "text": text,
                "position": position,
            },
        )
    for request in item.requests:
        request.id = insert_row(
            conn, requests, {"interaction_id": item.id, "text": request.text, "due": request.due}
        )


def set_purpose(conn: Connection, interaction_id: int, purpose: Purpose | None) -> None:
    update_row(conn, interactions, interaction_id, {"purpose": purpose.value if purpose else None})


def set_cancelled(conn: Connection, interaction_id: int, cancelled: bool = True) -> None:
    update_row(conn, interactions, interaction_id, {"cancelled": cancelled})


def find_by_external_id(conn: Connection, source: str, external_id: str) -> int | None:
    query = select(interactions.c.id).where(
        interactions.c.owner_id == OWNER,
        interactions.c.source == source,
        interactions.c.external_id == external_id,
    )
    return conn.execute(query).scalar()


#: The source of an email topofmind recorded for the person: sent over SMTP, or sent
#: from their own mail program and recorded with "I sent it" (without a Message-ID).
DRAFT_SOURCE = "topofmind"


def sent_from_here(conn: Connection) -> dict[str, int]:
    """The Message-IDs of the emails topofmind sent, to their interaction: the copy of one
    read back from the Sent folder is that message, not another."""
    i = interactions.c
    query = select(i.message_id, i.id).where(
        i.owner_id == OWNER, i.source == DRAFT_SOURCE, i.message_id.is_not(None)
    )
    return {message_id: row_id for message_id, row_id in conn.execute(query)}


@dataclass(frozen=True)
class SentByHand:
    """A message recorded with "I sent it": sent outside topofmind, not yet matched to
    the copy the mail or the LinkedIn export will bring."""

    id: int
    kind: InteractionKind
    at: datetime
    subject: str
    people: frozenset[int]
    #: What was recorded as sent: the draft's text.
    text: str = ""


def sent_by_hand(conn: Connection) -> list[SentByHand]:
    """Every message recorded with "I sent it" and not matched yet (a handful at most)."""
    i, ip = interactions.c, interaction_participants.c
    query = (
        select(i.id, i.kind, i.at, i.subject, i.summary, ip.person_id)
        .join(interaction_participants, ip.interaction_id == i.id)
        .where(
            i.owner_id == OWNER,
            i.source == DRAFT_SOURCE,
            i.message_id.is_(None),
            i.direction == Direction.OUTBOUND.value,
            i.cancelled.is_(False),
        )
    )
    found: dict[int, tuple] = {}
    people: dict[int, set[int]] = {}
    for row_id, kind, at, subject, text, person_id in conn.execute(query):
        found[row_id] = (InteractionKind(kind), at, subject or "", text or "")
        people.setdefault(row_id, set()).add(person_id)
    return [
        SentByHand(k, kind, at, subject, frozenset(people[k]), text)
        for k, (kind, at, subject, text) in sorted(found.items())
    ]


def same_subject(subject: str) -> str:
    """A subject as compared across mail programs: without "Re:"/"Fwd:" and spacing."""
    return " ".join(REPLY_PREFIX.sub("", subject).split()).casefold()


REPLY_PREFIX = re.compile(r"^(\s*(re|fw|fwd|aw|sv)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def list_interactions(
    conn: Connection,
    *,
    ids: list[int] | None = None,
    person_id: int | None = None,
    opportunity_id: int | None = None,
    organization_id: int | None = None,
    include_cancelled: bool = False,
    newest_first: bool = True,
    limit: int | None = None,
) -> list[Interaction]:
    """Interactions with everything recorded about them, for timelines and exports."""
    query = select(interactions).where(interactions.c.owner_id == OWNER)
    if ids is not None:
        query = query.where(interactions.c.id.in_(ids))
    if not include_cancelled:
        query = query.where(interactions.c.cancelled.is_(False))
    if person_id is not None:
        query = query.where(
            interactions.c.id.in_(
                select(interaction_participants.c.interaction_id).where(
                    interaction_participants.c.person_id == person_id
                )
            )
        )
    if opportunity_id is not None:
        query = query.where(interactions.c.opportunity_id == opportunity_id)
    if organization_id is not None:
        query = query.where(
            interactions.c.id.in_(
                select(interaction_participants.c.interaction_id)
                .join(people, people.c.id == interaction_participants.c.person_id)
                .where(people.c.organization_id == organization_id)
            )
            | interactions.c.opportunity_id.in_(
                select(opportunities.c.id).where(opportunities.c.organization_id == organization_id)
            )
        )
    order = interactions.c.at.desc() if newest_first else interactions.c.at
    query = query.order_by(order, interactions.c.id.desc() if newest_first else interactions.c.id)
    if limit:
        query = query.limit(limit)
    rows = conn.execute(query).mappings().all()
    return _hydrate(conn, rows)


def get_interaction(conn: Connection, interaction_id: int) -> Interaction:
    found = list_interactions(conn, ids=[interaction_id], include_cancelled=True)
    if not found:
        raise UnknownRecord(f"No interaction has id {interaction_id}.")
    return found[0]


def _hydrate(conn: Connection, rows) -> list[Interaction]:
    ids = [r["id"] for r in rows]
    participants: dict[int, list[tuple[int, str]]] = {}
    notes: dict[int, dict[str, list[str]]] = {}
    asks: dict[int, list[Request]] = {}
    for chunk in _chunks(ids, 5000):
        for r in conn.execute(
            select(interaction_participants.c.interaction_id, people.c.id, people.c.name)
            .join(people, people.c.id == interaction_participants.c.person_id)
            .where(interaction_participants.c.interaction_id.in_(chunk))
            .order_by(interaction_participants.c.id)
        ):
            participants.setdefault(r[0], []).append((r[1], r[2]))
        for n in conn.execute(
            select(interaction_notes)
            .where(interaction_notes.c.interaction_id.in_(chunk))
            .order_by(interaction_notes.c.position, interaction_notes.c.id)
        ).mappings():
            note = notes.setdefault(n["interaction_id"], {}).setdefault(n["kind"], [])
            note.append(n["text"])
        for a in conn.execute(
            select(requests).where(requests.c.interaction_id.in_(chunk)).order_by(requests.c.id)
        ).mappings():
            asks.setdefault(a["interaction_id"], []).append(Request(a["text"], a["due"], a["id"]))
    out = []
    for r in rows:
        who = participants.get(r["id"], [])
        mine = notes.get(r["id"], {})
        out.append(
            Interaction(
                id=r["id"],
                at=r["at"],
                ends_at=r["ends_at"],
                kind=InteractionKind(r["kind"]),
                direction=Direction(r["direction"]),
                participants=[p for p, _ in who],
                participant_names=[n for _, n in who],
                opportunity_id=r["opportunity_id"],
                subject=r["subject"],
                summary=r["summary"],
                points=mine.get(NoteKind.POINT.value, []),
                wishes=mine.get(NoteKind.WISH.value, []),
                requests=asks.get(r["id"], []),
                scheduled=r["scheduled"],
                location=r["location"],
                source=r["source"],
                external_id=r["external_id"],
                message_id=r["message_id"],
                in_reply_to=r["in_reply_to"],
                references=list(r["references"] or []),
                purpose=Purpose(r["purpose"]) if r["purpose"] else None,
            )
        )
    return out


def _chunks(items: list[int], size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def set_recorded_at(conn: Connection, interaction_id: int, at: datetime) -> None:
    """When the interaction became known: preparation for a conversation set at short
    notice counts from then."""
    update_row(conn, interactions, interaction_id, {"created_at": at})


def scheduled_candidates(
    conn: Connection,
    person_ids: list[int],
    kinds: list[str],
    start: datetime,
    end: datetime,
    *,
    manual_too: bool = False,
) -> list[Interaction]:
    """Conversations still marked scheduled (with ``manual_too``, also any logged by
    hand), of ``kinds``, with one of ``person_ids``, starting between ``start`` and
    ``end``, earliest first."""
    which: ColumnElement[bool] = interactions.c.scheduled.is_(True)
    if manual_too:
        which = which | (interactions.c.source == "manual")
    query = (
        select(interactions)
        .where(
            interactions.c.owner_id == OWNER,
            which,
            interactions.c.cancelled.is_(False),
            interactions.c.kind.in_(kinds),
            interactions.c.at >= start,
            interactions.c.at <= end,
            interactions.c.id.in_(
                select(interaction_participants.c.interaction_id).where(
                    interaction_participants.c.person_id.in_(person_ids)
                )
            ),
        )
        .order_by(interactions.c.at, interactions.c.id)
    )
    return _hydrate(conn, conn.execute(query).mappings().all())
