"""Recording people: adding and editing them, the person a name typed in a log or an
opportunity names (or adds), and keeping one record per person.

Importers never merge people on a name alone (two Dana Ruizes may be two
people), so the same name with different addresses ends up as two records. They
are listed here for a person to decide; merging keeps every interaction,
address and decision of both.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection

from topofmind.domain.records import (
    Person,
)
from topofmind.errors import InvalidValue, UnknownPerson
from topofmind.services.context import Context
from topofmind.services.inputs import today
from topofmind.services.lookup import (
    named_address,
    resolve_person,
)
from topofmind.services.organizations import organization_id_for
from topofmind.services.when import parse_date
from topofmind.store import organizations as org_store
from topofmind.store import people as people_store
from topofmind.store.merges import merge_rows


@dataclass
class DuplicateGroup:
    """People who are probably one person: the same name, written alike."""

    name: str
    people: list[Person]


def name_key(name: str) -> str:
    """A name reduced to compare: accents, case, order ("Ruiz, Dana") and punctuation ignored."""
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return " ".join(sorted(words))


def duplicate_groups(people: list[Person]) -> list[DuplicateGroup]:
    """Groups of two or more people whose names match once reduced by ``name_key``."""
    groups: dict[str, list[Person]] = {}
    for person in people:
        key = name_key(person.name)
        if key:
            groups.setdefault(key, []).append(person)
    found = [
        DuplicateGroup(name=members[0].name, people=sorted(members, key=lambda p: p.id or 0))
        for members in groups.values()
        if len(members) > 1
    ]
    return sorted(found, key=lambda g: g.name.casefold())


def find_duplicates(ctx: Context) -> list[DuplicateGroup]:
    with ctx.db.connect() as conn:
        return duplicate_groups(people_store.list_people(conn))


def merge_people(ctx: Context, keep: str, other: str) -> Person:
    """Merge ``other`` into ``keep`` in one transaction; returns the person kept."""
    with ctx.db.begin() as conn:
        keep_id = resolve_person(conn, keep)
        other_id = resolve_person(conn, other)
        if keep_id == other_id:
            raise InvalidValue(f"'{keep}' and '{other}' are the same person (#{keep_id}).")
        merge_rows(conn, keep_id, other_id)
        return people_store.get_person(conn, keep_id)


def add_person(
    ctx: Context,
    name: str,
    emails: list[str] | None = None,
    phones: list[str] | None = None,
    title: str = "",
    organization: str | None = None,
    linkedin_url: str = "",
    notes: str = "",
    connected: bool = False,
    connected_on: str | None = None,
) -> Person:
    if not name.strip():
        raise InvalidValue("A person needs a name.")
    for address in emails or []:
        if "@" not in address:
            raise InvalidValue(f"'{address}' is not an email address.")
    with ctx.db.begin() as conn:
        person = Person(
            name=name.strip(),
            emails=emails or [],
            phones=phones or [],
            title=title,
            organization_id=organization_id_for(ctx, conn, organization),
            linkedin_url=linkedin_url,
            notes=notes,
            connected=connected or bool(connected_on),
            connected_on=parse_date(connected_on, ctx.now, ctx.timezone) if connected_on else None,
        )
        _check_linkedin(conn, person)
        same = [(i, n) for i, n in people_store.name_candidates(conn) if n.lower() == name.lower()]
        person_id = people_store.add_person(conn, person)
        if same:
            other, called = same[0]
            ctx.notice(
                f"There is already a {called} (#{other}); this is another person. If they "
                f"are the same, `tom person merge #{other} #{person_id}` joins them."
            )
        return people_store.get_person(conn, person_id)


def _check_linkedin(conn: Connection, person: Person) -> None:
    from topofmind.errors import AlreadyExists

    if person.linkedin_url:
        other = people_store.person_for_linkedin(conn, person.linkedin_url)
        if other is not None and other != person.id:
            raise AlreadyExists(
                f"{person.linkedin_url} already belongs to person #{other}. "
                "Merge them with `tom person merge`."
            )


def edit_person(
    ctx: Context,
    query: str,
    name: str | None = None,
    add_emails: list[str] | None = None,
    remove_emails: list[str] | None = None,
    add_phones: list[str] | None = None,
    title: str | None = None,
    organization: str | None = None,
    linkedin_url: str | None = None,
    notes: str | None = None,
    connected: bool | None = None,
    connected_on: str | None = None,
) -> Person:
    with ctx.db.begin() as conn:
        person_id = resolve_person(conn, query)
        person = people_store.get_person(conn, person_id)
        if name:
            person.name = name.strip()
        if title is not None:
            person.title = title
        if organization is not None:
            person.organization_id = organization_id_for(ctx, conn, organization)
        if linkedin_url is not None:
            person.linkedin_url = linkedin_url
        if notes is not None:
            person.notes = notes
        if connected is not None:
            if connected and not person.connected and not connected_on:
                person.connected_on = today(ctx)  # just connected: engage waits its quiet days
            person.connected = connected
            if not connected:
                person.connected_on = None
        if connected_on:
            person.connected = True
            person.connected_on = parse_date(connected_on, ctx.now, ctx.timezone)
        for address in add_emails or []:
            if "@" not in address:
                raise InvalidValue(f"'{address}' is not an email address.")
        drop = {e.strip().lower() for e in remove_emails or []}
        unknown = drop - {e.lower() for e in person.emails}
        if unknown:
            has = ", ".join(person.emails) or "none"
            raise InvalidValue(
                f"{person.name} has no address {sorted(unknown)[0]} to remove (theirs: {has})."
            )
        person.emails = [e for e in person.emails if e.lower() not in drop] + list(add_emails or [])
        person.phones = person.phones + list(add_phones or [])
        _check_linkedin(conn, person)
        people_store.update_person(conn, person)
        return people_store.get_person(conn, person_id)


def person_or_new(
    ctx: Context, conn: Connection, who: str, add_new: bool, org_id: int | None, field: str
) -> int:
    """The person ``who`` names; with ``add_new``, a name nobody has is added as a new
    person at ``org_id``, and so is a name with an address nobody has ("Dana Ruiz
    <dana@acme.example>"); a bare address or an id never is. Without, the error names
    the ``field`` the name was given in, so the edge can say how to add them."""
    try:
        return resolve_person(conn, who)
    except UnknownPerson as error:
        name, emails = who.strip(), []
        named = named_address(who)
        if named is not None:
            name, address = named
            if not name:
                raise UnknownPerson(
                    f'{error} Or give their name with it, as "Name <{address}>", to add them.'
                    if add_new
                    else str(error)
                ) from None
            emails = [address]
        elif name.startswith("#"):
            raise
        if not add_new:
            raise UnknownPerson(str(error), field=field) from None
    person = Person(name=name, emails=emails, organization_id=org_id)
    person_id = people_store.add_person(conn, person)
    at = f" at {org_store.get_organization(conn, org_id).name}" if org_id else ""
    also = f", with {emails[0]}" if emails else ""
    ctx.notice(f"Added {name} (#{person_id}){at} as a new person{also}.")
    return person_id
