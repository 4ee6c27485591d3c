"""Which upcoming conversations count as interviews to prepare for, and by when.

Preparation (research, questions, the introduction) is timed from the conversation; a
conversation set at short notice, after that time had passed, makes it due by the end
of the working day it was recorded in, and never before it was known.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain.enums import InteractionKind
from topofmind.domain.facts import Conversation, Facts
from topofmind.domain.records import Profile
from topofmind.playbook.timing import end_of_work_day
from topofmind.playbook.words import ago, clock_words, due_words

PREPARED_FOR = frozenset({InteractionKind.INTERVIEW, InteractionKind.PHONE_SCREEN})


def upcoming_interviews(facts: Facts, now: datetime) -> list[Conversation]:
    """Scheduled interviews still ahead, on opportunities that are not closed."""
    found = []
    for conversation in facts.conversations:
        if conversation.kind not in PREPARED_FOR or conversation.at <= now:
            continue
        opp = facts.opportunity(conversation.opportunity_id)
        if opp is not None and opp.is_closed:
            continue
        found.append(conversation)
    return found


#: Short-notice preparation is done by this much before the conversation at the latest.
READY_BEFORE = timedelta(minutes=30)


def prepare_by(
    natural: datetime, conversation: Conversation, profile: Profile
) -> tuple[datetime, bool]:
    """When preparation for ``conversation`` is due, and whether at short notice: its
    ``natural`` moment, unless that had passed when the conversation was recorded; then
    the end of that working day, kept before the conversation and never before it was
    recorded."""
    recorded = conversation.recorded_at
    if recorded is None or natural >= recorded:
        return natural, False
    due = min(end_of_work_day(recorded, profile), conversation.at - READY_BEFORE)
    return max(due, recorded), True


def preparation_due_words(
    due: datetime, short: bool, conversation: Conversation, now: datetime, profile: Profile
) -> str:
    """ "due by 13:00 tomorrow", or at short notice "short notice: set 2 h ago for 10:00
    tomorrow; due by 17:30 today"."""
    if not short or conversation.recorded_at is None:
        return due_words(due, now, profile)
    when = clock_words(conversation.at, now, profile)
    return (
        f"short notice: set {ago(conversation.recorded_at, now)} for {when}; "
        f"{due_words(due, now, profile)}"
    )


def first_upcoming(facts: Facts, now: datetime) -> dict[int, Conversation]:
    """Per opportunity, its first upcoming interview or phone screen: one filed under it,
    or one with someone at its organization filed under no opportunity."""
    first: dict[int, Conversation] = {}
    by_org: dict[int, list[int]] = {}
    for opp in facts.opportunities.values():
        by_org.setdefault(opp.organization_id, []).append(opp.id)
    for conversation in upcoming_interviews(facts, now):
        if conversation.opportunity_id is not None:
            targets = [conversation.opportunity_id]
        else:
            orgs = {facts.person(p).organization_id for p in conversation.participants}
            targets = [o for org in orgs if org is not None for o in by_org.get(org, ())]
        for opp_id in targets:
            if opp_id not in first or conversation.at < first[opp_id].at:
                first[opp_id] = conversation
    return first
