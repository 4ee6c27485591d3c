"""Memorable introduction: prepare a 30-second spoken and a 3-sentence written introduction.

Chapter strategy, "Craft a memorable introduction": "make a strong impression by
highlighting your unique skills, experiences, and accomplishments." Trigger: an
opportunity at screening or interviewing without a saved introduction (`tom intro`).
Evidence: an introduction saved for it. Due the day before its first scheduled
interview, else two days after it reached the stage: before the first interview, as
the playbook says.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain.actions import Action
from topofmind.domain.enums import Stage
from topofmind.domain.records import Profile
from topofmind.playbook.facts import Facts
from topofmind.playbook.interviews import upcoming_interviews
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import next_working_moment, working_moment_before
from topofmind.playbook.words import clock_words, due_words
from topofmind.settings import Settings

NAME = "memorable-introduction"
STAGES = (Stage.SCREENING, Stage.INTERVIEWING)


@rule(NAME, "Craft a memorable introduction")
def introduction(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    first: dict[int, datetime] = {}
    for interview in upcoming_interviews(facts, now):
        if interview.opportunity_id is not None:
            first.setdefault(interview.opportunity_id, interview.at)
    actions = []
    for opp in facts.opportunities.values():
        if opp.stage not in STAGES or opp.has_introduction or opp.stage_since is None:
            continue
        if opp.id in first:
            due = working_moment_before(first[opp.id] - timedelta(days=1), first[opp.id], profile)
            why = f"First interview {clock_words(first[opp.id], now, profile)}"
        else:
            due = next_working_moment(opp.stage_since + timedelta(days=2), profile)
            why = f"{opp.title} reached {opp.stage.label.lower()}"
        why += (
            "; have a 30-second spoken and a three-sentence written introduction built on your "
            f"most relevant wins for {opp.organization_name}; {due_words(due, now, profile)}"
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
                priority=2 if opp.id in first else 3,
                opportunity=opp,
                refs={"opportunity_id": opp.id},
                draftable=False,
            )
        )
    return actions
