"""Questions: before an interview, have at least three unasked questions ready for that opportunity.

Chapter strategy, "Ask thoughtful questions": "Prepare insightful questions that
delve deeper into the company's vision, future plans, or challenges." Evidence: the
opportunity has ``questions_minimum`` (3) unasked questions, because some are
answered during the interview. Default: ``questions_hours_before`` (24) hours
before it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.facts import Facts
from topofmind.domain.records import Profile
from topofmind.playbook.guards import settings_for
from topofmind.playbook.interviews import preparation_due_words, prepare_by, upcoming_interviews
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import working_moment_before
from topofmind.playbook.words import clock_words, names
from topofmind.settings import Settings

NAME = rule_names.QUESTIONS


@rule(NAME, "Ask thoughtful questions", ("questions_hours_before", "questions_minimum"))
def questions(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    for interview in upcoming_interviews(facts, now):
        opp = facts.opportunity(interview.opportunity_id)
        if opp is None or not facts.proposes_for(opp):
            continue
        s = settings_for(opp, settings)
        have = opp.unasked_questions
        if have >= s.questions_minimum:
            continue
        natural = working_moment_before(
            interview.at - timedelta(hours=s.questions_hours_before), interview.at, profile
        )
        due, short = prepare_by(natural, interview, profile)
        who = names(facts.names(interview.participants))
        when = clock_words(interview.at, now, profile)
        why = (
            f"{interview.kind.label.capitalize()} with {who} {when} "
            f"and {have} unasked question{'s' if have != 1 else ''} for {opp.organization_name}; "
            f"prepare {s.questions_minimum - have} more about vision, plans or challenges; "
            f"{preparation_due_words(due, short, interview, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{NAME}:i{interview.id}",
                rule=NAME,
                title=f"Prepare questions for the {interview.kind.label} with {who}",
                why=why,
                due=due,
                priority=2,
                people=interview.participants,
                opportunity=opp,
                refs={"interaction_id": interview.id, "missing": s.questions_minimum - have},
                draftable=False,
            )
        )
    return actions
