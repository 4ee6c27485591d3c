"""Which upcoming conversations count as interviews to prepare for."""

from __future__ import annotations

from datetime import datetime

from topofmind.domain.enums import InteractionKind
from topofmind.playbook.facts import Conversation, Facts

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
