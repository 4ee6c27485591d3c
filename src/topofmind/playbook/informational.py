"""Informational interview: on an active opportunity without an insider, find one and ask.

Chapter strategy, "Request informational interviews": "reach out to individuals
within the organization for informal conversations or informational interviews."
Trigger: an active opportunity (before an offer) with nobody in the insider or
referrer role: find one, within ``informational_find_days`` (7) of it reaching its
stage. With an insider who has never answered: ask for a short conversation. Asked
and unanswered after ``informational_nudge_days`` (7): one polite nudge, never two.
Evidence: they answered or spoke with you; an informational interview then gets its
thank-you from the thank-you rule.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import Role, Stage
from topofmind.domain.facts import Facts, OpportunityFacts
from topofmind.domain.records import Profile
from topofmind.playbook.guards import settings_for
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import next_working_moment
from topofmind.playbook.words import ago, due_words
from topofmind.settings import Settings

NAME = rule_names.INFORMATIONAL_INTERVIEW
STAGES = (Stage.RESEARCHING, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING)
INSIDE = frozenset({Role.INSIDER, Role.REFERRER})


@rule(
    NAME,
    "Request informational interviews",
    ("informational_find_days", "informational_nudge_days"),
)
def informational(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[Action]:
    actions = []
    for opp in facts.opportunities.values():
        if opp.stage not in STAGES or opp.stage_since is None or not facts.proposes_for(opp):
            continue
        s = settings_for(opp, settings)
        insiders = opp.people_in(INSIDE)
        if not insiders:
            actions.append(_find_insider(facts, opp, opp.stage_since, now, s, profile))
            continue
        for person_id in insiders:
            found = _ask_insider(facts, opp, opp.stage_since, person_id, now, s, profile)
            if found is not None:
                actions.append(found)
    return actions


def _find_insider(
    facts: Facts,
    opp: OpportunityFacts,
    since: datetime,
    now: datetime,
    s: Settings,
    profile: Profile,
) -> Action:
    """Find someone inside the organization, ``informational_find_days`` into the stage."""
    org = opp.organization_name
    due = next_working_moment(since + timedelta(days=s.informational_find_days), profile)
    return propose(
        facts,
        now,
        profile,
        id=f"{NAME}-find:o{opp.id}",
        rule=NAME,
        title=f"Find an insider at {org}",
        why=(
            f"Nobody inside {org} is on your side for {opp.title} yet; an employee "
            "who gives you 20 minutes brings insight and often a referral; "
            f"{due_words(due, now, profile)}"
        ),
        due=due,
        priority=4,
        opportunity=opp,
        refs={"organization_id": opp.organization_id},
        draftable=False,
    )


def _ask_insider(
    facts: Facts,
    opp: OpportunityFacts,
    since: datetime,
    person_id: int,
    now: datetime,
    s: Settings,
    profile: Profile,
) -> Action | None:
    """Ask an insider who never answered for a conversation, or nudge them once."""
    person = facts.person(person_id)
    contact = person.contact
    if contact.last_in is not None:
        return None  # they answered or met you: done
    if contact.unanswered == 0:
        due = next_working_moment(since + timedelta(days=2), profile)
        return propose(
            facts,
            now,
            profile,
            id=f"{NAME}-ask:o{opp.id}:p{person_id}",
            rule=NAME,
            title=f"Ask {person.name} for a 20-minute conversation",
            why=(
                f"{person.name} works at {opp.organization_name} and can tell you how the "
                f"team behind {opp.title} really works; ask once, briefly; "
                f"{due_words(due, now, profile)}"
            ),
            due=due,
            priority=3,
            people=[person_id],
            opportunity=opp,
            refs={"person_id": person_id},
        )
    if contact.unanswered == 1 and contact.waiting_since:
        due = next_working_moment(
            contact.waiting_since + timedelta(days=s.informational_nudge_days), profile
        )
        return propose(
            facts,
            now,
            profile,
            id=f"{NAME}-nudge:o{opp.id}:p{person_id}",
            rule=NAME,
            title=f"Nudge {person.name} once about a short conversation",
            why=(
                f"You asked {person.name} {ago(contact.waiting_since, now)} and "
                "heard nothing; one polite nudge, never two; "
                f"{due_words(due, now, profile)}"
            ),
            due=due,
            priority=3,
            people=[person_id],
            opportunity=opp,
            refs={"person_id": person_id},
        )
    return None
