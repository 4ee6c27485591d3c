"""Check-in: when an opportunity has gone quiet past its stage's cadence, write with a reason.

Chapter conclusion: "Staying top-of-mind with hiring managers requires consistent
effort and strategic communication"; and "Demonstrate ongoing research":
"Incorporate this knowledge into your conversations". The
action names a reason to write (a new achievement, a news item about them, an
open question), never a bare "just checking in", which field advice warns against.

Evidence: any contact after the last one. An achievement to share takes the
check-in's place while its update is open; dismissing or closing that update (or the
check-in itself) never ends the cadence: the next check-in comes a cadence later.
Guards: no sooner than ``spacing_days``
(7) after an unanswered message to the same person; after
``max_unanswered_followups`` (2) unanswered follow-ups the rule proposes pausing or
another contact instead of a third. Defaults, by stage: applied 10 days (a first
follow-up 7 to 10 days after applying is common practice), screening and
interviewing 7 (weekly keeps an active process warm), offer 2 (an open offer has a
clock on both sides).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action, ActionRefs
from topofmind.domain.enums import DecisionStatus, Role, Stage
from topofmind.domain.facts import AchievementFacts, Facts, OpportunityFacts
from topofmind.domain.records import Profile
from topofmind.playbook.guards import (
    settings_for,
    spacing_until,
    too_many_followups,
    unanswered_followups,
)
from topofmind.playbook.periodic_update import pending_updates, update_id
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import local, next_working_moment
from topofmind.playbook.words import ago, day_words, due_words, names, quote
from topofmind.settings import Settings

NAME = rule_names.CHECK_IN
CHANGE_ROUTE = "change-route"
CADENCE_STAGES = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER)


def cadence_days(opp: OpportunityFacts, settings: Settings) -> int | None:
    if opp.stage not in CADENCE_STAGES:
        return None
    return settings[f"cadence_{opp.stage.value}_days"]


def contact_person(facts: Facts, opp: OpportunityFacts) -> int | None:
    """The key person to write to: the one who last answered, else the hiring manager."""
    key = opp.key_people
    if not key:
        return None
    answered = {p: at for p in key if (at := facts.person(p).contact.last_in)}
    if answered:
        return max(answered, key=answered.__getitem__)
    for role in (Role.HIRING_MANAGER, Role.RECRUITER, Role.INTERVIEWER):
        found = opp.people_in({role})
        if found:
            return found[0]
    return key[0]


def newest_achievement(facts: Facts, today: date) -> AchievementFacts | None:
    """The latest achievement up to today (the facts hold them oldest first)."""
    for achievement in reversed(facts.achievements):
        if achievement.achieved_on <= today:
            return achievement
    return None


def quiet_words(opp: OpportunityFacts, now: datetime) -> str:
    """How long the opportunity has been quiet, from what the record shows."""
    org, contact = opp.organization_name, opp.contact
    if contact.last_in:
        return f"Last two-way contact with {org} {ago(contact.last_in, now)}"
    if contact.last_out:
        return f"No reply from {org} yet; you last wrote {ago(contact.last_out, now)}"
    stage, since = opp.stage.label.lower(), opp.stage_since
    assert since is not None  # the check-in skips an opportunity with no moment at all
    return f"No contact with {org} since it reached {stage} {ago(since, now)}"


def reason(
    facts: Facts, opp: OpportunityFacts, since: datetime, now: datetime, s: Settings, profile
) -> tuple[str, ActionRefs]:
    """A reason to write and the refs behind it: an achievement, news, or an open question.

    ``refs["reason"]`` names the one chosen, so the draft writes about the same thing.
    """
    today = local(now, profile).date()
    latest = newest_achievement(facts, today)
    if latest is not None and latest.achieved_on >= local(since, profile).date():
        return f'share your new {latest.kind} "{quote(latest.title, 50)}"', {
            "reason": "achievement",
            "achievement_id": latest.id,
        }
    news = facts.news_about(opp.organization_id, now, s.news_recent_days)
    if news:
        return f'mention their news "{quote(news[0].title, 60)}"', {
            "reason": "news",
            "news_id": news[0].id,
        }
    if opp.unasked_questions:
        which = (
            "your open question"
            if opp.unasked_questions == 1
            else f"one of your {opp.unasked_questions} open questions"
        )
        return f"ask {which} about the role", {"reason": "question"}
    return "ask what the next step is and offer anything they need from you", {
        "reason": "next-step"
    }


def check_in_id(opp_id: int, last: datetime, profile: Profile) -> str:
    return f"{NAME}:o{opp_id}:{local(last, profile).date().isoformat()}"


def after_decided(facts: Facts, opp: OpportunityFacts, last: datetime, profile: Profile):
    """The moment the cadence counts from: the last contact, or when the person last marked
    this opportunity's check-in done or dismissed it. Dismissing one check-in ends that
    proposal only: the next comes a cadence later, never not at all."""
    for _ in range(12):  # each decision moves it on once; a dozen is years of check-ins
        decision = facts.decisions.get(check_in_id(opp.id, last, profile))
        if decision is None or decision.status is DecisionStatus.SNOOZED or decision.at <= last:
            return last
        last = decision.at
    return last


@rule(
    NAME,
    "Stay in touch (consistent effort)",
    (
        "cadence_applied_days",
        "cadence_screening_days",
        "cadence_interviewing_days",
        "cadence_offer_days",
        "spacing_days",
        "max_unanswered_followups",
        "news_recent_days",
    ),
)
def check_in(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    updating = {
        opp.id
        for achievement, person_id, opp, _ in pending_updates(facts, now, settings, profile)
        if update_id(achievement.id, person_id) not in facts.decisions
    }
    for opp in facts.active_opportunities():
        if not facts.proposes_for(opp):
            continue
        s = settings_for(opp, settings)
        days = cadence_days(opp, s)
        person_id = contact_person(facts, opp)
        if days is None or person_id is None or opp.id in updating:
            continue
        last = opp.contact.last_touch or opp.stage_since
        if last is None:
            continue
        person = facts.person(person_id)
        if too_many_followups(opp, s, facts):
            actions.append(_change_route(facts, opp, person_id, now, s, profile))
            continue
        last = after_decided(facts, opp, last, profile)
        due = last + timedelta(days=days)
        held = spacing_until(person, s)
        if held and held > due:
            due = held
        due = next_working_moment(due, profile)
        quiet = quiet_words(opp, now)
        text, refs = reason(facts, opp, last, now, s, profile)
        why = (
            f"{quiet}; at {opp.stage.label.lower()} keep in touch every {days} days: "
            f"write to {person.name} and {text}; {due_words(due, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=check_in_id(opp.id, last, profile),
                rule=NAME,
                title=f"Check in with {person.name} about {opp.title}",
                why=why,
                due=due,
                priority=2 if opp.stage is Stage.OFFER else 3,
                people=[person_id],
                opportunity=opp,
                refs={"person_id": person_id, **refs},
            )
        )
    return actions


def _change_route(facts, opp, person_id, now, settings, profile) -> Action:
    others = [p for p in opp.people_in(set(Role)) if p != person_id]
    last_reply = opp.contact.last_in
    since = f" (their last reply: {day_words(last_reply, now, profile)})" if last_reply else ""
    route = (
        f"try {names(facts.names(others[:2]))} instead" if others else "find another contact there"
    )
    waiting = opp.contact.last_out_message or now
    due = next_working_moment(waiting + timedelta(days=settings.spacing_days), profile)
    return propose(
        facts,
        now,
        profile,
        id=f"{CHANGE_ROUTE}:o{opp.id}:{local(waiting, profile).date().isoformat()}",
        rule=NAME,
        title=f"Pause {opp.title} at {opp.organization_name}, or {route}",
        why=(
            f"{unanswered_followups(opp, facts)} follow-ups to {opp.organization_name} went "
            f"unanswered{since}; a third rarely helps, so pause or {route}; "
            f"{due_words(due, now, profile)}"
        ),
        due=due,
        priority=4,
        people=[person_id],
        opportunity=opp,
        refs={"person_id": person_id, "other_people": others},
        draftable=False,
    )
