"""How letters name a day and a list of people."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from topofmind.compose.phrasing import day_phrase, join_names

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=NY)


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
