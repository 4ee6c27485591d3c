"""Notes from the record turned into sentences for the person they were about."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from topofmind.compose.phrasing import addressed_to, day_phrase, join_names, point_sentence

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("point", "sentence"),
    [
        (
            "Dana: data quality across 40 product dashboards is her top worry",
            "You mentioned that data quality across 40 product dashboards is your top worry.",
        ),
        (
            "Dana: wants the next hire to mentor two junior engineers",
            "I appreciated that you want the next hire to mentor two junior engineers.",
        ),
        (
            "Sam: walked through the Kafka-to-dbt design",
            "I appreciated that you walked through the Kafka-to-dbt design.",
        ),
        (
            "Leo: working on fraud models with streaming features",
            "I enjoyed hearing that you are working on fraud models with streaming features.",
        ),
        (
            "Team is moving ingestion from batch to Kafka this quarter",
            "You mentioned that the team is moving ingestion from batch to Kafka this quarter.",
        ),
        (
            "Panel next week with Dana and Sam",
            "We talked about the panel next week with Dana and Sam.",
        ),
        (
            "They are migrating from Airflow to Dagster",
            "You mentioned that they are migrating from Airflow to Dagster.",
        ),
        (
            "Both teams are on one on-call rota",
            "You mentioned that both teams are on one on-call rota.",
        ),
    ],
)
def test_point_sentence(point, sentence):
    assert point_sentence(point) == sentence


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        ("Dana: her top worry", True),
        ("Sam: liked the idea", False),
        ("the team values on-call maturity", None),
        ("Note to self: a long heading that is not a name at all: x", None),
    ],
)
def test_addressed_to(point, expected):
    assert addressed_to(point, ["Sam"], "Dana") is expected


@pytest.mark.parametrize(
    ("moment", "phrase"),
    [
        (datetime(2026, 11, 24, 9, 0, tzinfo=NY), "today"),
        (datetime(2026, 11, 23, 15, 0, tzinfo=NY), "yesterday"),
        (datetime(2026, 11, 21, 19, 0, tzinfo=NY), "on Saturday"),
        (datetime(2026, 11, 2, 12, 0, tzinfo=NY), "on 2 November"),
        # 01:00 UTC on the 24th is still the 23rd in New York.
        (datetime(2026, 11, 24, 1, 0, tzinfo=ZoneInfo("UTC")), "yesterday"),
    ],
)
def test_day_phrase(moment, phrase):
    assert day_phrase(moment, NOW, "America/New_York") == phrase


@pytest.mark.parametrize(
    ("names", "joined"),
    [
        ([], ""),
        (["Dana"], "Dana"),
        (["Dana", "Sam"], "Dana and Sam"),
        (["A", "B", "C"], "A, B and C"),
    ],
)
def test_join_names(names, joined):
    assert join_names(names) == joined
