"""Opportunities, their stage history and the people involved in them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Connection, delete, func, select, true

from topofmind.domain.enums import Role, Stage
from topofmind.domain.records import Involvement, Opportunity, StageChange
from topofmind.errors import UnknownOpportunity
from topofmind.store.rows import OWNER, insert_row, saved, update_row
from topofmind.store.schema import (
    interactions,
    opportunities,
    opportunity_people,
    organizations,
    people,
    stage_changes,
)


def list_opportunities(
    conn: Connection,
    ids: list[int] | None = None,
    organization_id: int | None = None,
    stages: list[Stage] | None = None,
    person_id: int | None = None,
) -> list[Opportunity]:
    query = (
        select(opportunities, organizations.c.name.label("organization_name"))
        .select_from(
            opportunities.join(organizations, opportunities.c.organization_id == organizations.c.id)
        )
        .where(opportunities.c.owner_id == OWNER)
        .order_by(
            opportunities.c.priority.desc(), func.lower(organizations.c.name), opportunities.c.id
        )
    )
    if ids is not None:
        query = query.where(opportunities.c.id.in_(ids))
    if organization_id is not None:
        query = query.where(opportunities.c.organization_id == organization_id)
    if stages:
        query = query.where(opportunities.c.stage.in_([s.value for s in stages]))
    if person_id is not None:
        query = query.where(
            opportunities.c.id.in_(
                select(opportunity_people.c.opportunity_id).where(
                    opportunity_people.c.person_id == person_id
                )
            )
        )
    rows = conn.execute(query).mappings().all()
    found = [r["id"] for r in rows]
    history = _histories(conn, found) if found else {}
    involved = _people_on(conn, found) if found else {}
    return [
        Opportunity(
            id=r["id"],
            title=r["title"],
            organization_id=r["organization_id"],
            organization_name=r["organization_name"],
            stage=Stage(r["stage"]),
            posting_text=r["posting_text"],
            posting_url=r["posting_url"],
            priority=r["priority"],
            excitement=r["excitement"],
            requirements=list(r["requirements"] or []),
            notes=r["notes"],
            settings=dict(r["settings"] or {}),
            history=history.get(r["id"], []),
            people=involved.get(r["id"], []),
            offer_deadline=r["offer_deadline"],
            offer_terms=r["offer_terms"] or "",
        )
        for r in rows
    ]


def _histories(conn: Connection, found: list[int]) -> dict[int, list[StageChange]]:
    """The stage changes of each opportunity in ``found``, oldest first."""
    history: dict[int, list[StageChange]] = {}
    for r in conn.execute(
        select(stage_changes)
        .where(stage_changes.c.opportunity_id.in_(found))
        .order_by(stage_changes.c.at, stage_changes.c.id)
    ).mappings():
        history.setdefault(r["opportunity_id"], []).append(StageChange(Stage(r["stage"]), r["at"]))
    return history


def _people_on(conn: Connection, found: list[int]) -> dict[int, list[Involvement]]:
    """The people on each opportunity in ``found``, in the order they were added."""
    involved: dict[int, list[Involvement]] = {}
    for r in conn.execute(
        select(opportunity_people, people.c.name)
        .join(people, people.c.id == opportunity_people.c.person_id)
        .where(opportunity_people.c.opportunity_id.in_(found))
        .order_by(opportunity_people.c.id)
    ).mappings():
        involved.setdefault(r["opportunity_id"], []).append(
            Involvement(r["person_id"], Role(r["role"]), r["name"])
        )
    return involved


def get_opportunity(conn: Connection, opp_id: int) -> Opportunity:
    found = list_opportunities(conn, [opp_id])
    if not found:
        raise UnknownOpportunity(f"No opportunity has id {opp_id}. `tom opp list` shows them.")
    return found[0]


def name_candidates(conn: Connection, ids: list[int] | None = None) -> list[tuple[int, str]]:
    """(id, "Title at Organization") for every opportunity, or for those of ``ids``."""
    query = (
        select(opportunities.c.id, opportunities.c.title, organizations.c.name)
        .join(organizations, organizations.c.id == opportunities.c.organization_id)
        .where(opportunities.c.owner_id == OWNER)
    )
    if ids is not None:
        query = query.where(opportunities.c.id.in_(ids))
    return [(r[0], f"{r[1]} at {r[2]}") for r in conn.execute(query)]


def _values(opp: Opportunity) -> dict:
    return {
        "title": opp.title,
        "organization_id": opp.organization_id,
        "stage": opp.stage.value,
        "posting_text": opp.posting_text,
        "posting_url": opp.posting_url,
        "priority": opp.priority,
        "excitement": opp.excitement,
        "requirements": list(opp.requirements),
        "notes": opp.notes,
        "settings": dict(opp.settings),
        "offer_deadline": opp.offer_deadline,
        "offer_terms": opp.offer_terms,
    }


def add_opportunity(
    conn: Connection,
    opp: Opportunity,
    at: datetime,
    batch_id: int | None = None,
    source: str = "manual",
    external_id: str | None = None,
) -> int:
    opp.id = insert_row(
        conn,
        opportunities,
        {**_values(opp), "batch_id": batch_id, "source": source, "external_id": external_id},
    )
    insert_row(conn, stage_changes, {"opportunity_id": opp.id, "stage": opp.stage.value, "at": at})
    opp.history = [StageChange(opp.stage, at)]
    for involvement in opp.people:
        involve(conn, opp.id, involvement.person_id, involvement.role)
    return opp.id


def update_opportunity(conn: Connection, opp: Opportunity) -> None:
    values = _values(opp)
    values.pop("stage")  # stages change only through set_stage, which keeps the history
    update_row(conn, opportunities, saved(opp.id), values)


def set_stage(conn: Connection, opp_id: int, stage: Stage, at: datetime) -> int:
    """Move the opportunity to ``stage`` from ``at``; returns the stage change's id."""
    update_row(conn, opportunities, opp_id, {"stage": stage.value})
    return insert_row(
        conn, stage_changes, {"opportunity_id": opp_id, "stage": stage.value, "at": at}
    )


def held_conversations(
    conn: Connection,
    kinds: list[str],
    now: datetime,
    batch_id: int | None = None,
    *,
    opportunity_id: int | None = None,
    since: datetime | None = None,
) -> list[tuple[int, str, datetime]]:
    """(opportunity id, kind, latest moment) of the conversations of ``kinds`` held by
    ``now`` that were still planned when recorded or that batch ``batch_id`` added; of
    one opportunity only, and held after ``since`` only, when given.

    Each import asks this at its end: the planned ones are few and found by their own
    index (owner, scheduled), the batch's by the batch's, whose moments are compared
    here (a range on them in the query leads the database to the index of moments, a
    scan of the whole record)."""
    i = interactions.c
    held: list[ColumnElement[bool]] = [
        i.opportunity_id.is_not(None),
        i.kind.in_(kinds),
        i.cancelled.is_(False),
    ]
    if opportunity_id is not None:
        held.append(i.opportunity_id == opportunity_id)
    if since is not None:
        held.append(i.at > since)
    columns = (i.opportunity_id, i.kind, i.at)
    planned = i.owner_id == OWNER, i.scheduled == true(), i.at <= now
    rows = list(conn.execute(select(*columns).where(*planned, *held)))
    if batch_id is not None:
        added = conn.execute(select(*columns).where(i.batch_id == batch_id, *held))
        rows += [row for row in added if row[2] <= now]
    latest: dict[tuple[int, str], datetime] = {}
    for opp_id, kind, at in rows:
        if (opp_id, kind) not in latest or at > latest[(opp_id, kind)]:
            latest[(opp_id, kind)] = at
    return [(opp_id, kind, at) for (opp_id, kind), at in sorted(latest.items())]


def involve(conn: Connection, opp_id: int, person_id: int, role: Role) -> bool:
    """Record a person's part in an opportunity; False if it was already there."""
    exists = conn.execute(
        select(opportunity_people.c.id).where(
            opportunity_people.c.opportunity_id == opp_id,
            opportunity_people.c.person_id == person_id,
            opportunity_people.c.role == role.value,
        )
    ).first()
    if exists:
        return False
    insert_row(
        conn,
        opportunity_people,
        {"opportunity_id": opp_id, "person_id": person_id, "role": role.value},
    )
    return True


def uninvolve(conn: Connection, opp_id: int, person_id: int, role: Role | None = None) -> None:
    query = delete(opportunity_people).where(
        opportunity_people.c.opportunity_id == opp_id, opportunity_people.c.person_id == person_id
    )
    if role is not None:
        query = query.where(opportunity_people.c.role == role.value)
    conn.execute(query)
