"""Periodic update: share a new achievement with the key person of each active opportunity.

Chapter strategy, "Send periodic updates": "If you have significant developments
or achievements related to the position, such as completing relevant
certifications or participating in industry events, share these updates with the
hiring manager." One update per person, the hiring manager (else the recruiter) of each active
opportunity, about the newest achievement they have not heard of, carrying the
others from the window too.

Evidence: a message or conversation with that person after the achievement (you
could tell them then). Guards: held while the person has not answered a message of
ours sent fewer than ``spacing_days`` (7) ago, and skipped on an opportunity with
``max_unanswered_followups`` (2) unanswered. Defaults: worth sharing for
``update_window_days`` (30), because older news is no longer an update; due
``update_business_days`` (2) business days after it, while it is news; one recorded later
than that is due by the end of the working day it was recorded, not overdue at once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import Role
from topofmind.domain.facts import AchievementFacts, Facts, OpportunityFacts
from topofmind.domain.records import Profile
from topofmind.playbook.asked import last_answer
from topofmind.playbook.guards import held_by_spacing, settings_for, too_many_followups
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import add_business_days, at_local, end_of_work_day, local
from topofmind.playbook.words import day_words, due_words, quote
from topofmind.settings import Settings

NAME = rule_names.PERIODIC_UPDATE


def recipient(opp: OpportunityFacts) -> int | None:
    """Whom an update goes to: the hiring manager, else the recruiter."""
    for role in (Role.HIRING_MANAGER, Role.RECRUITER):
        found = opp.people_in({role})
        if found:
            return found[0]
    return None


def update_id(achievement_id: int, person_id: int) -> str:
    return f"{NAME}:a{achievement_id}:p{person_id}"


@last_answer  # every group's run shares the record's achievements
def _in_order(achievements: tuple[AchievementFacts, ...]) -> tuple[list, list[date]]:
    """The achievements by day achieved (then id), and those days."""
    ordered = sorted(achievements, key=lambda a: (a.achieved_on, a.id))
    return ordered, [a.achieved_on for a in ordered]


@last_answer  # the check-in rule asks the same question in the same run
def pending_updates(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[tuple[AchievementFacts, int, OpportunityFacts, list[int]]]:
    """(newest achievement, person, opportunity, all unshared ids) for each update owed now.

    One update per person carries every achievement they have not heard about, so a
    busy month never turns into a stream of messages.
    """
    today = local(now, profile).date()
    ordered, days = _in_order(facts.achievements)
    done = bisect_right(days, today)  # the achievements ordered[:done] are achieved
    if not done:
        return []
    newest = ordered[done - 1]
    found: dict[int, tuple] = {}
    for opp in facts.active_opportunities():
        if not facts.proposes_for(opp):
            continue
        person_id = recipient(opp)
        if person_id is None or person_id in found:
            continue
        s = settings_for(opp, settings)
        if (today - newest.achieved_on).days > s.update_window_days:
            continue
        if too_many_followups(opp, s, facts):
            continue
        person = facts.person(person_id)
        if held_by_spacing(person, now, s):
            continue
        if person.contact.answered_after(at_local(newest.achieved_on, time(0, 0), profile)):
            continue
        floor = today - timedelta(days=s.update_window_days)
        last = person.contact.last_out
        if last is not None:
            floor = max(floor, local(last, profile).date())
        unshared = [a.id for a in ordered[bisect_left(days, floor, 0, done) : done]]
        found[person_id] = (newest, person_id, opp, unshared)
    return list(found.values())


@rule(
    NAME,
    "Send periodic updates",
    ("update_business_days", "update_window_days", "spacing_days", "max_unanswered_followups"),
    folds=(rule_names.CHECK_IN,),
)
def periodic_update(
    facts: Facts, now: datetime, settings: Settings, profile: Profile
) -> list[Action]:
    actions = []
    for achievement, person_id, opp, unshared in pending_updates(facts, now, settings, profile):
        person = facts.person(person_id)
        start = at_local(achievement.achieved_on, profile.work_start, profile)
        due = add_business_days(start, settings_for(opp, settings).update_business_days, profile)
        if achievement.recorded_at is not None:  # told late: due by the end of that work day
            due = max(due, end_of_work_day(achievement.recorded_at, profile))
        last = person.contact.last_touch
        since = (
            f"{person.name} has not heard from you since {day_words(last, now, profile)}"
            if last and day_words(last, now, profile) != "today"
            else f"you were last in touch with {person.name} earlier today"
            if last
            else f"you have not written to {person.name} yet"
        )
        when = day_words(start, now, profile)
        more = len(unshared) - 1
        also = f" and {more} more achievement{'s' if more > 1 else ''}" if more > 0 else ""
        why = (
            f'New {achievement.kind} "{quote(achievement.title, 60)}" ({when}){also}; {since}; '
            f"share it while it is news, {due_words(due, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=update_id(achievement.id, person_id),
                rule=NAME,
                title=f"Tell {person.name} about {quote(achievement.title, 50)}",
                why=why,
                due=due,
                priority=3,
                people=[person_id],
                opportunity=opp,
                refs={
                    "achievement_id": achievement.id,
                    "achievement_ids": unshared,
                    "person_id": person_id,
                },
            )
        )
    return actions
