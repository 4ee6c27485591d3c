"""Memorable introduction: prepare a 30-second spoken and a 3-sentence written introduction.

Chapter strategy, "Craft a memorable introduction": "make a strong impression by
highlighting your unique skills, experiences, and accomplishments." Trigger: an
active opportunity without a saved introduction (`tom intro`) and a first interview or
phone screen ahead with its organization, whatever its stage. Evidence: an
introduction saved for it. Due the working day before that conversation, at its time;
set at short notice, by the end of the working day it was recorded in. Once the
conversation has happened, it is no longer proposed for it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.facts import Facts
from topofmind.domain.records import Profile
from topofmind.playbook.interviews import first_upcoming, preparation_due_words, prepare_by
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import working_moment_before
from topofmind.playbook.words import clock_words, names
from topofmind.settings import Settings

NAME = rule_names.MEMORABLE_INTRODUCTION


@rule(NAME, "Craft a memorable introduction")
def introduction(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    for opp_id, first in first_upcoming(facts, now).items():
        opp = facts.opportunity(opp_id)
        if opp is None or not opp.is_active or opp.has_introduction or not facts.proposes_for(opp):
            continue
        natural = working_moment_before(first.at - timedelta(days=1), first.at, profile)
        due, short = prepare_by(natural, first, profile)
        who = names(facts.names(first.participants))
        why = (
            f"First {first.kind.label} with {opp.organization_name} "
            f"({who}) {clock_words(first.at, now, profile)}; have a 30-second spoken and a "
            "three-sentence written introduction built on your most relevant wins; "
            f"{preparation_due_words(due, short, first, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{NAME}:o{opp.id}",
                rule=NAME,
                title=f"Prepare your introduction for {opp.organization_name}",
                why=why,
                due=due,
                priority=2,
                opportunity=opp,
                refs={"opportunity_id": opp.id, "interaction_id": first.id},
                draftable=False,
            )
        )
    return actions
