"""The facts the rules read, defined in ``domain.facts`` and named here for the rules'
older importers."""

from __future__ import annotations

from topofmind.domain.facts import (
    NO_CONTACT,
    AchievementFacts,
    Contact,
    Conversation,
    EventFacts,
    Facts,
    Message,
    NewsFacts,
    OpportunityFacts,
    PersonFacts,
    RequestFacts,
)

__all__ = [
    "NO_CONTACT",
    "AchievementFacts",
    "Contact",
    "Conversation",
    "EventFacts",
    "Facts",
    "Message",
    "NewsFacts",
    "OpportunityFacts",
    "PersonFacts",
    "RequestFacts",
]
