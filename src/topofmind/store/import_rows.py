"""The rows an import writes besides whole records: addresses, phones and domains added
to people and organizations, fields filled in, and what an import looks up to match.

The import batch (``services/imports``) records each row these return, so undoing the
import removes or restores exactly them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, RowMapping, Table, select

from topofmind.domain.enums import CLOSED_STAGES
from topofmind.store.rows import OWNER, insert_row, update_row
from topofmind.store.schema import (
    achievements,
    events,
    interactions,
    opportunities,
    opportunity_people,
    organization_domains,
    people,
    person_emails,
    person_phones,
)

#: The records an import recognises by their source and id there.
IMPORTED: dict[str, Table] = {
    "opportunities": opportunities,
    "achievements": achievements,
    "events": events,
}


def existing_people(conn: Connection, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` still on the record (a rolled-back item's are not)."""
    return set(conn.execute(select(people.c.id).where(people.c.id.in_(list(ids)))).scalars())


def add_person_email(conn: Connection, person_id: int, address: str) -> int:
    return insert_row(conn, person_emails, {"person_id": person_id, "email": address})


def add_person_phone(conn: Connection, person_id: int, number: str) -> int:
    return insert_row(conn, person_phones, {"person_id": person_id, "phone": number})


def add_organization_domain(conn: Connection, organization_id: int, domain: str) -> int:
    return insert_row(
        conn, organization_domains, {"organization_id": organization_id, "domain": domain}
    )


def person_row(conn: Connection, person_id: int) -> RowMapping:
    """The person's row as stored, to see which fields an import may fill in."""
    return conn.execute(select(people).where(people.c.id == person_id)).mappings().one()


def fill_person(conn: Connection, person_id: int, changes: dict[str, Any]) -> None:
    update_row(conn, people, person_id, changes)


def interaction_row(conn: Connection, interaction_id: int) -> RowMapping:
    """The interaction's row as stored: its sequence and whether it was called off."""
    query = select(interactions).where(interactions.c.id == interaction_id)
    return conn.execute(query).mappings().one()


def fill_interaction(conn: Connection, interaction_id: int, changes: dict[str, Any]) -> None:
    update_row(conn, interactions, interaction_id, changes)


def only_active_opportunity(conn: Connection, person_ids: list[int]) -> int | None:
    """The opportunity these people are on, when there is exactly one still open."""
    query = (
        select(opportunities.c.id)
        .join(opportunity_people, opportunity_people.c.opportunity_id == opportunities.c.id)
        .where(
            opportunity_people.c.person_id.in_(person_ids),
            opportunities.c.stage.not_in([s.value for s in CLOSED_STAGES]),
        )
        .distinct()
    )
    found = [r[0] for r in conn.execute(query)]
    return found[0] if len(found) == 1 else None


def find_imported(conn: Connection, kind: str, source: str, external_id: str) -> int | None:
    """The id of the ``kind`` of record (``IMPORTED``) read before from ``source``."""
    if not external_id:
        return None
    table = IMPORTED[kind]
    query = select(table.c.id).where(
        table.c.owner_id == OWNER,
        table.c.source == source,
        table.c.external_id == external_id,
    )
    return conn.execute(query).scalar()
