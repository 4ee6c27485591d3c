"""Logging interactions: who it was with, when, which way, what was asked and what a
message of ours was for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import (
    Direction,
    InteractionKind,
    Purpose,
    Role,
)
from topofmind.domain.purposes import purpose_from_words
from topofmind.domain.records import (
    Interaction,
    Opportunity,
    Request,
)
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.inputs import moment, parse_choice
from topofmind.services.lookup import (
    resolve_opportunity,
    stored_id,
)
from topofmind.services.opportunities import move_on_held
from topofmind.services.people import person_or_new
from topofmind.services.when import Leaning, zone
from topofmind.store import interactions as interaction_store
from topofmind.store import opportunities as opp_store
from topofmind.store import touches


def default_direction(kind: InteractionKind, has_request: bool) -> Direction:
    if has_request:
        return Direction.INBOUND
    if kind in {
        InteractionKind.EMAIL,
        InteractionKind.MESSAGE,
        InteractionKind.LINKEDIN_CONNECTION,
        InteractionKind.LINKEDIN_ENGAGEMENT,
    }:
        return Direction.OUTBOUND
    return Direction.BOTH


#: The part a participant plays when first met in an interaction of this kind.
ROLE_FROM_KIND = {
    InteractionKind.INTERVIEW: Role.INTERVIEWER,
    InteractionKind.PHONE_SCREEN: Role.RECRUITER,
    InteractionKind.INFORMATIONAL_INTERVIEW: Role.INSIDER,
}


@dataclass
class LogEntry:
    """What `tom log` and the web form hand to ``log_interaction``."""

    kind: str
    with_: list[str]
    opportunity: str | None = None
    at: str | None = None
    ends_at: str | None = None
    direction: str | None = None
    summary: str = ""
    subject: str = ""
    points: list[str] = field(default_factory=list)
    wishes: list[str] = field(default_factory=list)
    request: str | None = None
    request_by: str | None = None
    scheduled: bool = False
    location: str = ""
    #: Add a name no one in the record has as a new person (at the opportunity's
    #: organization), rather than stop: a panel member met for the first time.
    add_new_people: bool = False
    #: What a message of ours is for (``Purpose`` value); else inferred.
    purpose: str | None = None


def log_interaction(ctx: Context, entry: LogEntry) -> Interaction:
    """Record what was typed, or complete the scheduled conversation it is; move its
    opportunity on and involve the people met there."""
    kind = parse_choice(InteractionKind, entry.kind, "interaction kind")
    if not entry.with_:
        raise InvalidValue("Say who it was with.", field="with")
    if entry.request_by and not entry.request:
        raise InvalidValue("A deadline needs the request it is for.", field="request_by")
    direction = (
        parse_choice(Direction, _direction_word(entry.direction), "direction")
        if entry.direction
        else default_direction(kind, bool(entry.request))
    )
    at, ends_at, due = _moments(ctx, entry)
    purpose = parse_choice(Purpose, entry.purpose, "purpose") if entry.purpose else None
    open_actions = (
        _open_actions(ctx)
        if purpose is None and direction is Direction.OUTBOUND and kind in ASKING_KINDS
        else []
    )
    with ctx.db.begin() as conn:
        touch = touches.open_touch(conn)
        opp = _named_opportunity(conn, entry.opportunity)
        org_id = opp.organization_id if opp else None
        participants = list(
            dict.fromkeys(
                person_or_new(ctx, conn, who, entry.add_new_people, org_id, "with")
                for who in entry.with_
            )
        )
        opp = opp or _only_active_opportunity(ctx, conn, participants)
        opp_id = stored_id(opp) if opp else None
        item = Interaction(
            at=at,
            ends_at=ends_at,
            kind=kind,
            direction=direction,
            participants=participants,
            opportunity_id=opp_id,
            summary=entry.summary,
            subject=entry.subject,
            points=[p for p in entry.points if p.strip()],
            wishes=[w for w in entry.wishes if w.strip()],
            requests=[Request(entry.request, due)]
            if entry.request
            else _asks(ctx, kind, direction, entry.summary, at),
            scheduled=entry.scheduled or at > ctx.now,
            location=entry.location,
            purpose=purpose or inferred_purpose(entry, participants, opp_id, open_actions),
        )
        item, item_id = _recorded(ctx, conn, item, timed=entry.at is not None)
        _file_under(ctx, conn, item, kind, participants, opp)
        logged = interaction_store.get_interaction(conn, item_id)
        touches.close_touch(
            conn,
            touch,
            people=[*participants, *logged.participants],
            opportunities=[o for o in (opp_id, logged.opportunity_id) if o is not None],
        )
        return logged


def _named_opportunity(conn: Connection, name: str | None) -> Opportunity | None:
    """The opportunity named (``--opp``), if one was."""
    return opp_store.get_opportunity(conn, resolve_opportunity(conn, name)) if name else None


def _moments(ctx: Context, entry: LogEntry) -> tuple[datetime, datetime | None, datetime | None]:
    """When it began and ended, and when a request in it is due."""
    # Logged without --scheduled, "friday" is the Friday just gone; a deadline lies ahead.
    leaning: Leaning = "future" if entry.scheduled else "past"
    at = moment(ctx, entry.at, leaning=leaning)
    ends_at = moment(ctx, entry.ends_at, leaning=leaning) if entry.ends_at else None
    if ends_at and ends_at < at:
        raise InvalidValue("The end comes before the start.", field="ends_at")
    due = None
    if entry.request_by:
        due = moment(ctx, entry.request_by, default_time=ctx.profile().work_end, leaning="future")
    return at, ends_at, due


def _recorded(
    ctx: Context, conn: Connection, item: Interaction, timed: bool
) -> tuple[Interaction, int]:
    """The interaction added, or the scheduled one it completes; and its id."""
    if not item.scheduled:  # the holding of a scheduled one completes it
        from topofmind.services.held import complete_matching

        completed = complete_matching(ctx, conn, item, timed=timed)
        if completed is not None:
            return completed, stored_id(completed)
    item_id = interaction_store.add_interaction(conn, item)
    interaction_store.set_recorded_at(conn, item_id, ctx.now)
    return item, item_id


def _file_under(
    ctx: Context,
    conn: Connection,
    item: Interaction,
    kind: InteractionKind,
    participants: list[int],
    opp: Opportunity | None,
) -> None:
    """Move the interaction's opportunity on as far as its conversations show, and
    involve the people met in the part a conversation of this ``kind`` gives them
    (``opp``, read before, is used if it is the interaction's)."""
    if not item.opportunity_id:
        return
    if opp is None or stored_id(opp) != item.opportunity_id:
        opp = opp_store.get_opportunity(conn, item.opportunity_id)
    move_on_held(ctx, conn, opp, item)
    role = ROLE_FROM_KIND.get(kind)
    if role:
        involved = {i.person_id for i in opp.people}
        for person_id in participants:
            if person_id not in involved:
                opp_store.involve(conn, item.opportunity_id, person_id, role)


#: Rules whose action a message cannot carry out: it is done on LinkedIn.
ON_LINKEDIN = frozenset({rule_names.CONNECT, rule_names.ENGAGE})


def _open_actions(ctx: Context) -> list[Action]:
    from topofmind.services.agenda import current_actions

    return current_actions(ctx)


def inferred_purpose(
    entry: LogEntry, participants: list[int], opp_id: int | None, open_actions: list[Action]
) -> Purpose | None:
    """What a message of ours is for, when not said: what its words show ("Thank you for
    your time"), else the purpose of the most urgent open action it closes (a message to
    Dana while her thank-you is owed is the thank-you), else a subject in reply ("Re:"),
    else None (the playbook reads it by its place among the messages)."""
    if not open_actions:  # not a message of ours, or its purpose was given
        return None
    words = purpose_from_words(entry.subject, entry.summary)
    if words is not None and words is not Purpose.REPLY:
        return words
    who = set(participants)
    for action in open_actions:  # most urgent first
        if (
            action.purpose is None
            or action.rule in ON_LINKEDIN
            or not who.intersection(action.people)
        ):
            continue
        if opp_id is None or action.opportunity_id in (None, opp_id):
            return action.purpose
    return words


def set_purpose(ctx: Context, interaction_id: int, purpose: str | None) -> Interaction:
    """Say what a recorded message of ours was for (``none`` forgets it: the playbook then
    reads it by its place among the messages)."""
    chosen = (
        None
        if purpose is None or purpose.strip().lower() in ("", "none")
        else parse_choice(Purpose, purpose, "purpose")
    )
    with ctx.db.begin() as conn:
        item = interaction_store.get_interaction(conn, interaction_id)
        if item.direction is not Direction.OUTBOUND:
            raise InvalidValue(
                f"Interaction #{interaction_id} is not a message of yours (it is "
                f"{item.direction.value}); only what you sent has a purpose."
            )
        interaction_store.set_purpose(conn, interaction_id, chosen)
        return interaction_store.get_interaction(conn, interaction_id)


#: Kinds whose inbound summary is read for asks, as the importers read a message's text.
ASKING_KINDS = frozenset({InteractionKind.EMAIL, InteractionKind.MESSAGE, InteractionKind.CALL})


def _asks(
    ctx: Context, kind: InteractionKind, direction: Direction, summary: str, at: datetime
) -> list[Request]:
    """What an inbound message's summary asks of you, and by when, each said in a notice:
    "Could you send your portfolio before Monday?" is a request due Friday at 17:00."""
    if direction is not Direction.INBOUND or kind not in ASKING_KINDS or not summary.strip():
        return []
    from topofmind.capture.requests import find_requests

    here = zone(ctx.timezone)
    found = find_requests(summary, at.astimezone(here))
    for ask in found:
        by = f" (by {ask.due.astimezone(here):%a %d %b %H:%M})" if ask.due else ""
        ctx.notice(f'Read as a request: "{ask.text}"{by}; --request TEXT words it yourself.')
    return found


def _direction_word(text: str) -> str:
    return {"inbound": "in", "outbound": "out", "incoming": "in", "outgoing": "out"}.get(
        text.strip().lower(), text
    )


def _only_active_opportunity(
    ctx: Context, conn: Connection, participants: list[int]
) -> Opportunity | None:
    """The opportunity the participants share, when there is exactly one active one."""
    found: dict[int, Opportunity] = {}
    for person_id in participants:
        for opp in opp_store.list_opportunities(conn, person_id=person_id):
            if opp.stage.is_active:
                found[stored_id(opp)] = opp
    if len(found) == 1:
        opp_id, opp = found.popitem()
        ctx.notice(
            f"Filed under {opp.title} at {opp.organization_name} (#{opp_id}); "
            "use --opp to choose another."
        )
        return opp
    return None
