"""Loading the facts: what the rules read, from a few set-based queries."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from topofmind.domain.enums import Stage
from topofmind.store.facts import _moment, load_facts


def by_name(facts, name):
    return next(p for p in facts.people.values() if p.name == name)


def test_the_demo_as_facts(demo_db):
    with demo_db.db.connect() as conn:
        facts = load_facts(conn, demo_db.now)
    dana = by_name(facts, "Dana Ruiz")
    priya = by_name(facts, "Priya Nair")
    assert dana.contact.last_in is not None  # yesterday's panel
    assert priya.contact.last_in > dana.contact.last_in  # her request this morning
    northwind = next(
        o for o in facts.opportunities.values() if o.organization_name.startswith("North")
    )
    assert northwind.stage is Stage.INTERVIEWING
    assert dana.id in northwind.key_people
    assert northwind.unasked_questions == 2
    (request,) = facts.requests
    assert request.text == "send two references" and request.authors == (priya.id,)
    panel = next(
        c
        for c in facts.conversations
        if set(c.participants) == {dana.id, by_name(facts, "Sam Patel").id}
    )
    assert panel.wishes == ("how I cut pipeline incidents by 60% at Fieldstone",)
    assert any(c.scheduled for c in facts.conversations)  # Thursday's interview
    assert by_name(facts, "Grace Kim").connected
    assert [o.id for o in facts.opportunities_of(dana.id)] == [northwind.id]


def test_a_handful_of_queries_whatever_the_size(demo_db):
    statements = []

    def count(*_args, **_kwargs):
        statements.append(1)

    engine = demo_db.db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        with demo_db.db.connect() as conn:
            load_facts(conn, demo_db.now)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) <= 25  # a fixed set of queries, none per person or opportunity


@pytest.mark.parametrize(
    "stored",
    [
        "2026-11-20 15:00:00",  # SQLite: UTC, without an offset
        "2026-11-20 15:00:00.250000",
        "2026-11-20T10:00:00-05:00",  # text written with an offset of its own
        datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("America/New_York")),  # PostgreSQL
    ],
)
def test_a_stored_moment_reads_as_the_same_instant_in_utc(stored):
    moment = _moment(stored)
    assert moment.tzinfo is UTC
    assert moment.replace(microsecond=0) == datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
