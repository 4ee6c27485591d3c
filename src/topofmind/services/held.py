"""A scheduled conversation, once held, is completed rather than recorded twice.

Logging a conversation with the same people at an overlapping time as one logged
earlier with ``--scheduled`` completes that one: its moment, notes and summary are
the held one's, and the thank-you it owes is one per person, not two. `tom held ID`
(and the web form) complete or annotate a conversation by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Connection

from topofmind.domain.enums import CONVERSATIONS
from topofmind.domain.records import Interaction, Request
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.store import interactions as interaction_store
from topofmind.store import opportunities as opp_store

#: How long a conversation logged without an end is taken to last.
DEFAULT_LENGTH = timedelta(hours=1)
#: Times a person types for a held conversation are a little off the planned ones.
SLACK = timedelta(hours=1)
#: A conversation logged without --at took place in the hours before it was logged.
UNTIMED = timedelta(hours=12)
KINDS = sorted(k.value for k in CONVERSATIONS)


def span(item: Interaction) -> tuple[datetime, datetime]:
    return item.at, item.ends_at or item.at + DEFAULT_LENGTH


def matching_scheduled(
    conn: Connection, item: Interaction, now: datetime, timed: bool
) -> Interaction | None:
    """The scheduled conversation ``item`` is the holding of: one with a person of it,
    at an overlapping time (any time in the hours before ``now`` when ``item`` was
    logged without one), on the same opportunity when both have one."""
    if not item.kind.is_conversation or not item.participants:
        return None
    if timed:
        start, end = span(item)
        start, end = start - SLACK, end + SLACK
    else:
        start, end = now - UNTIMED, now + SLACK
    found = [
        c
        for c in interaction_store.scheduled_candidates(
            conn, item.participants, KINDS, start - timedelta(days=1), end
        )
        if c.id != item.id
        and span(c)[1] >= start
        and (
            c.opportunity_id is None
            or item.opportunity_id is None
            or c.opportunity_id == item.opportunity_id
        )
    ]
    if not found:
        return None

    def closeness(c: Interaction) -> tuple:
        shared = len(set(c.participants) & set(item.participants))
        return (-shared, abs((c.at - item.at).total_seconds()) if timed else 0, c.id)

    return min(found, key=closeness)


def matching_logged(
    conn: Connection, person_ids: list[int], at: datetime, ends_at: datetime | None
) -> int | None:
    """The conversation logged by hand, or scheduled, that an imported calendar event
    with ``person_ids`` from ``at`` to ``ends_at`` is: the same people at an overlapping
    time. An import then completes it rather than adding a second one."""
    if not person_ids:
        return None
    start, end = at - SLACK, (ends_at or at + DEFAULT_LENGTH) + SLACK
    found = [
        c
        for c in interaction_store.scheduled_candidates(
            conn, person_ids, KINDS, start - timedelta(days=1), end, manual_too=True
        )
        if span(c)[1] >= start
    ]
    if not found:
        return None
    best = min(
        found,
        key=lambda c: (
            -len(set(c.participants) & set(person_ids)),
            abs((c.at - at).total_seconds()),
            c.id,
        ),
    )
    return best.id


def merge_held(scheduled: Interaction, held: Interaction, timed: bool) -> Interaction:
    """``scheduled`` completed with what was logged of it: held, at the moment and with
    the people, notes and summary the log gives."""
    scheduled.scheduled = False
    scheduled.kind = held.kind
    if timed:
        scheduled.at = held.at
    if held.ends_at is not None:
        scheduled.ends_at = held.ends_at
    elif timed:
        scheduled.ends_at = None
    scheduled.participants = list(dict.fromkeys([*scheduled.participants, *held.participants]))
    scheduled.summary = held.summary or scheduled.summary
    scheduled.subject = held.subject or scheduled.subject
    scheduled.points = [*scheduled.points, *(p for p in held.points if p not in scheduled.points)]
    scheduled.wishes = [*scheduled.wishes, *(w for w in held.wishes if w not in scheduled.wishes)]
    scheduled.requests = [*scheduled.requests, *held.requests]
    scheduled.opportunity_id = scheduled.opportunity_id or held.opportunity_id
    scheduled.location = scheduled.location or held.location
    return scheduled


def complete_matching(
    ctx: Context, conn: Connection, item: Interaction, timed: bool
) -> Interaction | None:
    """Complete the scheduled conversation ``item`` holds, if there is one, and say so."""
    scheduled = matching_scheduled(conn, item, ctx.now, timed)
    if scheduled is None:
        return None
    planned = scheduled.at
    done = merge_held(scheduled, item, timed)
    interaction_store.update_interaction(conn, done)
    from topofmind.services.when import zone

    when = planned.astimezone(zone(ctx.timezone))
    ctx.notice(
        f"Completed the {done.kind.label} scheduled for {when:%a %d %b %H:%M} (#{done.id}) "
        f"rather than recording a second one; `tom held {done.id}` adds to it."
    )
    return done


@dataclass
class HeldEntry:
    """What `tom held` and the web form give about a conversation that took place."""

    at: str | None = None
    ends_at: str | None = None
    summary: str = ""
    points: list[str] = field(default_factory=list)
    wishes: list[str] = field(default_factory=list)
    with_: list[str] = field(default_factory=list)
    request: str | None = None
    request_by: str | None = None


def complete_conversation(ctx: Context, interaction_id: int, entry: HeldEntry) -> Interaction:
    """Mark the conversation ``interaction_id`` held (if it was scheduled) and add what
    ``entry`` gives: a moment, an end, a summary, talking points, wishes, people."""
    from topofmind.services.inputs import moment
    from topofmind.services.lookup import resolve_person
    from topofmind.services.opportunities import move_on_held

    with ctx.db.begin() as conn:
        item = interaction_store.get_interaction(conn, interaction_id)
        if not item.kind.is_conversation:
            raise InvalidValue(
                f"#{interaction_id} is a {item.kind.label}, not a conversation; "
                "only conversations are scheduled and held."
            )
        at = moment(ctx, entry.at, leaning="past") if entry.at else item.at
        ends_at = moment(ctx, entry.ends_at, leaning="past") if entry.ends_at else None
        if at > ctx.now:
            raise InvalidValue(
                f"#{interaction_id} is planned for later; it can be held once it has started."
            )
        if ends_at and ends_at < at:
            raise InvalidValue("The end comes before the start.", field="ends_at")
        due = None
        if entry.request_by:
            due = moment(ctx, entry.request_by, leaning="future")
        held = Interaction(
            at=at,
            ends_at=ends_at,
            kind=item.kind,
            direction=item.direction,
            participants=[resolve_person(conn, who) for who in entry.with_],
            opportunity_id=item.opportunity_id,
            summary=entry.summary,
            points=[p for p in entry.points if p.strip()],
            wishes=[w for w in entry.wishes if w.strip()],
            requests=[Request(entry.request, due)] if entry.request else [],
        )
        done = merge_held(item, held, timed=True)
        interaction_store.update_interaction(conn, done)
        if done.opportunity_id is not None:
            move_on_held(ctx, conn, opp_store.get_opportunity(conn, done.opportunity_id), done)
        return interaction_store.get_interaction(conn, interaction_id)
