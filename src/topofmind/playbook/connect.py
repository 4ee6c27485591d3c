"""Connect: after meeting someone at an interview or event, send a LinkedIn connection request.

Chapter strategy, "Connect on professional platforms": "Find and connect with
individuals from the organization on professional networking platforms like
LinkedIn." Trigger: a conversation with a person you are not connected
to. Evidence: a recorded connection (`tom person edit --connected-on`) or a
connection request logged (`tom log linkedin-connection`). Default:
``connect_hours`` (48) after meeting, while the conversation is fresh in both
minds, with a short personal note (300 characters at most, LinkedIn's limit).
Proposed for ``thank_you_expire_days`` (14) after the conversation.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.facts import Conversation, Facts
from topofmind.domain.records import Profile
from topofmind.playbook.guards import settings_for
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import working_moment
from topofmind.playbook.words import ago, conversation_words, due_words
from topofmind.settings import Settings

NAME = rule_names.CONNECT


@rule(NAME, "Connect on professional platforms", ("connect_hours", "thank_you_expire_days"))
def connect(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    latest: dict[int, Conversation] = {}
    for conversation in facts.conversations:
        if conversation.scheduled or conversation.end > now:
            continue
        opp = facts.opportunity(conversation.opportunity_id)
        if opp is not None and opp.is_closed:
            continue
        for person_id in conversation.participants:
            latest[person_id] = conversation
    actions = []
    for person_id, conversation in latest.items():
        person = facts.person(person_id)
        if person.connected or person.last_connection_request is not None:
            continue
        opp = facts.opportunity(conversation.opportunity_id)
        s = settings_for(opp, settings)
        if now - conversation.end > timedelta(days=s.thank_you_expire_days):
            continue
        due = working_moment(conversation.end + timedelta(hours=s.connect_hours), profile)
        kind, place = conversation_words(conversation, facts)
        where = place.strip() or f"at the {kind}"
        why = (
            f"You met {person.name} {where} {ago(conversation.end, now)} "
            "and are not connected on LinkedIn; a request with a short personal note "
            f"(300 characters at most) lands while it is fresh; {due_words(due, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{NAME}:p{person_id}",
                rule=NAME,
                title=f"Connect with {person.name} on LinkedIn",
                why=why,
                due=due,
                priority=4,
                people=[person_id],
                opportunity=opp,
                refs={"interaction_id": conversation.id, "person_id": person_id},
            )
        )
    return actions
