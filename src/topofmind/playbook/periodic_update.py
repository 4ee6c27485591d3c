"""Periodic update: share a new achievement with the key person of each active opportunity.

Chapter strategy, "Send periodic updates": "If you have significant developments
or achievements related to the position, such as completing relevant
certifications or participating in industry events, share these updates with the
hiring manager." One update per achievement and person: the hiring manager, else the
recruiter, of each active opportunity.

Evidence: a message or conversation with that person after the achievement (you
could tell them then). Guards: held while the person has not answered a message of
ours sent fewer than ``spacing_days`` (7) ago, and skipped on an opportunity with
``max_unanswered_followups`` (2) unanswered. Defaults: worth sharing for
``update_window_days`` (30), because older news is no longer an update; due two
business days after it, while it is news.
"""

from __future__ import annotations

from datetime import datetime, time

from topofmind.domain.actions import Action
from topofmind.domain.enums import Role
from topofmind.domain.records import Profile
from topofmind.playbook.facts import AchievementFacts, Facts, OpportunityFacts
from topofmind.playbook.guards import held_by_spacing, settings_for, too_many_followups
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import add_business_days, at_local, local
from topofmind.playbook.words import day_words, due_words, quote
from topofmind.settings import Settings

NAME = "periodic-update"


def recipient(opp: OpportunityFacts) -> int | None:
    """Whom an update goes to: the hiring manager, else the recruiter."""
    for role in (Role.HIRING_MANAGER, Role.RECRUITER):
        found = opp.people_in({role})
        if found:
            return found[0]
    return None


def pending_updates(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[tuple[AchievementFacts, int, OpportunityFacts]]:
    """(achievement, person, opportunity) for every update owed and allowed now."""
    today = local(now, profile).date()
    found: dict[tuple[int, int], tuple] = {}
    for opp in facts.active_opportunities():
        person_id = recipient(opp)
        if person_id is None:
            continue
        s = settings_for(opp, settings)
        if too_many_followups(opp, s):
            continue
        person = facts.person(person_id)
        if held_by_spacing(person, now, s):
            continue
        for achievement in facts.achievements:
            age = (today - achievement.achieved_on).days
            if age < 0 or age > s.update_window_days:
                continue
            start = at_local(achievement.achieved_on, time(0, 0), profile)
            if person.contact.answered_after(start):
                continue
            found.setdefault((achievement.id, person_id), (achievement, person_id, opp))
    return list(found.values())


@rule(
    NAME,
    "Send periodic updates",
    ("update_window_days", "spacing_days", "max_unanswered_followups"),
)
def periodic_update(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[Action]:
    actions = []
    for achievement, person_id, opp in pending_updates(facts, now, settings, profile):
        person = facts.person(person_id)
        start = at_local(achievement.achieved_on, profile.work_start, profile)
        due = add_business_days(start, 2, profile)
        last = person.contact.last_touch
        since = (
            f"{person.name} has not heard from you since {day_words(last, now, profile)}"
            if last
            else f"you have not written to {person.name} yet"
        )
        when = day_words(start, now, profile)
        why = (
            f'New {achievement.kind} "{quote(achievement.title, 60)}" ({when}); {since}; '
            f"share it while it is news, {due_words(due, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{NAME}:a{achievement.id}:p{person_id}",
                rule=NAME,
                title=f"Tell {person.name} about {quote(achievement.title, 50)}",
                why=why,
                due=due,
                priority=3,
                people=[person_id],
                opportunity=opp,
                refs={"achievement_id": achievement.id, "person_id": person_id},
            )
        )
    return actions
