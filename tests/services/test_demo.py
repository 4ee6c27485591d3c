"""The demo opens on a believable day whenever it is loaded: early, late, on a weekend.

A few things due, nothing overdue since before it was loaded, an offer with its deadline
in view, nothing in the future that should be past, and weeks of history to chart.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from conftest import Tom, open_context
from topofmind.domain.actions import ActionState
from topofmind.domain.enums import DecisionStatus
from topofmind.services import agenda, charts
from topofmind.services.demo import HISTORY_DAYS, load_demo
from topofmind.store.decisions import decided_since
from topofmind.store.interactions import list_interactions

NY = ZoneInfo("America/New_York")
MOMENTS = {
    "tuesday 07:00": datetime(2026, 12, 1, 7, 0, tzinfo=NY),
    "tuesday 23:00": datetime(2026, 12, 1, 23, 0, tzinfo=NY),
    "saturday 11:00": datetime(2026, 12, 5, 11, 0, tzinfo=NY),
    "sunday 20:30": datetime(2026, 12, 6, 20, 30, tzinfo=NY),
}


def load_at(tom: Tom) -> None:
    """The demo loaded at the moment ``tom`` runs at."""
    ctx = open_context(tom.url, datetime.fromisoformat(tom.now))
    load_demo(ctx)
    ctx.db.dispose()


@pytest.fixture(params=sorted(MOMENTS))
def loaded(request, tom, recorded):
    """The demo loaded at one of the moments: loaded by the first test at that moment on
    each database, copied for the others (tests/conftest.py), which only read it."""
    moment = MOMENTS[request.param]
    recorded(Tom(tom.url, moment.isoformat()), load_at)
    ctx = open_context(tom.url, moment)
    yield ctx
    ctx.db.dispose()


def test_nothing_is_overdue_since_before_it_was_loaded(loaded):
    actions = agenda.current_actions(loaded)
    late = [a for a in actions if a.state in (ActionState.OVERDUE, ActionState.LATE)]
    assert [a for a in late if a.due < loaded.now] == []
    coming = [a for a in actions if a.due <= loaded.now + timedelta(days=3)]
    assert len(coming) >= 3, [a.title for a in actions]  # a few things to do soon
    assert all("overdue since" not in a.why for a in actions)


def test_an_offer_with_its_deadline_is_in_view(loaded):
    (offer,) = [a for a in agenda.current_actions(loaded) if a.rule == "offer-decision"]
    assert offer.title == "Decide on the offer from Atlas Logistics and tell Victor Osei"
    deadline = datetime.fromisoformat(offer.refs["deadline"])
    assert loaded.now < deadline <= loaded.now + timedelta(days=8)
    assert "they want your decision by" in offer.why


def test_what_has_happened_is_past_and_what_is_planned_is_ahead(loaded):
    with loaded.db.connect() as conn:
        items = list_interactions(conn)
    for item in items:
        assert (item.at > loaded.now) is item.scheduled, (item.summary, item.at)
    references = next(i for i in items if i.subject == "References")
    assert references.at < loaded.now  # before 09:12 it came the working day before


def test_weeks_of_history_for_the_charts(loaded):
    with loaded.db.connect() as conn:
        decided = decided_since(conn, loaded.now - timedelta(days=HISTORY_DAYS + 1))
    done = [d for d in decided if d.status is DecisionStatus.DONE]
    assert len(done) >= 10 and any(d.status is DecisionStatus.DISMISSED for d in decided)
    weekly = charts.actions_per_week(loaded)
    assert sum(1 for n in weekly.done if n) >= 3  # done in at least three weeks
    northwind = 1
    points = charts.score_points(loaded, "opportunity", northwind)
    assert len(points) >= HISTORY_DAYS
