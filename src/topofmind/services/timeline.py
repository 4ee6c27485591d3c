"""The story so far with a person, an opportunity or an organization, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from topofmind.domain.records import (
    Interaction,
    Opportunity,
    Person,
    Question,
)
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.lookup import resolve_opportunity, resolve_organization, resolve_person
from topofmind.store import interactions as interaction_store
from topofmind.store import opportunities as opp_store
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store
from topofmind.store import questions as question_store


@dataclass
class Timeline:
    kind: str
    id: int
    title: str
    #: Label and value pairs shown above the timeline.
    details: dict[str, str] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)
    #: For an opportunity: person id to their parts in it.
    roles: dict[int, list[str]] = field(default_factory=dict)
    opportunities: list[Opportunity] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)


def timeline(ctx: Context, kind: str, query: str) -> Timeline:
    with ctx.db.connect() as conn:
        if kind == "person":
            return _person(conn, resolve_person(conn, query))
        if kind == "opp":
            return _opportunity(conn, resolve_opportunity(conn, query))
        if kind == "org":
            return _organization(conn, resolve_organization(conn, query))
    raise InvalidValue(f"Cannot show '{kind}': choose person, opp or org.")


def _person(conn: Connection, person_id: int) -> Timeline:
    person = people_store.get_person(conn, person_id)
    details = {
        "Title": person.title,
        "Organization": person.organization_name,
        "Email": ", ".join(person.emails),
        "Phone": ", ".join(person.phones),
        "LinkedIn": person.linkedin_url
        + (
            f" (connected {person.connected_on or ''})".replace(" )", ")")
            if person.connected
            else ""
        ),
        "Notes": person.notes,
    }
    return Timeline(
        kind="person",
        id=person_id,
        title=person.name,
        details={k: v for k, v in details.items() if v},
        people=[person],
        opportunities=opp_store.list_opportunities(conn, person_id=person_id),
        interactions=interaction_store.list_interactions(conn, person_id=person_id),
    )


def _opportunity(conn: Connection, opp_id: int) -> Timeline:
    opp = opp_store.get_opportunity(conn, opp_id)
    people = people_store.list_people(conn, ids=[i.person_id for i in opp.people])
    roles: dict[int, list[str]] = {}
    for involvement in opp.people:
        roles.setdefault(involvement.person_id, []).append(involvement.role.value)
    details = {
        "Organization": opp.organization_name,
        "Stage": f"{opp.stage.value} since {opp.stage_since:%d %b %Y}"
        if opp.stage_since
        else opp.stage.value,
        "Priority": str(opp.priority),
        "Excitement": str(opp.excitement),
        "Posting": opp.posting_url,
        "Notes": opp.notes,
    }
    return Timeline(
        kind="opp",
        id=opp_id,
        title=f"{opp.title} at {opp.organization_name}",
        details={k: v for k, v in details.items() if v},
        people=people,
        roles=roles,
        opportunities=[opp],
        questions=question_store.list_questions(conn, opp_id),
        interactions=interaction_store.list_interactions(conn, opportunity_id=opp_id),
    )


def _organization(conn: Connection, org_id: int) -> Timeline:
    org = org_store.get_organization(conn, org_id)
    details = {
        "Domains": ", ".join(org.domains),
        "Website": org.website,
        "Feeds": ", ".join(org.feeds),
        "Notes": org.notes,
    }
    return Timeline(
        kind="org",
        id=org_id,
        title=org.name,
        details={k: v for k, v in details.items() if v},
        people=people_store.list_people(conn, organization_id=org_id),
        opportunities=opp_store.list_opportunities(conn, organization_id=org_id),
        interactions=interaction_store.list_interactions(conn, organization_id=org_id),
    )
