"""Research before an interview: refresh the company's news and pick one item to cite.

Chapter strategy, "Demonstrate ongoing research": "Stay updated on industry trends,
company news, and other relevant information. Incorporate this knowledge into your
conversations and interviews." Evidence: the organization's recent news is all marked read
(`tom news read`), or done by hand. Default: ``research_hours_before`` (48) hours
before the interview, time to read and note one item to cite; news counts while it is
``news_recent_days`` (21) old at most.
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
from topofmind.playbook.words import clock_words, names, quote
from topofmind.settings import Settings

NAME = rule_names.RESEARCH_BEFORE_INTERVIEW


@rule(NAME, "Demonstrate ongoing research", ("research_hours_before", "news_recent_days"))
def research(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    for interview in upcoming_interviews(facts, now):
        opp = facts.opportunity(interview.opportunity_id)
        if not facts.proposes_for(opp):
            continue
        s = settings_for(opp, settings)
        org_id = (
            opp.organization_id
            if opp
            else facts.person(interview.participants[0]).organization_id
            if interview.participants  # an interview read from a calendar may name no one
            else None
        )
        news = facts.news_about(org_id, now, s.news_recent_days)
        if news and all(item.read for item in news):
            continue
        org = opp.organization_name if opp else "the company"
        natural = working_moment_before(
            interview.at - timedelta(hours=s.research_hours_before), interview.at, profile
        )
        due, short = prepare_by(natural, interview, profile)
        unread = [item for item in news if not item.read]
        todo = (
            f'read "{quote(unread[0].title, 60)}" and note one point to cite'
            if unread
            else f"look up {org}'s latest news and note one point to cite"
        )
        who = names(facts.names(interview.participants))
        when = clock_words(interview.at, now, profile)
        why = (
            f"{interview.kind.label.capitalize()} with {who} {when}; "
            f"{todo}; {preparation_due_words(due, short, interview, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{NAME}:i{interview.id}",
                rule=NAME,
                title=f"Research {org} before the {interview.kind.label}",
                why=why,
                due=due,
                priority=2,
                people=interview.participants,
                opportunity=opp,
                refs={
                    "interaction_id": interview.id,
                    "news_id": unread[0].id if unread else None,
                },
                draftable=False,
            )
        )
    return actions
