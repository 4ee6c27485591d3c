"""Keeping one record per person: likely duplicates, and merging two records into one.

Importers never merge people on a name alone (two Dana Ruizes may be two
people), so the same name with different addresses ends up as two records. They
are listed here for a person to decide; merging keeps every interaction,
address and decision of both.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from topofmind.domain.records import Person
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.lookup import resolve_person
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
