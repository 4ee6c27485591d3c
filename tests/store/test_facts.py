"""What the store reads for the rules: only what it is asked to, as far as it is told."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from topofmind.domain.facts import Reach
from topofmind.store.facts import load_facts, opportunity_overrides
from topofmind.store.rows import saved
from topofmind.store.schema import opportunities


def test_only_opportunities_with_overrides_of_their_own_are_read(demo_db):
    with demo_db.db.begin() as conn:
        assert opportunity_overrides(conn) == []
        first = conn.execute(select(opportunities.c.id).order_by(opportunities.c.id)).scalar()
        conn.execute(
            update(opportunities)
            .where(opportunities.c.id == first)
            .values(settings={"cadence_applied_days": 45})
        )
        assert opportunity_overrides(conn) == [{"cadence_applied_days": 45}]


def test_a_shorter_reach_reads_less(demo_db):
    with demo_db.db.connect() as conn:
        wide = load_facts(conn, demo_db.now)
        narrow = load_facts(conn, demo_db.now, Reach(recent=Reach().recent / 21))
    assert len(narrow.conversations) < len(wide.conversations)


def test_only_a_saved_record_is_updated():
    assert saved(7) == 7
    with pytest.raises(ValueError, match="read from the store"):
        saved(None)
