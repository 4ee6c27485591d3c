"""People, their email addresses and phones."""

from __future__ import annotations

import re

from sqlalchemy import Connection, delete, func, select

from topofmind.domain.records import Person
from topofmind.errors import DuplicateAddress, UnknownPerson
from topofmind.store.rows import OWNER, index_after, insert_row, keep_only, saved, update_row
from topofmind.store.schema import organizations, people, person_emails, person_phones


def normalize_email(address: str) -> str:
    return address.strip().lower()


def normalize_phone(phone: str) -> str:
    """Digits only, keeping a leading +, so the same number matches however written."""
    phone = phone.strip()
    digits = re.sub(r"\D", "", phone)
    return ("+" + digits) if phone.startswith("+") else digits


def _children(conn: Connection, table, column: str, ids: list[int] | None) -> dict[int, list]:
    query = select(table.c.person_id, table.c[column]).where(table.c.owner_id == OWNER)
    if ids is not None:
        query = query.where(table.c.person_id.in_(ids))
    out: dict[int, list] = {}
    for person_id, value in conn.execute(query.order_by(table.c.id)):
        out.setdefault(person_id, []).append(value)
    return out


def list_people(
    conn: Connection, ids: list[int] | None = None, organization_id: int | None = None
) -> list[Person]:
    query = (
        select(people, organizations.c.name.label("organization_name"))
        .select_from(
            people.outerjoin(organizations, people.c.organization_id == organizations.c.id)
        )
        .where(people.c.owner_id == OWNER)
        .order_by(func.lower(people.c.name), people.c.id)
    )
    if ids is not None:
        query = query.where(people.c.id.in_(ids))
    if organization_id is not None:
        query = query.where(people.c.organization_id == organization_id)
    rows = conn.execute(query).mappings().all()
    wanted = [r["id"] for r in rows] if (ids is not None or organization_id is not None) else None
    emails = _children(conn, person_emails, "email", wanted)
    phones = _children(conn, person_phones, "phone", wanted)
    return [
        Person(
            id=r["id"],
            name=r["name"],
            title=r["title"],
            organization_id=r["organization_id"],
            organization_name=r["organization_name"] or "",
            linkedin_url=r["linkedin_url"] or "",
            notes=r["notes"],
            connected=r["connected"],
            connected_on=r["connected_on"],
            emails=emails.get(r["id"], []),
            phones=phones.get(r["id"], []),
        )
        for r in rows
    ]


def get_person(conn: Connection, person_id: int) -> Person:
    found = list_people(conn, [person_id])
    if not found:
        raise UnknownPerson(f"No person has id {person_id}. `tom person list` shows them.")
    return found[0]


def name_candidates(conn: Connection, ids: list[int] | None = None) -> list[tuple[int, str]]:
    """(id, name) for everyone, or for the people of ``ids``."""
    query = select(people.c.id, people.c.name).where(people.c.owner_id == OWNER)
    if ids is not None:
        query = query.where(people.c.id.in_(ids))
    return [(r.id, r.name) for r in conn.execute(query)]


def person_for_email(conn: Connection, address: str) -> int | None:
    query = select(person_emails.c.person_id).where(
        person_emails.c.owner_id == OWNER, person_emails.c.email == normalize_email(address)
    )
    return conn.execute(query).scalar()


def person_for_linkedin(conn: Connection, url: str) -> int | None:
    query = select(people.c.id).where(people.c.owner_id == OWNER, people.c.linkedin_url == url)
    return conn.execute(query).scalar()


def person_for_phone(conn: Connection, phone: str) -> int | None:
    query = select(person_phones.c.person_id).where(
        person_phones.c.owner_id == OWNER, person_phones.c.phone == normalize_phone(phone)
    )
    return conn.execute(query).scalar()


def email_index(conn: Connection, after: int = 0) -> tuple[dict[str, int], int]:
    """Every known address recorded after the row id ``after``, with the person it
    belongs to; and the last row id read, to ask again from."""
    return index_after(conn, person_emails.c.email, person_emails.c.person_id, after)


def _values(person: Person) -> dict:
    return {
        "name": person.name,
        "title": person.title,
        "organization_id": person.organization_id,
        "linkedin_url": person.linkedin_url or None,
        "notes": person.notes,
        "connected": person.connected,
        "connected_on": person.connected_on,
    }


def add_person(conn: Connection, person: Person, batch_id: int | None = None) -> int:
    person.id = insert_row(conn, people, {**_values(person), "batch_id": batch_id})
    set_emails(conn, person.id, person.emails)
    set_phones(conn, person.id, person.phones)
    return person.id


def update_person(conn: Connection, person: Person) -> None:
    person_id = saved(person.id)
    update_row(conn, people, person_id, _values(person))
    set_emails(conn, person_id, person.emails)
    set_phones(conn, person_id, person.phones)


def set_emails(conn: Connection, person_id: int, emails: list[str]) -> None:
    wanted = list(dict.fromkeys(normalize_email(e) for e in emails if e.strip()))
    for address in wanted:
        owner = person_for_email(conn, address)
        if owner is not None and owner != person_id:
            name = conn.execute(select(people.c.name).where(people.c.id == owner)).scalar()
            raise DuplicateAddress(
                f"{address} already belongs to {name} (#{owner}). "
                f"Use that person, or merge the two with `tom person merge`."
            )
    keep_only(conn, person_emails.c.person_id, person_id, person_emails.c.email, wanted)


def set_phones(conn: Connection, person_id: int, phones: list[str]) -> None:
    wanted = list(dict.fromkeys(normalize_phone(p) for p in phones if normalize_phone(p)))
    conn.execute(delete(person_phones).where(person_phones.c.person_id == person_id))
    for phone in wanted:
        if person_for_phone(conn, phone) is None:
            insert_row(conn, person_phones, {"person_id": person_id, "phone": phone})
