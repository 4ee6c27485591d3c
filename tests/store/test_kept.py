"""store/kept.py: the first moment time alone moves a row into or out of the facts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from topofmind.store.kept import first_change

NOW = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
moments = st.lists(
    st.integers(-2000, 2000).map(lambda hours: NOW + timedelta(hours=hours)), max_size=40
)
offsets = st.lists(st.integers(-60, 60).map(lambda days: timedelta(days=days)), max_size=8)


@given(moments, offsets)
def test_the_first_change_is_the_nearest_moment_an_offset_reaches(found, spans):
    every = [m - span for span in spans for m in found if m >= NOW + span]
    assert first_change(found, NOW, spans) == min(every, default=None)


def test_a_moment_on_the_edge_changes_the_facts_at_once():
    day = timedelta(days=1)
    assert first_change([NOW + day], NOW, [day, timedelta(0)]) == NOW
    assert first_change([NOW - 2 * day, NOW + 3 * day], NOW, [-day]) == NOW + 4 * day
    assert first_change([NOW - day], NOW, [timedelta(0)]) is None
