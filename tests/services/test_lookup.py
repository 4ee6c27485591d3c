"""Naming records by id, by part of a name, or by address (services/lookup.py)."""

from __future__ import annotations

import pytest

from topofmind.errors import AmbiguousName, UnknownOrganization, UnknownPerson
from topofmind.services.lookup import named_address, pick, resolve_opportunity, resolve_person

PEOPLE = [
    (1, "Dana Ruiz"),
    (2, "Dana Lee"),
    (3, "Sam Patel"),
    (4, "Samantha Patel-Ruiz"),
    (5, "Zo\u00eb Br\u00fcckner"),  # stored composed
]
KIND = ("person", "people")


def choose(query: str) -> int:
    return pick(query, PEOPLE, KIND, UnknownPerson, "Hint.")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("3", 3),
        ("#2", 2),
        (" #4 ", 4),
        ("Dana Ruiz", 1),
        ("dana ruiz", 1),
        ("Lee", 2),
        ("Sam Patel", 3),  # exact wins over the longer name containing it
        ("samantha", 4),
        ("patel ruiz", 4),  # every word, in any order
        ("Zoe\u0308", 5),  # "Zoë" pasted decomposed, as macOS does
        ("zoe bruckner", 5),  # typed without the accents
        ("ZOË", 5),
    ],
)
def test_pick_finds_the_one(query, expected):
    assert choose(query) == expected


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Dana", "Dana Lee (#2), Dana Ruiz (#1)"),
        ("Ruiz", "Dana Ruiz (#1), Samantha Patel-Ruiz (#4)"),
        ("pat", "Sam Patel (#3), Samantha Patel-Ruiz (#4)"),
    ],
)
def test_pick_lists_candidates_when_ambiguous(query, listed):
    with pytest.raises(AmbiguousName) as caught:
        choose(query)
    assert f"'{query}' matches several people: {listed}." in str(caught.value)


def test_pick_suggests_near_names():
    with pytest.raises(UnknownPerson) as caught:
        choose("Dana Ruis")
    assert str(caught.value) == "No person matches 'Dana Ruis'. Did you mean Dana Ruiz (#1)? Hint."


def test_pick_unknown_id():
    with pytest.raises(UnknownPerson, match="No person has id 9. Hint."):
        choose("#9")


def test_pick_lists_at_most_six():
    many = [(i, f"Alex {i}") for i in range(1, 10)]
    with pytest.raises(AmbiguousName, match="and 3 more"):
        pick("alex", many, KIND, UnknownPerson, "")


def test_pick_with_nothing_recorded():
    with pytest.raises(UnknownOrganization, match="No organization matches 'Acme'. Add one."):
        pick("Acme", [], ("organization", "organizations"), UnknownOrganization, "Add one.")


def test_people_by_address_and_opportunities_by_organization(demo_db):
    with demo_db.db.connect() as conn:
        dana = resolve_person(conn, "Dana")
        assert resolve_person(conn, "DANA.RUIZ@northwind.example") == dana
        with pytest.raises(UnknownPerson, match="tom person edit NAME --email x@y.example"):
            resolve_person(conn, "x@y.example")
        # as a mail program copies it: found by the address, else by that exact name
        assert resolve_person(conn, "Someone Else <Dana.Ruiz@northwind.example>") == dana
        assert resolve_person(conn, "dana ruiz <dana@home.example>") == dana
        with pytest.raises(UnknownPerson, match="No person has the address dana@home.example"):
            resolve_person(conn, "Dana <dana@home.example>")  # a part of a name is not enough
        northwind = resolve_opportunity(conn, "Northwind")
        assert resolve_opportunity(conn, "Senior Data Engineer") == northwind


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Dana Ruiz", None),
        ("#12", None),
        ("dana@acme.example", ("", "dana@acme.example")),
        (" Dana Ruiz <dana@acme.example> ", ("Dana Ruiz", "dana@acme.example")),
        ('"Ruiz, Dana" <dana@acme.example>', ("Ruiz, Dana", "dana@acme.example")),
        ("Dana  Ruiz<dana@acme.example>", ("Dana Ruiz", "dana@acme.example")),
        ("<dana@acme.example>", ("", "dana@acme.example")),
    ],
)
def test_named_address(typed, found):
    assert named_address(typed) == found
