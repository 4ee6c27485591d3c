"""services/charts.py: the figures behind score, actions-per-week and answers charts."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from topofmind.services.agenda import current_actions, decide, record_scores
from topofmind.services.charts import (
    actions_per_week,
    answer_bucket,
    answer_counts,
    score_points,
    week_start,
)

ASKED = datetime(2026, 11, 20, 9, 0)


@pytest.mark.parametrize(
    ("waited", "bucket"),
    [
        (timedelta(hours=1), "within 4 h"),
        (timedelta(hours=4), "within 4 h"),
        (timedelta(hours=5), "within a day"),
        (timedelta(hours=30), "within 2 days"),
        (timedelta(days=3), "within a week"),
        (timedelta(days=9), "longer"),
        (None, "not yet"),
    ],
)
def test_answer_bucket(waited, bucket):
    answered = ASKED + waited if waited is not None else None
    assert answer_bucket(ASKED, answered) == bucket


@pytest.mark.parametrize(
    ("moment", "tz", "monday"),
    [
        ("2026-11-24T15:00:00-05:00", "America/New_York", "2026-11-23"),
        ("2026-11-23T03:00:00+00:00", "America/New_York", "2026-11-16"),  # still Sunday there
        ("2026-11-23T03:00:00+00:00", "UTC", "2026-11-23"),
    ],
)
def test_week_start_is_the_local_monday(moment, tz, monday):
    assert week_start(datetime.fromisoformat(moment), tz) == monday


def test_answers_of_the_demo(demo_db):
    counts = answer_counts(demo_db)
    assert list(counts) == [
        "within 4 h",
        "within a day",
        "within 2 days",
        "within a week",
        "longer",
        "not yet",
    ]
    assert counts["not yet"] == 1  # Priya asked for two references; not answered yet
    assert sum(counts.values()) == 1


def test_actions_per_week_count_due_and_done(demo_db):
    before = actions_per_week(demo_db)
    assert len(before.weeks) == 13
    assert before.weeks[-1] == "2026-11-23"
    assert sum(before.due) > 0
    assert sum(1 for n in before.done if n) >= 3  # the demo's weeks of done actions
    decide(demo_db, current_actions(demo_db)[0].id, "done")
    after = actions_per_week(demo_db)
    assert after.done[-1] == before.done[-1] + 1


def test_score_points_after_scores_were_recorded(demo_db):
    kept = score_points(demo_db, "opportunity", 1)  # the demo's weeks of history
    assert len(kept) >= 28 and kept[-1][0] == "2026-11-24"
    record_scores(demo_db)  # today's figures, recorded once
    points = score_points(demo_db, "opportunity", 1)
    assert len(points) == len(kept)
    day, score = points[-1]
    assert day == "2026-11-24"
    assert 0 <= score <= 100
