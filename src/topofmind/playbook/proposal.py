"""Builds an ``Action`` from what a rule decided, filling names, titles and the state."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from topofmind.domain.actions import Action
from topofmind.domain.enums import Purpose
from topofmind.domain.facts import Facts, OpportunityFacts
from topofmind.domain.records import Profile
from topofmind.playbook.states import state_of

#: What the message each rule proposes is for, by rule name.
RULE_PURPOSES = {
    "thank-you": Purpose.THANK_YOU,
    "respond-promptly": Purpose.REPLY,
    "supplementary-info": Purpose.SUPPLEMENTARY,
    "periodic-update": Purpose.UPDATE,
    "check-in": Purpose.FOLLOW_UP,
    "connect": Purpose.NETWORKING,
    "engage": Purpose.NETWORKING,
    "informational-interview": Purpose.NETWORKING,
    "event": Purpose.NETWORKING,
    "close-the-loop": Purpose.CLOSE_THE_LOOP,
    "offer-decision": Purpose.OFFER_RESPONSE,
    "offer-timeline": Purpose.LOGISTICS,
    "withdraw-after-accepting": Purpose.WITHDRAWAL,
    "company-news": Purpose.UPDATE,
}


def propose(
    facts: Facts,
    now: datetime,
    profile: Profile,
    *,
    id: str,
    rule: str,
    title: str,
    why: str,
    due: datetime,
    priority: int = 3,
    people: list[int] | tuple[int, ...] = (),
    opportunity: OpportunityFacts | None = None,
    refs: dict[str, Any] | None = None,
    draftable: bool = True,
    late_from: datetime | None = None,
) -> Action:
    return Action(
        id=id,
        rule=rule,
        title=title,
        why=why,
        due=due.astimezone(UTC),
        state=state_of(due, now, profile, late_from),
        priority=priority,
        people=list(people),
        person_names=facts.names(people),
        opportunity_id=opportunity.id if opportunity else None,
        opportunity_title=opportunity.label if opportunity else "",
        refs=refs or {},
        draftable=draftable,
        purpose=RULE_PURPOSES.get(rule) if draftable else None,
    )
