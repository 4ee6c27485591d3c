"""Last contact per person and per opportunity, reduced from one read of recent interactions.

The playbook's facts need, for everyone, when they last wrote or spoke to us and we to
them, how many of our messages wait for an answer and which of those hold the next
touch back. One indexed range read and a pass in Python are several times faster than
grouped window queries, on SQLite and PostgreSQL alike; moments stay as the driver
returns them until the few that win are converted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, or_, select, union
from sqlalchemy.orm import aliased

from topofmind.domain.enums import Direction, InteractionKind, Purpose, Role
from topofmind.domain.facts import Contact, Scope
from topofmind.store.rows import OWNER, among, driver_rows, moment
from topofmind.store.schema import (
    interaction_participants,
    interactions,
    opportunities,
    opportunity_people,
)

LINKEDIN = (InteractionKind.LINKEDIN_CONNECTION.value, InteractionKind.LINKEDIN_ENGAGEMENT.value)
IN, OUT = Direction.INBOUND.value, Direction.OUTBOUND.value
#: Stored values to members, a dictionary lookup instead of an enum call per row.
PURPOSES = {p.value: p for p in Purpose}

#: The slots of one person's or opportunity's contact while the rows are reduced: last
#: inbound, last outbound, last outbound message, outbound messages since the last
#: inbound, last LinkedIn engagement, last connection request, unanswered follow-ups,
#: last unanswered message that waits out the spacing, and the record ids of the last
#: inbound, outbound and outbound message.
EMPTY = (None, None, None, 0, None, None, 0, None, 0, 0, 0)
#: The slots holding a moment, converted once the rows are reduced.
MOMENT_SLOTS = (0, 1, 2, 4, 5, 7)


def last_contacts(
    conn: Connection, now: datetime, since: timedelta, scope: Scope | None = None
) -> tuple[dict[int, list], dict[int, list]]:
    """Last contact per person and per opportunity, from the interactions of the ``since``
    before ``now`` (each value holds the slots of ``EMPTY``). Moments are ordered by
    (moment, id), so what was recorded later in the same minute counts as later. With a
    ``scope``, only the interactions of its people and opportunities are read."""
    people_found: dict[int, list] = {}
    opps_found: dict[int, list] = {}
    messages = _reduce(_rows(conn, now, since, scope), people_found, opps_found)
    _count_unanswered(messages, people_found, opps_found, _inside(conn, scope))
    for table in (people_found, opps_found):
        for found in table.values():
            for slot in MOMENT_SLOTS:
                found[slot] = moment(found[slot])
    return people_found, opps_found


def contact_ties(
    conn: Connection, now: datetime, since: timedelta, scope: Scope | None = None
) -> list[tuple[tuple[int, ...], int | None]]:
    """The interactions ``last_contacts`` reads that tie people to each other or to an
    opportunity, as (people, opportunity): one's contact is reckoned with the others'.
    Asked apart, by the few that group people (``playbook.groups``)."""
    tied: dict[int, list] = {}
    for row_id, _, _, _, opp_id, person_id, _ in _rows(conn, now, since, scope):
        tie = tied.get(row_id)
        if tie is None:
            tie = tied[row_id] = [opp_id, set()]
        if person_id is not None:
            tie[1].add(person_id)
    return [
        (tuple(sorted(who)), opp_id)
        for opp_id, who in tied.values()
        if len(who) > 1 or (who and opp_id is not None)
    ]


def in_scope(i, scope: Scope, dialect: str):
    """The condition that keeps the interactions (``i``: their columns) of a scope's
    people or opportunities (those it names, once looked up: ``scope_interactions``)."""
    if scope.interactions is not None:
        return among(i.id, scope.interactions, dialect)
    p = aliased(interaction_participants).c
    return or_(
        i.id.in_(select(p.interaction_id).where(p.person_id.in_(scope.people))),
        i.opportunity_id.in_(scope.opportunities),
    )


def scope_interactions(conn: Connection, scope: Scope) -> frozenset[int]:
    """The ids of the interactions of a scope's people or opportunities."""
    i, p = interactions.c, interaction_participants.c
    return frozenset(
        conn.scalars(
            union(
                select(p.interaction_id).where(p.person_id.in_(scope.people)),
                select(i.id).where(i.opportunity_id.in_(scope.opportunities)),
            )
        )
    )


def _rows(conn: Connection, now: datetime, since: timedelta, scope: Scope | None) -> Sequence[Any]:
    i, p = interactions.c, interaction_participants.c
    conditions = [i.owner_id == OWNER, i.cancelled.is_(False), i.at <= now, i.at >= now - since]
    if scope is not None:
        conditions.append(in_scope(i, scope, conn.dialect.name))
    return driver_rows(
        conn,
        select(i.id, i.at, i.direction, i.kind, i.opportunity_id, p.person_id, i.purpose)
        .select_from(interactions.outerjoin(interaction_participants, p.interaction_id == i.id))
        .where(*conditions),
    )


def _reduce(rows: Sequence[Any], people_found: dict, opps_found: dict) -> dict[int, list]:
    """Fill ``people_found`` and ``opps_found`` from ``rows``; return our messages (not
    LinkedIn) by id as [moment, opportunity, purpose, people]."""
    messages: dict[int, list] = {}
    for row_id, at, direction, kind, opp_id, person_id, purpose in rows:
        if direction == OUT and kind not in LINKEDIN:
            message = messages.get(row_id)
            if message is None:
                message = messages[row_id] = [at, opp_id, purpose, []]
            if person_id is not None:
                message[3].append(person_id)
        targets = []
        if person_id is not None:
            found = people_found.get(person_id)
            if found is None:
                found = people_found[person_id] = list(EMPTY)
            targets.append(found)
        if opp_id is not None:  # a panel repeats the row: harmless for a maximum
            found = opps_found.get(opp_id)
            if found is None:
                found = opps_found[opp_id] = list(EMPTY)
            targets.append(found)
        for found in targets:
            _note(found, row_id, at, direction, kind)
    return messages


def _note(found: list, row_id: int, at, direction: str, kind: str) -> None:
    """Keep one interaction in ``found`` where it is the latest of its kind."""
    if kind in LINKEDIN:
        if direction == OUT:
            _note_linkedin(found, at, kind)
        return
    # Later: a later moment, or the same moment recorded later (a larger id).
    if direction != OUT:
        last = found[0]
        if last is None or at > last or (at == last and row_id > found[8]):
            found[0] = at
            found[8] = row_id
    if direction != IN:
        last = found[1]
        if last is None or at > last or (at == last and row_id > found[9]):
            found[1] = at
            found[9] = row_id
        if direction == OUT:
            last = found[2]
            if last is None or at > last or (at == last and row_id > found[10]):
                found[2] = at
                found[10] = row_id


def _note_linkedin(found: list, at, kind: str) -> None:
    """Keep our LinkedIn engagement or connection request where it is the latest."""
    slot = 4 if kind == LINKEDIN[1] else 5
    if found[slot] is None or at > found[slot]:
        found[slot] = at


def _count_unanswered(messages: dict, people_found: dict, opps_found: dict, inside: set) -> None:
    """Our messages since each person's and opportunity's last inbound, by purpose.

    Every one counts as unanswered; only follow-ups count toward the cap, and only to
    people other than the opportunity's insiders (networking never counts against the
    application); follow-ups, updates, supplementary notes and networking asks start
    the spacing. A message whose purpose is not recorded is read by its place: the
    first message to someone after they wrote or spoke to us answers them (a reply or
    a thank-you), a later one, or one to someone who never did, is a follow-up.
    """
    answered: set[int] = set()  # people already written to since they last wrote
    for row_id, (at, opp_id, stored, who) in sorted(
        messages.items(), key=lambda m: (m[1][0], m[0])
    ):
        purpose = PURPOSES.get(stored) if stored else None
        replying = False
        counted = []
        for person_id in who:
            found = people_found[person_id]
            last = found[0]
            if last is None:
                counted.append(found)
            elif at > last or (at == last and row_id > found[8]):
                counted.append(found)
                if person_id not in answered:
                    answered.add(person_id)
                    replying = True
        if purpose is None:
            purpose = Purpose.REPLY if replying else Purpose.FOLLOW_UP
        for found in counted:
            _count(found, at, purpose)
        if opp_id is not None:
            found = opps_found[opp_id]
            last = found[0]
            if last is None or at > last or (at == last and row_id > found[8]):
                networking = bool(who) and all((opp_id, p) in inside for p in who)
                _count(found, at, Purpose.NETWORKING if networking else purpose)


def _count(found: list, at, purpose: Purpose) -> None:
    found[3] += 1
    if purpose.counts_toward_cap:
        found[6] += 1
    if purpose.spaced and (found[7] is None or at > found[7]):
        found[7] = at


def _inside(conn: Connection, scope: Scope | None) -> set[tuple[int, int]]:
    """(opportunity, person) pairs of each opportunity's insiders and referrers (of the
    ``scope``'s opportunities only, when given)."""
    op = opportunity_people.c
    conditions = [
        opportunities.c.owner_id == OWNER,
        op.role.in_([Role.INSIDER.value, Role.REFERRER.value]),
    ]
    if scope is not None:
        conditions.append(op.opportunity_id.in_(scope.opportunities))
    return {
        (opp_id, person_id)
        for opp_id, person_id in driver_rows(
            conn,
            select(op.opportunity_id, op.person_id)
            .join(opportunities, opportunities.c.id == op.opportunity_id)
            .where(*conditions),
        )
    }


def as_contact(found: list | None) -> Contact:
    """The ``Contact`` the slots of ``found`` hold (no contact for None)."""
    if found is None:
        return Contact()
    last_in, last_out, last_msg, unanswered = found[:4]
    return Contact(
        last_in,
        last_out,
        last_msg,
        unanswered,
        followups=found[6],
        last_spaced=found[7],
        last_out_id=found[9],
        last_out_message_id=found[10],
    )
