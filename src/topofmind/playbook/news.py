"""Company news: a new item about an organization you are in process with is a reason to write.

Chapter strategy, "Demonstrate ongoing research": "Stay updated on industry trends,
company news, and other relevant information. Incorporate this knowledge into your
conversations." Trigger: an item published in the last ``news_note_days`` (7) about the
organization of an active opportunity (applied or further); the newest one only, one
action per organization. Action: a short note to the closest contact there (the key
person who last answered, else the hiring manager or recruiter): congratulations on a
funding round, a launch or an acquisition, or a thought on it. Due the working day
after it came in (a feed may bring it days after it was published); never sooner than
``spacing_days`` (7) after an unanswered message to them, and not at all when the
check-in is due about as soon: the check-in then mentions the news as its reason.
Evidence: a message of ours to them after the item was published. Research before an
interview cites the same item; marking it read (`tom news read`) is that research's
evidence.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.enums import Stage
from topofmind.domain.facts import Facts, NewsFacts, OpportunityFacts
from topofmind.domain.records import Profile
from topofmind.playbook.check_in import cadence_days, contact_person
from topofmind.playbook.guards import settings_for, spacing_until
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import next_working_moment
from topofmind.playbook.words import ago, due_words, quote
from topofmind.settings import Settings

NAME = rule_names.COMPANY_NEWS
IN_PROCESS = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER)
#: A check-in due this soon after the note would be mentions the news instead.
CHECK_IN_NEAR = timedelta(days=2)


@rule(NAME, "Demonstrate ongoing research", ("news_note_days", "spacing_days"))
def company_news(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    in_process = _in_process(facts) if facts.news else {}
    for org_id, items in facts.news.items():
        opps = in_process.get(org_id)
        if not opps:
            continue
        opp = max(opps, key=lambda o: (IN_PROCESS.index(o.stage), o.priority, -o.id))
        s = settings_for(opp, settings)
        recent = [
            n
            for n in items
            if n.published is not None
            and now - timedelta(days=s.news_note_days) <= n.published <= now
        ]
        person_id = contact_person(facts, opp)
        if not recent or person_id is None:
            continue
        found = _note(facts, opp, recent[0], person_id, now, s, profile)  # newest first
        if found is not None:
            actions.append(found)
    return actions


def _in_process(facts: Facts) -> dict[int, list[OpportunityFacts]]:
    """The active opportunities in process, by organization."""
    found: dict[int, list[OpportunityFacts]] = {}
    for o in facts.active_opportunities():
        if o.stage in IN_PROCESS:
            found.setdefault(o.organization_id, []).append(o)
    return found


def _note(
    facts: Facts,
    opp: OpportunityFacts,
    item: NewsFacts,
    person_id: int,
    now: datetime,
    s: Settings,
    profile: Profile,
) -> Action | None:
    """A note to ``person_id`` about ``item``, unless written since, held back past its
    time, or left to the check-in due as soon."""
    published = item.published
    assert published is not None  # recent news is dated
    person = facts.person(person_id)
    if person.contact.wrote_after(published):
        return None
    came = max(published, item.recorded_at or published)
    due = next_working_moment(came + timedelta(days=1), profile)
    held = spacing_until(person, s)
    if held is not None and held > due:
        if held > published + timedelta(days=s.news_note_days):
            return None  # too late by then: the check-in mentions it
        due = next_working_moment(held, profile)
    days = cadence_days(opp, s)
    last = opp.contact.last_touch or opp.stage_since
    if days is not None and last is not None and last + timedelta(days=days) <= due + CHECK_IN_NEAR:
        return None  # the check-in, due as soon, cites the news
    return propose(
        facts,
        now,
        profile,
        id=f"{NAME}:n{item.id}",
        rule=NAME,
        title=f"Write to {person.name} about {opp.organization_name}'s news",
        why=(
            f"{opp.organization_name} news {ago(published, now)}: "
            f'"{quote(item.title, 70)}"; a short note to {person.name} '
            "(congratulations, or a thought on it) is a reason to write that "
            f"shows you follow them; {due_words(due, now, profile)}"
        ),
        due=due,
        priority=3,
        people=[person_id],
        opportunity=opp,
        refs={"person_id": person_id, "news_id": item.id, "reason": "news"},
    )
