"""Events: register for an organization's upcoming event, attend it, then record whom you met.

Chapter strategy, "Attend company events or webinars": "If the organization hosts
any events or webinars, make an effort to attend and actively participate." Register
on sight: due two working days before it starts, for events up to
``event_lookahead_days`` (30) ahead. On the day: attend. After it, with no
conversation recorded there, for ``event_follow_up_days`` (7): record whom you met,
so that their thank-yous and connection requests follow (the thank-you rule covers
the follow-ups). Evidence: registered, attended, or conversations recorded during
the event.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action, ActionRefs
from topofmind.domain.enums import InteractionKind
from topofmind.domain.facts import EventFacts, Facts
from topofmind.domain.records import Profile
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import local, next_working_moment, previous_working_moment
from topofmind.playbook.words import ago, clock_words, due_words
from topofmind.settings import Settings

NAME = rule_names.EVENT


def met_at(met: list[datetime], event: EventFacts) -> int:
    """Conversations recorded during the event (or in the evening after it), of those
    at events (``met``: their moments, in order)."""
    start, end = event.starts_at - timedelta(hours=1), event.end + timedelta(hours=6)
    return bisect_right(met, end) - bisect_left(met, start)


def host(event: EventFacts) -> str:
    """ " by Northwind Analytics" after an event's title, unless the title names it."""
    name = event.organization_name
    return f" by {name}" if name and name.lower() not in event.title.lower() else ""


@rule(NAME, "Attend company events or webinars", ("event_lookahead_days", "event_follow_up_days"))
def event(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    actions = []
    met = sorted(c.at for c in facts.conversations if c.kind is InteractionKind.EVENT_CONVERSATION)
    for item in facts.events:
        if item.starts_at > now:
            if item.starts_at - now > timedelta(days=settings.event_lookahead_days):
                continue
            found = _before(facts, item, now, profile)
        else:
            found = _after(facts, item, now, settings, profile, met)
        if found is not None:
            actions.append(found)
    return actions


def _before(facts: Facts, item: EventFacts, now: datetime, profile: Profile) -> Action | None:
    """Register for an upcoming event; on its day, attend the one registered for."""
    org, when = host(item), clock_words(item.starts_at, now, profile)
    refs: ActionRefs = {"event_id": item.id}
    if not item.registered:
        due = previous_working_moment(item.starts_at - timedelta(days=2), profile)
        return propose(
            facts,
            now,
            profile,
            id=f"{NAME}-register:e{item.id}",
            rule=NAME,
            title=f"Register for {item.title}",
            why=(
                f"{item.title}{org} is {when}; registering shows interest and puts "
                f"you in a room with their people; {due_words(due, now, profile)}"
            ),
            due=due,
            priority=3,
            refs=refs,
            draftable=False,
        )
    if local(item.starts_at, profile).date() == local(now, profile).date():
        return propose(
            facts,
            now,
            profile,
            id=f"{NAME}-attend:e{item.id}",
            rule=NAME,
            title=f"Attend {item.title}",
            why=f"You registered for {item.title}{org}, {when}; note whom you meet",
            due=item.starts_at,
            priority=2,
            refs=refs,
            draftable=False,
        )
    return None


def _after(
    facts: Facts,
    item: EventFacts,
    now: datetime,
    settings: Settings,
    profile: Profile,
    met: list[datetime],
) -> Action | None:
    """After an event you went to, record whom you met (unless a conversation shows it)."""
    if item.end > now or now - item.end > timedelta(days=settings.event_follow_up_days):
        return None
    if not (item.registered or item.attended) or met_at(met, item):
        return None
    org = host(item)
    due = next_working_moment(item.end + timedelta(days=1), profile)
    return propose(
        facts,
        now,
        profile,
        id=f"{NAME}-follow-up:e{item.id}",
        rule=NAME,
        title=f"Record whom you met at {item.title}",
        why=(
            f"{item.title}{org} ended {ago(item.end, now)} and no conversation from it is "
            "recorded; log whom you met (tom log event-conversation --with NAME) and "
            f"their thank-yous follow; {due_words(due, now, profile)}"
        ),
        due=due,
        priority=3,
        refs={"event_id": item.id},
        draftable=False,
    )
