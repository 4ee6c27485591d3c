"""Builders for the situations rule tests describe: people, opportunities and talks around NOW.

NOW is Tuesday 24 November 2026, 15:00 in New York, as in the shared fixtures.
``at(-1, "15:00")`` is yesterday at 15:00 in New York.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from topofmind.domain.enums import InteractionKind, Role, Stage
from topofmind.domain.facts import (
    AchievementFacts,
    Contact,
    Conversation,
    Facts,
    OpportunityFacts,
    PersonFacts,
)
from topofmind.domain.records import Profile
from topofmind.settings import Settings

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=NY)
PROFILE = Profile("Jordan Lee", timezone="America/New_York")
SETTINGS = Settings()


def at(days: int, clock: str = "09:00") -> datetime:
    return datetime.combine(NOW.date() + timedelta(days=days), time.fromisoformat(clock), NY)


def day(days: int) -> date:
    return NOW.date() + timedelta(days=days)


def contact(last_in, last_out, last_msg, unanswered, followups, spaced) -> Contact:
    """Contact as the record shows it; unless told otherwise, every unanswered message of
    ours is a follow-up and the last one starts the spacing."""
    return Contact(
        last_in,
        last_out or last_msg,
        last_msg,
        unanswered,
        followups=unanswered if followups is None else followups,
        last_spaced=last_msg if spaced is None else spaced,
    )


def person(
    id: int,
    name: str = "",
    *,
    last_in: datetime | None = None,
    last_out: datetime | None = None,
    last_msg: datetime | None = None,
    unanswered: int = 0,
    followups: int | None = None,
    spaced: datetime | None = None,
    org: int | None = 1,
    connected: bool = False,
    connected_on: date | None = None,
    engaged: datetime | None = None,
    requested: datetime | None = None,
) -> PersonFacts:
    return PersonFacts(
        id=id,
        name=name or f"Person {id}",
        organization_id=org,
        organization_name=f"Org {org}" if org else "",
        connected=connected or connected_on is not None,
        connected_on=connected_on,
        contact=contact(last_in, last_out, last_msg, unanswered, followups, spaced),
        last_engagement=engaged,
        last_connection_request=requested,
    )


def opportunity(
    id: int = 1,
    stage: str = "interviewing",
    roles: tuple = ((1, "hiring-manager"),),
    *,
    org: int = 1,
    since: datetime | None = None,
    last_in: datetime | None = None,
    last_out: datetime | None = None,
    last_msg: datetime | None = None,
    unanswered: int = 0,
    followups: int | None = None,
    spaced: datetime | None = None,
    questions: int = 0,
    introduced: bool = False,
    overrides: dict | None = None,
) -> OpportunityFacts:
    return OpportunityFacts(
        id=id,
        title=f"Role {id}",
        organization_id=org,
        organization_name=f"Org {org}",
        stage=Stage(stage),
        stage_since=since or at(-20),
        roles=tuple((p, Role(r)) for p, r in roles),
        contact=contact(last_in, last_out, last_msg, unanswered, followups, spaced),
        unasked_questions=questions,
        has_introduction=introduced,
        overrides=overrides or {},
    )


def conversation(
    id: int,
    people: tuple[int, ...],
    start: datetime,
    *,
    end: datetime | None = None,
    kind: str = "interview",
    opp: int | None = 1,
    points: tuple[str, ...] = (),
    wishes: tuple[str, ...] = (),
    scheduled: bool = False,
) -> Conversation:
    return Conversation(
        id=id,
        kind=InteractionKind(kind),
        at=start,
        ends_at=end,
        participants=people,
        opportunity_id=opp,
        points=points,
        wishes=wishes,
        scheduled=scheduled,
    )


def achievement(id: int, on: date, title: str = "AWS certification") -> AchievementFacts:
    return AchievementFacts(id, title, "certification", on)


def facts(people=(), opportunities=(), **more) -> Facts:
    involvement: dict[int, list[int]] = {}
    for opp in opportunities:
        for person_id, _ in opp.roles:
            involvement.setdefault(person_id, []).append(opp.id)
    return Facts(
        people={p.id: p for p in people},
        opportunities={o.id: o for o in opportunities},
        involvement={k: tuple(v) for k, v in involvement.items()},
        **more,
    )


def run(rule_name: str, situation: Facts, now: datetime = NOW, settings: Settings = SETTINGS):
    """The actions one rule proposes in ``situation``."""
    from topofmind.playbook.registry import get_rule

    return get_rule(rule_name).func(situation, now, settings, PROFILE)
