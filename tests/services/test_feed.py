"""services/feed.py: the calendar feed's secret token."""

from __future__ import annotations

import pytest

from topofmind.errors import NoProfile
from topofmind.services.feed import feed_token, rotate_token


def test_rotating_replaces_the_token(demo_db):
    assert feed_token(demo_db) is None
    first = rotate_token(demo_db)
    assert len(first) >= 32
    assert feed_token(demo_db) == first
    second = rotate_token(demo_db)
    assert second != first
    assert feed_token(demo_db) == second


def test_no_token_without_a_profile(blank_db):
    assert feed_token(blank_db) is None
    with pytest.raises(NoProfile):
        rotate_token(blank_db)
