"""The guards that keep staying top-of-mind from becoming pestering.

- No unprompted touch to a person sooner than ``spacing_days`` (default 7) after
  the last unprompted message of ours (a follow-up, an update, a supplementary note,
  a networking ask) they did not answer.
- After ``max_unanswered_followups`` (default 2) unanswered follow-ups on an
  opportunity, propose pausing or another contact instead of a third. Only messages
  whose purpose is a follow-up count: thank-yous, replies, updates, logistics and
  networking with insiders never do, and anything from them starts the count afresh.
- Replies (a thank-you, an answer to their request) are never held back.
- Closed opportunities stop every rule except close-the-loop.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.playbook.facts import OpportunityFacts, PersonFacts
from topofmind.settings import Settings


def spacing_until(person: PersonFacts, settings: Settings) -> datetime | None:
    """When an unprompted touch to ``person`` is allowed again, or None if it is now."""
    waiting = person.contact.spaced_since
    if waiting is None:
        return None
    return waiting + timedelta(days=settings.spacing_days)


def held_by_spacing(person: PersonFacts, now: datetime, settings: Settings) -> bool:
    until = spacing_until(person, settings)
    return until is not None and now < until


def too_many_followups(opp: OpportunityFacts, settings: Settings) -> bool:
    return opp.contact.followups >= settings.max_unanswered_followups


def settings_for(opp: OpportunityFacts | None, settings: Settings) -> Settings:
    """The settings with the opportunity's own overrides applied."""
    return settings.for_opportunity(opp.overrides) if opp is not None else settings
