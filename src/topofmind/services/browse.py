"""Reading the record as the pages and the API show it: lists and single records.

Each function opens its own connection from the ``Context`` and returns domain records,
so the edges never hold a connection or know which query module answers them.
"""

from __future__ import annotations

from topofmind.domain.records import (
    Achievement,
    Event,
    Interaction,
    Opportunity,
    Organization,
    Person,
    Question,
)
from topofmind.services.context import Context
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


def list_people(ctx: Context) -> list[Person]:
    """Everyone in the record."""
    with ctx.db.connect() as conn:
        return people_store.list_people(conn)


def list_organizations(ctx: Context) -> list[Organization]:
    """Every organization in the record."""
    with ctx.db.connect() as conn:
        return org_store.list_organizations(conn)


def list_opportunities(ctx: Context) -> list[Opportunity]:
    """Every opportunity, whatever its stage."""
    with ctx.db.connect() as conn:
        return opp_store.list_opportunities(conn)


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


def list_events(ctx: Context) -> list[Event]:
    """Events, latest start first."""
    with ctx.db.connect() as conn:
        items = event_store.list_events(conn)
    items.sort(key=lambda e: e.starts_at, reverse=True)
    return items


def questions_with_opportunities(
    ctx: Context,
) -> tuple[list[Question], dict[int, Opportunity]]:
    """Every question, and the opportunities by id so each question can name its own."""
    with ctx.db.connect() as conn:
        items = question_store.list_questions(conn)
        opps = {o.id: o for o in opp_store.list_opportunities(conn)}
    return items, opps


def person_names(ctx: Context, typed: str, limit: int = SUGGESTIONS) -> list[str]:
    """Names of people whose name or address contains what was typed, for autocomplete."""
    with ctx.db.connect() as conn:
        return search_store.suggest_people(conn, typed, limit)
