"""Thank-you: after each conversation, thank every participant, citing what you discussed.

Chapter strategy, "Follow up promptly": "Send a thank-you email or note within
24 hours after each interview or meeting." One action per participant ("Tailor your
communication to each hiring manager or interviewer"), so a panel of two gives two
thank-yous.

Evidence: an outbound message (or a later conversation) with that person after the
conversation ended. Defaults: due ``thank_you_hours`` (24) after the end, moved into
working time (a Friday afternoon's thank-you is due Monday afternoon), because
68% of 358 recruiters and hiring managers say a thank-you affects their decision
(TopResume, 2017); shown as late after ``thank_you_late_hours`` (72), still worth
sending since 36% expect one within three to five days (CareerBuilder, 2005), and
past five days since 16% have dismissed a candidate who sent none (TopResume); no
longer proposed after ``thank_you_expire_days`` (14). Any "wish I had covered"
point is folded into the thank-you while it is open.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import InteractionKind
from topofmind.domain.facts import Conversation, Facts, PersonFacts
from topofmind.domain.records import Profile
from topofmind.playbook.guards import settings_for
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import working_moment
from topofmind.playbook.words import ago, conversation_words, due_words, quote
from topofmind.settings import Settings

NAME = rule_names.THANK_YOU

#: Conversations where a hiring decision is being formed.
DECISIVE = frozenset({InteractionKind.INTERVIEW, InteractionKind.PHONE_SCREEN})


def thank_you_id(conversation_id: int, person_id: int) -> str:
    return f"{NAME}:i{conversation_id}:p{person_id}"


def points_for(conversation: Conversation, person: PersonFacts) -> list[str]:
    """Talking points that name this person ("Dana: ..."), else every point."""
    prefixes = (f"{person.first_name.lower()}:", f"{person.name.lower()}:")
    mine = [
        p.split(":", 1)[1].strip() for p in conversation.points if p.lower().startswith(prefixes)
    ]
    if mine:
        return mine
    return [p for p in conversation.points if ":" not in p[:30]] or list(conversation.points)


def thank_you_due(end: datetime, settings: Settings, profile: Profile) -> datetime:
    """``thank_you_hours`` after the conversation ended, moved into working time."""
    return working_moment(end + timedelta(hours=settings.thank_you_hours), profile)


def owed(conversation: Conversation, person: PersonFacts, now: datetime) -> bool:
    """A thank-you is owed: the conversation is over and nothing went to them since."""
    return conversation.end <= now and not person.contact.answered_after(
        conversation.end, conversation.id
    )


def late_words(since_end: timedelta, decisive: bool = True) -> str:
    """Why a late thank-you is still worth sending, true of how late it is; the surveys of
    hiring managers are quoted only where the person decides on an application."""
    if not decisive:
        return "; late, but a thank-you still tells them the conversation mattered to you"
    if since_end <= timedelta(days=5):
        return "; late, but 36% of hiring managers still expect one within five days"
    return (
        "; late, but worth sending: 16% of hiring managers have dismissed a candidate who sent none"
    )


def _wish_words(conversation: Conversation, person_id: int, facts: Facts) -> str:
    """What becomes of the point one wished one had made: told once, in the note to the
    first of a panel (the drafts do the same)."""
    first = conversation.participants[0]
    if person_id == first:
        return f"; also cover what you wished you had: {quote(conversation.wishes[0], 50)}"
    return f"; what you wished you had said goes in the note to {facts.person(first).name}"


@rule(
    NAME,
    "Follow up promptly",
    ("thank_you_hours", "thank_you_late_hours", "thank_you_expire_days"),
    folds=(rule_names.SUPPLEMENTARY_INFO,),
)
def thank_you(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    for conversation in facts.conversations:
        if conversation.scheduled or conversation.end > now:
            continue
        opp = facts.opportunity(conversation.opportunity_id)
        if (opp is not None and opp.is_closed) or not facts.proposes_for(opp):
            continue
        s = settings_for(opp, settings)
        if now - conversation.end > timedelta(days=s.thank_you_expire_days):
            continue
        for person_id in conversation.participants:
            person = facts.person(person_id)
            if not owed(conversation, person, now):
                continue
            due = thank_you_due(conversation.end, s, profile)
            # Never late before it is due, when days off push the due past the window.
            late_from = max(conversation.end + timedelta(hours=s.thank_you_late_hours), due)
            points = points_for(conversation, person)
            kind, place = conversation_words(conversation, facts)
            why = (
                f"{kind.capitalize()} with {person.name}{place} ended {ago(conversation.end, now)}"
            )
            if points:
                why += f'; you discussed "{quote(points[0], 60)}"'
            if conversation.wishes:
                why += _wish_words(conversation, person_id, facts)
            if now >= late_from:
                why += late_words(now - conversation.end, conversation.kind in DECISIVE)
            elif conversation.kind in DECISIVE:
                why += "; 68% of hiring managers say a thank-you affects their decision"
            elif now - conversation.end <= timedelta(days=1):
                why += "; a thank-you within a day keeps the conversation fresh for both of you"
            else:  # past a day, not late yet (days off count for nothing)
                why += "; not late yet: sent by the time it is due, it still reads as prompt"
            why += f"; {due_words(due, now, profile)}"
            actions.append(
                propose(
                    facts,
                    now,
                    profile,
                    id=thank_you_id(conversation.id, person_id),
                    rule=NAME,
                    title=f"Thank {person.name} for the {kind}{place}",
                    why=why,
                    due=due,
                    priority=2 if now >= late_from else 1,
                    people=[person_id],
                    opportunity=opp,
                    refs={
                        "interaction_id": conversation.id,
                        "person_id": person_id,
                        "points": points,
                        "wish_texts": list(conversation.wishes),
                    },
                    late_from=late_from,
                )
            )
    return actions
