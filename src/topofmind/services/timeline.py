"""The story so far with a person, an opportunity or an organization, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field

from topofmind.domain.records import (
    Interaction,
    Opportunity,
    Organization,
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
            person = people_store.get_person(conn, resolve_person(conn, query))
            return _person(conn, person)
        if kind == "opp":
            opp = opp_store.get_opportunity(conn, resolve_opportunity(conn, query))
            return _opportunity(conn, opp)
        if kind == "org":
            org = org_store.get_organization(conn, resolve_organization(conn, query))
            return _organization(conn, org)
    raise InvalidValue(f"Cannot show '{kind}': choose person, opp or org.")


def _person(conn, person: Person) -> Timeline:
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
        id=person.id,
        title=person.name,
        details={k: v for k, v in details.items() if v},
        people=[person],
        opportunities=opp_store.list_opportunities(conn, person_id=person.id),
        interactions=interaction_store.list_interactions(conn, person_id=person.id),
    )


def _opportunity(conn, opp: Opportunity) -> Timeline:
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
        id=opp.id,
        title=f"{opp.title} at {opp.organization_name}",
        details={k: v for k, v in details.items() if v},
        people=people,
        roles=roles,
        opportunities=[opp],
        questions=question_store.list_questions(conn, opp.id),
        interactions=interaction_store.list_interactions(conn, opportunity_id=opp.id),
    )


def _organization(conn, org: Organization) -> Timeline:
    details = {
        "Domains": ", ".join(org.domains),
        "Website": org.website,
        "Feeds": ", ".join(org.feeds),
        "Notes": org.notes,
    }
    return Timeline(
        kind="org",
        id=org.id,
        title=org.name,
        details={k: v for k, v in details.items() if v},
        people=people_store.list_people(conn, organization_id=org.id),
        opportunities=opp_store.list_opportunities(conn, organization_id=org.id),
        interactions=interaction_store.list_interactions(conn, organization_id=org.id),
    )
