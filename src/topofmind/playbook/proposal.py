"""Builds an ``Action`` from what a rule decided, filling names, titles and the state."""

from __future__ import annotations

from datetime import UTC, datetime

from topofmind.domain import rule_names
from topofmind.domain.actions import Action, ActionRefs
from topofmind.domain.enums import Purpose
from topofmind.domain.facts import Facts, OpportunityFacts
from topofmind.domain.records import Profile
from topofmind.playbook.states import state_of

#: What the message each rule proposes is for, by rule name.
RULE_PURPOSES = {
    rule_names.THANK_YOU: Purpose.THANK_YOU,
    rule_names.RESPOND_PROMPTLY: Purpose.REPLY,
    rule_names.SUPPLEMENTARY_INFO: Purpose.SUPPLEMENTARY,
    rule_names.PERIODIC_UPDATE: Purpose.UPDATE,
    rule_names.CHECK_IN: Purpose.FOLLOW_UP,
    rule_names.CONNECT: Purpose.NETWORKING,
    rule_names.ENGAGE: Purpose.NETWORKING,
    rule_names.INFORMATIONAL_INTERVIEW: Purpose.NETWORKING,
    rule_names.EVENT: Purpose.NETWORKING,
    rule_names.CLOSE_THE_LOOP: Purpose.CLOSE_THE_LOOP,
    rule_names.OFFER_DECISION: Purpose.OFFER_RESPONSE,
    rule_names.OFFER_TIMELINE: Purpose.LOGISTICS,
    rule_names.WITHDRAW_AFTER_ACCEPTING: Purpose.WITHDRAWAL,
    rule_names.COMPANY_NEWS: Purpose.UPDATE,
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
    refs: ActionRefs | None = None,
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
