"""Full-text search over the record: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import pytest

from topofmind.services.organizations import add_organization
from topofmind.store import search


def hits(ctx, query: str) -> list[tuple[str, str]]:
    with ctx.db.connect() as conn:
        return [(h.kind, h.title) for h in search.search(conn, query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kafka", ("interaction", None)),
        ("dana", ("person", "Dana Ruiz")),
        ("bluebird", ("organization", "Bluebird Health")),
        ("certified", ("achievement", None)),
    ],
)
def test_search_finds_records_of_each_kind(demo_db, query, expected):
    kind, title = expected
    found = hits(demo_db, query)
    assert any(k == kind and (title is None or t == title) for k, t in found), found


def test_words_are_all_required(demo_db):
    assert hits(demo_db, "dana bluebird") == []
    assert ("person", "Dana Ruiz") in hits(demo_db, "dana northwind")


def test_prefixes_match_on_sqlite_and_whole_words_on_postgres(demo_db):
    found = hits(demo_db, "dashboards")
    assert found
    assert hits(demo_db, "") == [] and hits(demo_db, "  ,;  ") == []


def test_new_records_are_found(demo_db):
    assert hits(demo_db, "zephyr") == []
    add_organization(demo_db, "Zephyr Robotics")
    assert ("organization", "Zephyr Robotics") in hits(demo_db, "zephyr")


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("da", ["Dana Ruiz"]),
        ("NORTHWIND.example", ["Dana Ruiz", "Priya Nair", "Sam Patel"]),
        ("", []),
    ],
)
def test_suggest_people(demo_db, typed, names):
    with demo_db.db.connect() as conn:
        assert search.suggest_people(conn, typed) == names
