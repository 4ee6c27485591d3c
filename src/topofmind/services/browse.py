"""Reading the record as the pages and the API show it: lists and single records.

Each function opens its own connection from the ``Context`` and returns domain records,
so the edges never hold a connection or know which query module answers them.
"""

from __future__ import annotations

from topofmind.domain.enums import Stage
from topofmind.domain.records import (
    Achievement,
    Event,
    Interaction,
    Opportunity,
    Organization,
    Person,
    Question,
)
from topofmind.errors import UnknownPerson
from topofmind.services.context import Context
from topofmind.services.lookup import (
    named_address,
    resolve_opportunity,
    resolve_organization,
    resolve_person,
)
from topofmind.store import achievements as achievement_store
from topofmind.store import events as event_store
from topofmind.store import interactions as interaction_store
from topofmind.store import opportunities as opp_store
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store
from topofmind.store import questions as question_store
from topofmind.store import search as search_store

#: How many names autocomplete offers at most.
SUGGESTIONS = 12


def list_people(ctx: Context, organization: str | None = None) -> list[Person]:
    """Everyone in the record, or everyone at the organization named."""
    with ctx.db.connect() as conn:
        org_id = resolve_organization(conn, organization) if organization else None
        return people_store.list_people(conn, organization_id=org_id)


def list_organizations(ctx: Context) -> list[Organization]:
    """Every organization in the record."""
    with ctx.db.connect() as conn:
        return org_store.list_organizations(conn)


def list_opportunities(ctx: Context, stages: list[Stage] | None = None) -> list[Opportunity]:
    """Every opportunity, or those at the stages given."""
    with ctx.db.connect() as conn:
        return opp_store.list_opportunities(conn, stages=stages or None)


def open_opportunities(ctx: Context) -> list[Opportunity]:
    """Opportunities not closed yet: the ones an interaction can still be about."""
    return [o for o in list_opportunities(ctx) if not o.stage.is_closed]


def active_opportunities(ctx: Context) -> list[Opportunity]:
    """Opportunities in an active stage."""
    return [o for o in list_opportunities(ctx) if o.stage.is_active]


def get_interaction(ctx: Context, interaction_id: int) -> Interaction:
    """One interaction, cancelled or not; UnknownRecord when there is none with that id."""
    with ctx.db.connect() as conn:
        return interaction_store.get_interaction(conn, interaction_id)


def list_achievements(ctx: Context) -> list[Achievement]:
    """Achievements, newest first."""
    with ctx.db.connect() as conn:
        items = achievement_store.list_achievements(conn)
    items.sort(key=lambda a: a.achieved_on, reverse=True)
    return items


def list_events(ctx: Context, newest_first: bool = True) -> list[Event]:
    """Events, latest start first (or in calendar order)."""
    with ctx.db.connect() as conn:
        items = event_store.list_events(conn)
    items.sort(key=lambda e: e.starts_at, reverse=newest_first)
    return items


def questions_with_opportunities(
    ctx: Context,
) -> tuple[list[Question], dict[int, Opportunity]]:
    """Every question, and the opportunities by id so each question can name its own."""
    with ctx.db.connect() as conn:
        items = question_store.list_questions(conn)
        opps = {o.id: o for o in opp_store.list_opportunities(conn) if o.id is not None}
    return items, opps


def list_questions(ctx: Context, opportunity: str | None = None) -> list[Question]:
    """Questions of every opportunity, or of the one named."""
    with ctx.db.connect() as conn:
        opp_id = resolve_opportunity(conn, opportunity) if opportunity else None
        return question_store.list_questions(conn, opp_id)


def opportunity_names(ctx: Context) -> dict[int, str]:
    """Each opportunity's id and "Title at Organization"."""
    with ctx.db.connect() as conn:
        return dict(opp_store.name_candidates(conn))


def person_names(ctx: Context, typed: str, limit: int = SUGGESTIONS) -> list[str]:
    """Names of people whose name or address contains what was typed, for autocomplete."""
    with ctx.db.connect() as conn:
        return search_store.suggest_people(conn, typed, limit)


def unknown_names(ctx: Context, typed: list[str]) -> list[str]:
    """The names in ``typed`` that no one in the record has, a name with its address
    ("Maya Stone <maya@acme.example>") among them; bare addresses and ids are left out:
    no one can be added from those alone."""
    unknown = []
    with ctx.db.connect() as conn:
        for name in typed:
            named = named_address(name)
            if (named is not None and not named[0]) or name.strip().startswith("#"):
                continue
            try:
                resolve_person(conn, name)
            except UnknownPerson:
                unknown.append(name.strip())
    return list(dict.fromkeys(unknown))
