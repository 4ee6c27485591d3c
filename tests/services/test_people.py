"""services/people.py: likely duplicates and merging two records of one person."""

from __future__ import annotations

from datetime import timedelta

import pytest

from topofmind.domain.records import Person
from topofmind.errors import InvalidValue
from topofmind.services.interactions import LogEntry, log_interaction
from topofmind.services.people import (
    add_person,
    duplicate_groups,
    find_duplicates,
    merge_people,
    name_key,
)
from topofmind.store.interactions import list_interactions
from topofmind.store.people import list_people


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dana Ruiz", "dana  ruiz", True),
        ("Dana Ruiz", "Ruiz, Dana", True),
        ("André Lefèvre", "Andre Lefevre", True),
        ("Dana Ruiz", "Dana Ruis", False),
        ("Dana Ruiz", "Dana", False),
    ],
)
def test_name_key(a, b, same):
    assert (name_key(a) == name_key(b)) is same


def test_groups_need_two_people():
    people = [Person("Dana Ruiz", id=1), Person("Ruiz, Dana", id=2), Person("Sam Lee", id=3)]
    (group,) = duplicate_groups(people)
    assert [p.id for p in group.people] == [1, 2]


def test_merge_keeps_every_interaction_and_address(fresh_db):
    dana = add_person(fresh_db, "Dana Ruiz", emails=["dana@acme.example"], title="Director")
    other = add_person(
        fresh_db, "Ruiz, Dana", emails=["dana.ruiz@gmail.com"], linkedin_url="https://x.example/d"
    )
    for person, hours in ((dana, 30), (other, 20)):
        log_interaction(
            fresh_db,
            LogEntry(
                "interview",
                [str(person.id)],
                at=(fresh_db.now - timedelta(hours=hours)).isoformat(),
            ),
        )
    assert [len(g.people) for g in find_duplicates(fresh_db)] == [2]

    kept = merge_people(fresh_db, str(dana.id), "dana.ruiz@gmail.com")
    assert kept.id == dana.id
    assert sorted(kept.emails) == ["dana.ruiz@gmail.com", "dana@acme.example"]
    assert (kept.title, kept.linkedin_url) == ("Director", "https://x.example/d")
    with fresh_db.db.connect() as conn:
        assert [p.id for p in list_people(conn)] == [dana.id]
        assert [i.participants for i in list_interactions(conn)] == [[dana.id], [dana.id]]
    assert find_duplicates(fresh_db) == []


def test_merging_a_person_with_themselves_is_refused(fresh_db):
    dana = add_person(fresh_db, "Dana Ruiz", emails=["dana@acme.example"])
    with pytest.raises(InvalidValue, match="same person"):
        merge_people(fresh_db, str(dana.id), "dana@acme.example")
