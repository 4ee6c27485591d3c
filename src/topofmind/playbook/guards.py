"""The guards that keep staying top-of-mind from becoming pestering.

- No unprompted touch to a person sooner than ``spacing_days`` (default 7) after
  the last unprompted message of ours (a follow-up, an update, a supplementary note,
  a networking ask) they did not answer.
- After ``max_unanswered_followups`` (default 2) unanswered follow-ups on an
  opportunity, propose pausing or another contact instead of a third. Only messages
  whose purpose is a follow-up count: thank-yous, replies, updates, logistics and
  networking with insiders never do, and anything from them starts the count afresh.
  A check-in marked done by hand was a follow-up sent outside the record: it counts.
- Replies (a thank-you, an answer to their request) are never held back.
- Closed opportunities stop every rule except close-the-loop.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain.enums import DecisionStatus
from topofmind.domain.facts import Facts, OpportunityFacts, PersonFacts
from topofmind.playbook.asked import last_answer
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


#: The start of a check-in's id ("check-in:o12:2026-11-10"), whose opportunity it names.
CHECK_IN_PREFIX = "check-in:o"


@last_answer  # asked once per opportunity of a run, about the same facts
def followups_by_hand(facts: Facts) -> dict[int, list[datetime]]:
    """Per opportunity, when a check-in was marked done by hand (`tom done`): a follow-up
    sent outside the record, which counts as one."""
    found: dict[int, list[datetime]] = {}
    for action_id, decision in facts.decisions.items():
        if decision.status is DecisionStatus.DONE and action_id.startswith(CHECK_IN_PREFIX):
            opp_id = action_id[len(CHECK_IN_PREFIX) :].split(":", 1)[0]
            if opp_id.isdigit():
                found.setdefault(int(opp_id), []).append(decision.at)
    return found


def unanswered_followups(opp: OpportunityFacts, facts: Facts | None = None) -> int:
    """Follow-ups on the opportunity since they last wrote or spoke: the messages whose
    purpose is a follow-up, and check-ins marked done by hand."""
    count = opp.contact.followups
    if facts is not None:
        since = opp.contact.last_in
        count += sum(
            1 for at in followups_by_hand(facts).get(opp.id, ()) if since is None or at > since
        )
    return count


def too_many_followups(
    opp: OpportunityFacts, settings: Settings, facts: Facts | None = None
) -> bool:
    return unanswered_followups(opp, facts) >= settings.max_unanswered_followups


def settings_for(opp: OpportunityFacts | None, settings: Settings) -> Settings:
    """The settings with the opportunity's own overrides applied."""
    return settings.for_opportunity(opp.overrides) if opp is not None else settings
