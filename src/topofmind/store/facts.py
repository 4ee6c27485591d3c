"""Reads the record into the playbook's ``Facts`` with a few set-based queries.

Never one query per person or per opportunity: last contact in each direction comes
from one read of a recent horizon, reduced per person and opportunity in one pass,
and only recent or upcoming conversations, inbound messages and requests are read in
full. The bulk reads take their rows straight from the driver (``driver_rows``), so
moments, days and JSON arrive as each database gives them and are converted here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, or_, select, union

from topofmind.domain.actions import Decision
from topofmind.domain.enums import (
    DecisionStatus,
    Direction,
    InteractionKind,
    Role,
    Stage,
)
from topofmind.domain.facts import (
    AchievementFacts,
    EventFacts,
    Facts,
    NewsFacts,
    OpportunityFacts,
    PersonFacts,
    Reach,
    Scope,
)
from topofmind.store.contacts import as_contact, in_scope, last_contacts, scope_interactions
from topofmind.store.recent import recent_conversations, recent_messages, recent_requests
from topofmind.store.rows import OWNER, driver_rows
from topofmind.store.rows import day as _day
from topofmind.store.rows import json_value as _json
from topofmind.store.rows import moment as _moment
from topofmind.store.schema import (
    achievements,
    decisions,
    events,
    interaction_participants,
    interactions,
    introductions,
    news_items,
    opportunities,
    opportunity_people,
    organizations,
    people,
    questions,
    requests,
    stage_changes,
)

#: Stored values to members, a dictionary lookup instead of an enum call per row.
STAGES = {s.value: s for s in Stage}
ROLES = {r.value: r for r in Role}

#: The tables ``load_facts`` and ``opportunity_overrides`` read, but for decisions, of
#: which the rules read few, and the profile, all of which they read but the feed's
#: secret (both in ``kept.rows_digest``): a write elsewhere leaves the rules' output.
TABLES_READ = (
    "achievements",
    "events",
    "interaction_notes",
    "interaction_participants",
    "interactions",
    "introductions",
    "news_items",
    "opportunities",
    "opportunity_people",
    "organizations",
    "people",
    "questions",
    "requests",
    "stage_changes",
)


def load_facts(
    conn: Connection, now: datetime, reach: Reach | None = None, scope: Scope | None = None
) -> Facts:
    """Everything the rules read, as of ``now``; nothing after ``now`` counts as contact.

    The record is read as far around ``now`` as ``reach`` says (the default reach when
    not given): ``playbook.reach`` gives the reach of the settings in force. With a
    ``scope``, only its people, opportunities and organizations are read, and the
    interactions of those people and opportunities; decisions and the week's engagements
    are read whole, achievements and events not at all (the caller has them). People,
    opportunities and news come in the order of their ids, so that facts pieced
    together from several reads are the same.
    """
    reach = reach or Reach()
    if scope is not None and scope.interactions is None:
        scope = replace(scope, interactions=scope_interactions(conn, scope))
    opp_rows = _opportunity_rows(conn, scope)
    person_contact, opp_contact = last_contacts(conn, now, reach.contact, scope)
    opps, involvement = _opportunities(conn, opp_rows, opp_contact, scope)
    conversations = recent_conversations(conn, now, reach, scope)
    messages = recent_messages(conn, now, reach, scope)
    asked = recent_requests(conn, now, reach, scope)
    return Facts(
        people=_people(conn, person_contact, now, reach, scope),
        opportunities=opps,
        conversations=conversations,
        messages=messages,
        requests=asked,
        achievements=_achievements(conn, now) if scope is None else (),
        events=_events(conn, now, reach) if scope is None else (),
        news=_news(conn, now, reach, scope),
        decisions=load_decisions(conn),
        engagements_this_week=_engagements(conn, now),
        involvement=involvement,
    )


def _opportunity_rows(conn: Connection, scope: Scope | None = None) -> list[tuple]:
    """Each opportunity as (id, title, organization id and name, stage, priority,
    overrides), its overrides decoded, in the order of their ids: read first, as they
    widen the rest of the read."""
    o = opportunities.c
    conditions = [o.owner_id == OWNER]
    if scope is not None:
        conditions.append(o.id.in_(scope.opportunities))
    return [
        (*r[:6], dict(_json(r[6]) or {}), _moment(r[7]), r[8] or "")
        for r in driver_rows(
            conn,
            select(
                o.id,
                o.title,
                o.organization_id,
                organizations.c.name,
                o.stage,
                o.priority,
                o.settings,
                o.offer_deadline,
                o.offer_terms,
            )
            .select_from(opportunities.join(organizations, organizations.c.id == o.organization_id))
            .where(*conditions)
            .order_by(o.id),
        )
    ]


def opportunity_overrides(conn: Connection) -> list[Mapping[str, Any]]:
    """Each opportunity's own setting overrides, for those that have any: they widen the
    reach the facts are read with."""
    return [r[6] for r in _opportunity_rows(conn) if r[6]]


def _engagements(conn: Connection, now: datetime) -> int:
    i = interactions.c
    query = select(func.count()).where(
        i.owner_id == OWNER,
        i.kind == InteractionKind.LINKEDIN_ENGAGEMENT.value,
        i.direction == Direction.OUTBOUND.value,
        i.at <= now,
        i.at > now - timedelta(days=7),
    )
    return conn.execute(query).scalar_one()


def _reachable(conn, now: datetime, reach: Reach, scope: Scope | None):
    """The ids of the people a rule can reach, as a query (of the ``scope``'s alone)."""
    p, i, ip = people.c, interactions.c, interaction_participants.c
    # One set of ids, a union without OR: both databases then read each part once and
    # join on the result (an OR of IN-subqueries made PostgreSQL rescan the
    # participants for every person once that subquery outgrew its memory).
    branches = [
        select(p.id).where(
            p.owner_id == OWNER, or_(p.connected.is_(True), p.connected_on.is_not(None))
        ),
        select(opportunity_people.c.person_id)
        .join(opportunities, opportunities.c.id == opportunity_people.c.opportunity_id)
        .where(opportunities.c.owner_id == OWNER),
        select(ip.person_id)
        .join(interactions, i.id == ip.interaction_id)
        .where(i.owner_id == OWNER, i.at >= now - reach.recent, i.at <= now + reach.ahead),
        select(ip.person_id)
        .join(interactions, i.id == ip.interaction_id)
        .join(requests, requests.c.interaction_id == i.id)
        .where(i.owner_id == OWNER, i.at >= now - reach.requests),
    ]
    if scope is not None:  # each part narrowed, so that none is read whole
        branches[0] = branches[0].where(p.id.in_(scope.people))
        branches[1] = branches[1].where(opportunity_people.c.person_id.in_(scope.people))
        branches[2] = branches[2].where(
            in_scope(i, scope, conn.dialect.name), ip.person_id.in_(scope.people)
        )
        branches[3] = branches[3].where(
            in_scope(i, scope, conn.dialect.name), ip.person_id.in_(scope.people)
        )
    return union(*branches)


def _people(
    conn, contact, now: datetime, reach: Reach, scope: Scope | None
) -> dict[int, PersonFacts]:
    """The people a rule can reach: on an opportunity, connected on LinkedIn, or in a
    conversation, message or request read in full. Others (most of a long search's
    contacts) are left out; ``Facts.person`` still names them if asked."""
    p = people.c
    reachable = _reachable(conn, now, reach, scope)
    query = (
        select(
            p.id,
            p.name,
            p.title,
            p.organization_id,
            organizations.c.name,
            p.connected,
            p.connected_on,
        )
        .select_from(people.outerjoin(organizations, organizations.c.id == p.organization_id))
        .where(p.owner_id == OWNER, p.id.in_(reachable))
    )
    if scope is not None:
        query = query.where(p.id.in_(scope.people))
    out = {}
    for r in driver_rows(conn, query):
        found = contact.get(r[0])
        engaged, requested = found[4:6] if found else (None, None)
        connected_on = _day(r[6])
        out[r[0]] = PersonFacts(
            id=r[0],
            name=r[1],
            title=r[2] or "",
            organization_id=r[3],
            organization_name=r[4] or "",
            connected=bool(r[5]) or connected_on is not None,
            connected_on=connected_on,
            contact=as_contact(found),
            last_engagement=engaged,
            last_connection_request=requested,
        )
    return dict(sorted(out.items()))


def _opportunities(
    conn: Connection, opp_rows: list[tuple], contact: dict[int, list], scope: Scope | None
) -> tuple[dict[int, OpportunityFacts], dict[int, tuple[int, ...]]]:
    """Each opportunity's facts, and the opportunities each person is on."""
    only = None if scope is None else list(scope.opportunities)
    since = _stage_reached(conn, None, only)
    offered = _stage_reached(conn, Stage.OFFER, only)
    roles, involvement = _roles(conn, only)
    unasked = _unasked_questions(conn, only)
    introduced = _introduced(conn, only)
    out = {}
    for r in opp_rows:
        out[r[0]] = OpportunityFacts(
            id=r[0],
            title=r[1],
            organization_id=r[2],
            organization_name=r[3],
            stage=STAGES[r[4]],
            stage_since=since.get(r[0]),
            priority=r[5],
            overrides=r[6],
            roles=tuple(roles.get(r[0], ())),
            contact=as_contact(contact.get(r[0])),
            unasked_questions=unasked.get(r[0], 0),
            has_introduction=r[0] in introduced,
            offered_at=offered.get(r[0]),
            offer_deadline=r[7],
            offer_terms=r[8],
        )
    return out, {k: tuple(v) for k, v in sorted(involvement.items())}


def _stage_reached(
    conn: Connection, stage: Stage | None = None, only: list[int] | None = None
) -> dict[int, datetime | None]:
    """When each opportunity (of ``only``, when given) last changed stage (or last
    reached ``stage``)."""
    o, sc = opportunities.c, stage_changes.c
    conditions = [o.owner_id == OWNER]
    if only is not None:
        conditions.append(sc.opportunity_id.in_(only))
    if stage is not None:
        conditions.append(sc.stage == stage.value)
    return {
        opp_id: _moment(at)
        for opp_id, at in driver_rows(
            conn,
            select(sc.opportunity_id, func.max(sc.at))
            .select_from(stage_changes.join(opportunities, o.id == sc.opportunity_id))
            .where(*conditions)
            .group_by(sc.opportunity_id),
        )
    }


def _roles(
    conn: Connection, only: list[int] | None
) -> tuple[dict[int, list[tuple[int, Role]]], dict[int, list[int]]]:
    """(person, role) pairs by opportunity (of ``only``, when given), and the
    opportunities of each person."""
    op = opportunity_people.c
    conditions = [opportunities.c.owner_id == OWNER]
    if only is not None:
        conditions.append(op.opportunity_id.in_(only))
    roles: dict[int, list[tuple[int, Role]]] = defaultdict(list)
    involvement: dict[int, list[int]] = defaultdict(list)
    for opp_id, person_id, role in driver_rows(
        conn,
        select(op.opportunity_id, op.person_id, op.role)
        .select_from(
            opportunity_people.join(opportunities, opportunities.c.id == op.opportunity_id)
        )
        .where(*conditions)
        .order_by(op.id),
    ):
        roles[opp_id].append((person_id, ROLES[role]))
        if opp_id not in involvement[person_id]:
            involvement[person_id].append(opp_id)
    return roles, involvement


def _unasked_questions(conn: Connection, only: list[int] | None) -> dict[int, int]:
    q = questions.c
    conditions = [q.owner_id == OWNER, q.asked.is_(False)]
    if only is not None:
        conditions.append(q.opportunity_id.in_(only))
    return dict(
        conn.execute(
            select(q.opportunity_id, func.count()).where(*conditions).group_by(q.opportunity_id)
        ).all()
    )


def _introduced(conn: Connection, only: list[int] | None) -> set[int]:
    """The opportunities (of ``only``, when given) with an introduction written."""
    i = introductions.c
    conditions = [i.owner_id == OWNER]
    if only is not None:
        conditions.append(i.opportunity_id.in_(only))
    return set(conn.scalars(select(i.opportunity_id).where(*conditions).distinct()))


def _achievements(conn: Connection, now: datetime) -> tuple[AchievementFacts, ...]:
    """Every achievement; when it was recorded only if that was before ``now`` (a ``--now``
    in the past sees nothing recorded after it)."""
    a = achievements.c
    out = []
    for achievement_id, title, kind, achieved_on, created in driver_rows(
        conn,
        select(a.id, a.title, a.kind, a.achieved_on, a.created_at)
        .where(a.owner_id == OWNER)
        .order_by(a.achieved_on, a.id),
    ):
        recorded = _moment(created)
        known = recorded if recorded is not None and recorded <= now else None
        out.append(AchievementFacts(achievement_id, title, kind, _day(achieved_on), known))
    return tuple(out)


def _events(conn: Connection, now: datetime, reach: Reach) -> tuple[EventFacts, ...]:
    e = events.c
    rows = conn.execute(
        select(
            e.id,
            e.title,
            e.starts_at,
            e.ends_at,
            e.organization_id,
            organizations.c.name,
            e.registered,
            e.attended,
        )
        .select_from(events.outerjoin(organizations, organizations.c.id == e.organization_id))
        .where(
            e.owner_id == OWNER,
            e.starts_at >= now - reach.recent,
            e.starts_at <= now + reach.ahead,
        )
        .order_by(e.starts_at, e.id)
    )
    return tuple(
        EventFacts(r[0], r[1], r[2], r[3], r[4], r[5] or "", bool(r[6]), bool(r[7])) for r in rows
    )


def _news(
    conn: Connection, now: datetime, reach: Reach, scope: Scope | None
) -> dict[int, tuple[NewsFacts, ...]]:
    n = news_items.c
    conditions = [n.owner_id == OWNER, n.published >= now - reach.news, n.published <= now]
    if scope is not None:
        conditions.append(n.organization_id.in_(scope.organizations))
    found: dict[int, list[NewsFacts]] = defaultdict(list)
    for r in conn.execute(
        select(n.id, n.organization_id, n.title, n.published, n.read, n.created_at)
        .where(*conditions)
        .order_by(n.published.desc(), n.id.desc())
    ).all():
        if len(found[r.organization_id]) < 3:
            recorded = r.created_at if r.created_at is not None and r.created_at <= now else None
            found[r.organization_id].append(
                NewsFacts(r.id, r.organization_id, r.title, r.published, bool(r.read), recorded)
            )
    return {k: tuple(v) for k, v in sorted(found.items())}


def load_decisions(conn: Connection, *conditions: ColumnElement[bool]) -> dict[str, Decision]:
    """The decisions on actions, by action id (those meeting ``conditions``, when given)."""
    d = decisions.c
    return {
        r.action_id: Decision(r.action_id, DecisionStatus(r.status), r.at, r.until, r.note)
        for r in conn.execute(
            select(d.action_id, d.status, d.at, d.until, d.note).where(
                d.owner_id == OWNER, *conditions
            )
        ).all()
    }
