"""Supplementary info: send the point you wish you had covered, when the thank-you did not carry it.

Chapter strategy, "Provide additional information": "If there were topics or areas
of discussion that you wish you had covered more thoroughly during the interview,
consider sending supplementary materials or follow-up emails addressing those
points." While the
thank-you to that person is open the point is folded into it (its draft carries
the wish); a thank-you that went out as a recorded message is taken to have carried
it. Only when the thank-you was closed by hand, with nothing recorded going to the
person, does this rule propose a short separate note.

Evidence: an outbound message to the person after the conversation. Default:
``supplementary_days`` (3) after the conversation, the playbook's window.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import DecisionStatus
from topofmind.domain.facts import Facts
from topofmind.domain.records import Profile
from topofmind.playbook.guards import settings_for
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.thank_you import owed, thank_you_id
from topofmind.playbook.timing import working_moment
from topofmind.playbook.words import ago, conversation_words, due_words, quote
from topofmind.settings import Settings

NAME = rule_names.SUPPLEMENTARY_INFO
CLOSED_BY_HAND = (DecisionStatus.DONE, DecisionStatus.DISMISSED)


@rule(NAME, "Provide additional information", ("supplementary_days", "thank_you_expire_days"))
def supplementary(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[Action]:
    actions = []
    for conversation in facts.conversations:
        if not conversation.wishes or conversation.scheduled or conversation.end > now:
            continue
        opp = facts.opportunity(conversation.opportunity_id)
        if opp is not None and opp.is_closed:
            continue
        s = settings_for(opp, settings)
        if now - conversation.end > timedelta(days=s.thank_you_expire_days):
            continue
        for person_id in conversation.participants:
            person = facts.person(person_id)
            decision = facts.decisions.get(thank_you_id(conversation.id, person_id))
            if decision is None or decision.status not in CLOSED_BY_HAND:
                continue  # folded into the open thank-you, or carried by the one sent
            if not owed(conversation, person, now):
                continue  # something went to them after the conversation
            due = working_moment(conversation.end + timedelta(days=s.supplementary_days), profile)
            wish = conversation.wishes[0]
            kind, place = conversation_words(conversation, facts)
            why = (
                f"After the {kind} with {person.name}{place} "
                f"({ago(conversation.end, now)}) you noted you wish you had covered "
                f'"{quote(wish, 60)}"; a short note fills the gap; {due_words(due, now, profile)}'
            )
            actions.append(
                propose(
                    facts,
                    now,
                    profile,
                    id=f"{NAME}:i{conversation.id}:p{person_id}",
                    rule=NAME,
                    title=f"Send {person.name} the point you wish you had covered",
                    why=why,
                    due=due,
                    priority=2,
                    people=[person_id],
                    opportunity=opp,
                    refs={
                        "interaction_id": conversation.id,
                        "person_id": person_id,
                        "wish_texts": list(conversation.wishes),
                    },
                )
            )
    return actions
