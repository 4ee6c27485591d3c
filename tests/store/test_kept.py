"""store/kept.py: the first moment time alone moves a row into or out of the facts, and
the parts the kept actions are stored in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from topofmind.store.kept import Kept, first_change, parts_of

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


def _actions(count: int, start: int = 0) -> list[tuple[str, bytes]]:
    return [(f"rule:p{i}", b'{"id":"rule:p%d"}' % i) for i in range(start, start + count)]


@given(st.integers(0, 600))
def test_the_parts_join_into_the_actions_array(count):
    actions = _actions(count)
    parts, _ = parts_of(actions)
    kept = Kept(1, "f", NOW, None, parts)
    assert kept.actions == "[" + ",".join(text.decode() for _, text in actions) + "]"
    assert all(len(digest) == 32 for digest, _ in parts)


def test_an_action_added_changes_only_the_part_it_falls_in():
    actions = _actions(2000)
    before, known = parts_of(actions)
    assert 10 < len(before) < 100  # about one action in 64 ends a part
    changed = actions[:1000] + [("rule:p-new", b'{"id":"rule:p-new"}')] + actions[1000:]
    after, _ = parts_of(changed, known)
    new = {digest for digest, _ in after} - {digest for digest, _ in before}
    assert len(new) in (1, 2)  # the part it joins (two if it ends a part itself)
    assert len({d for d, _ in before} - {d for d, _ in after}) == 1


def test_parts_of_the_same_items_are_not_joined_again():
    actions = _actions(300)
    first, known = parts_of(actions)
    again, _ = parts_of(actions, known)
    assert again == first
    assert all(a[1] is b[1] for a, b in zip(first, again, strict=True))  # the same texts
