"""Loading the facts: what the rules read, from a few set-based queries."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from topofmind.domain.enums import Stage
from topofmind.store.facts import load_facts
from topofmind.store.rows import moment as stored_moment


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
    moment = stored_moment(stored)
    assert moment.tzinfo is UTC
    assert moment.replace(microsecond=0) == datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def _record(ctx, at, direction, who, opp_id, purpose=None, kind="email"):
    from topofmind.domain.enums import Direction, InteractionKind
    from topofmind.domain.records import Interaction
    from topofmind.store import interactions as interaction_store

    item = Interaction(
        at=at,
        kind=InteractionKind(kind),
        direction=Direction(direction),
        participants=list(who),
        opportunity_id=opp_id,
        purpose=purpose,
        source="mbox",  # as imported mail: no purpose unless its words tell
    )
    with ctx.db.begin() as conn:
        interaction_store.add_interaction(conn, item)
    return item


@pytest.fixture
def brightline(fresh_db):
    from topofmind.services.opportunities import add_opportunity
    from topofmind.services.people import add_person

    for name in ("Marcus Webb", "Aisha Patel", "Lee Chen"):
        add_person(fresh_db, name, organization="Brightline")
    opp = add_opportunity(
        fresh_db,
        "Senior Data Engineer",
        "Brightline",
        stage="interviewing",
        people=["Marcus Webb=hiring-manager", "Aisha Patel=interviewer", "Lee Chen=insider"],
    )
    ids = {i.person_name.split()[0]: i.person_id for i in opp.people}
    return fresh_db, opp.id, ids


def _contacts(ctx, opp_id, person_id):
    with ctx.db.connect() as conn:
        facts = load_facts(conn, ctx.now)
    return facts.opportunities[opp_id].contact, facts.person(person_id).contact


def test_messages_of_unknown_purpose_are_read_by_their_place(brightline):
    """The first message after a conversation answers it (a thank-you); later ones, and
    those to someone who never spoke with us, are follow-ups."""
    ctx, opp, ids = brightline
    day = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
    _record(ctx, day, "both", [ids["Marcus"], ids["Aisha"]], opp, kind="interview")
    _record(ctx, day.replace(hour=18), "out", [ids["Marcus"]], opp)
    _record(ctx, day.replace(hour=19), "out", [ids["Aisha"]], opp)
    opp_contact, marcus = _contacts(ctx, opp, ids["Marcus"])
    assert (opp_contact.unanswered, opp_contact.followups) == (2, 0)
    assert marcus.spaced_since is None  # a thank-you holds nothing back
    _record(ctx, day.replace(day=17), "out", [ids["Marcus"]], opp)
    _record(ctx, day.replace(day=20), "out", [ids["Marcus"]], opp)
    opp_contact, marcus = _contacts(ctx, opp, ids["Marcus"])
    assert (opp_contact.followups, marcus.followups) == (2, 2)
    assert marcus.spaced_since == day.replace(day=20)
    # He answers: every count starts afresh.
    _record(ctx, day.replace(day=21), "in", [ids["Marcus"]], opp)
    opp_contact, marcus = _contacts(ctx, opp, ids["Marcus"])
    assert (opp_contact.followups, marcus.followups, marcus.unanswered) == (0, 0, 0)


def test_recorded_purposes_count_as_said(brightline):
    from topofmind.domain.enums import Purpose

    ctx, opp, ids = brightline
    day = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
    _record(ctx, day, "out", [ids["Marcus"]], opp, Purpose.UPDATE)
    _record(ctx, day.replace(day=12), "out", [ids["Marcus"]], opp, Purpose.LOGISTICS)
    _record(ctx, day.replace(day=13), "out", [ids["Lee"]], opp, Purpose.FOLLOW_UP)  # insider
    opp_contact, marcus = _contacts(ctx, opp, ids["Marcus"])
    # An update waits out the spacing but is no follow-up; networking with the insider
    # never counts against the application.
    assert (opp_contact.unanswered, opp_contact.followups) == (3, 0)
    assert marcus.spaced_since == day
    _record(ctx, day.replace(day=14), "out", [ids["Marcus"]], opp, Purpose.FOLLOW_UP)
    opp_contact, marcus = _contacts(ctx, opp, ids["Marcus"])
    assert (opp_contact.followups, marcus.followups) == (1, 1)


def test_a_reply_in_the_same_minute_comes_after_the_question(brightline):
    ctx, opp, ids = brightline
    moment = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    question = _record(ctx, moment, "in", [ids["Marcus"]], opp)
    _record(ctx, moment, "out", [ids["Marcus"]], opp)
    _, marcus = _contacts(ctx, opp, ids["Marcus"])
    assert marcus.answered_after(question.at, question.id)
    assert not marcus.answered_after(question.at)  # by the moment alone it would not be
    # Our answer is the one now waiting, and it is a reply, not a follow-up.
    assert (marcus.unanswered, marcus.followups) == (1, 0)
