"""Engage: a light touch (a comment, a share) with connected insiders at organizations you pursue.

Chapter strategy, "Connect on professional platforms": "Engage with their posts or
share relevant articles to establish a presence". Trigger: a connected person at an
organization with an active opportunity and no engagement recorded for
``engage_quiet_days`` (21). Evidence: an engagement logged (`tom log linkedin-
engagement --with NAME`). At most ``engage_per_week`` (3) a week, counting those
already done, because the playbook says light: a few a week at most. The quietest
connections come first, spread over the week, each due by the end of its working day
(one proposed on its day, a connection just recorded, say, is not overdue at once).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from topofmind.domain import rule_names
from topofmind.domain.actions import Action
from topofmind.domain.facts import Facts, PersonFacts
from topofmind.domain.records import Profile
from topofmind.playbook.proposal import propose
from topofmind.playbook.registry import rule
from topofmind.playbook.timing import add_business_days, at_local, local
from topofmind.playbook.words import ago, due_words
from topofmind.settings import Settings

NAME = rule_names.ENGAGE


def quiet_since(person: PersonFacts, profile: Profile) -> datetime | None:
    """The last engagement, else the day you connected; None if never connected on a known day."""
    if person.last_engagement:
        return person.last_engagement
    if person.connected_on:
        return at_local(person.connected_on, time(12, 0), profile)
    return None


@rule(NAME, "Engage with their posts", ("engage_quiet_days", "engage_per_week"))
def engage(facts: Facts, now: datetime, settings: Settings, profile: Profile) -> list[Action]:
    room = settings.engage_per_week - facts.engagements_this_week
    if room <= 0:
        return []
    targets: dict[int | None, str] = {}
    for opp in facts.active_opportunities():
        targets.setdefault(opp.organization_id, opp.organization_name)
    quiet = timedelta(days=settings.engage_quiet_days)
    epoch = datetime(1970, 1, 1, tzinfo=now.tzinfo)
    candidates = []
    for person in facts.people.values():
        if not person.connected or person.organization_id not in targets:
            continue
        since = quiet_since(person, profile)
        if since is not None and now - since < quiet:
            continue
        candidates.append((since or epoch, person.id, person))
    candidates.sort(key=lambda c: (c[0], c[1]))
    here = local(now, profile)
    monday = here.date() - timedelta(days=here.weekday())
    week = f"{here.isocalendar().year}-W{here.isocalendar().week:02d}"
    actions = []
    for index, (since, _, person) in enumerate(candidates[:room]):
        slot = add_business_days(_start(monday, profile), 2 * index + 1, profile)
        due = at_local(local(slot, profile).date(), profile.work_end, profile)
        if person.last_engagement:
            last = f"last engaged {ago(since, now)}"
        elif since != epoch:
            last = f"connected {ago(since, now)}, never engaged"
        else:
            last = "never engaged"
        why = (
            f"{person.name} is a connection at {targets[person.organization_id]} ({last}); "
            f"comment on or share one of their posts, a light touch; {due_words(due, now, profile)}"
        )
        actions.append(
            propose(
                facts,
                now,
                profile,
                id=f"{NAME}:p{person.id}:{week}",
                rule=NAME,
                title=f"Engage with a post by {person.name}",
                why=why,
                due=due,
                priority=5,
                people=[person.id],
                refs={"person_id": person.id},
                draftable=False,
            )
        )
    return actions


def _start(monday: date, profile: Profile) -> datetime:
    return at_local(monday, profile.work_start, profile)
