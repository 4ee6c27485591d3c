"""The groups a write's recompute is scoped to, and the facts pieced together from a
group's read: the same as a read of the whole record."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import NOW
from topofmind.domain.actions import Action, ActionState
from topofmind.domain.facts import Facts, Scope
from topofmind.playbook import groups
from topofmind.playbook.reach import reach_in_force
from topofmind.store.contacts import contact_ties
from topofmind.store.facts import load_facts, opportunity_overrides


def test_ties_join_what_they_share_into_one_group():
    found = groups.grouped([[("p", 1), ("o", 1)], [("o", 1), ("p", 2)], [("p", 3), ("g", 9)]])
    assert found.closure([("p", 2)]) == {("p", 1), ("p", 2), ("o", 1)}
    assert found.closure([("g", 9)]) == {("p", 3), ("g", 9)}
    assert found.closure([("p", 4)]) == {("p", 4)}  # unknown: alone


def test_regrouping_splits_and_joins_only_the_groups_read_again():
    found = groups.grouped([[("p", 1), ("o", 1), ("p", 2)], [("p", 3)]])
    empty = Facts()
    # Read again, person 2 is no longer tied to opportunity 1, and person 3 is.
    found.regroup(empty, [((3,), 1), ((1,), 1)], {("p", 1), ("o", 1), ("p", 2), ("p", 3)})
    assert found.closure([("p", 3)]) == {("p", 1), ("p", 3), ("o", 1)}
    assert found.closure([("p", 2)]) == {("p", 2)}


@pytest.mark.parametrize(
    ("people", "opportunity", "organization", "about"),
    [
        ([1], None, None, True),
        ([7], 2, None, True),
        ([7], None, 5, True),
        ([7], 3, 6, False),
        ([], None, None, False),
    ],
)
def test_an_action_is_about_the_people_opportunity_and_organization_it_names(
    people, opportunity, organization, about
):
    refs = {"organization_id": organization} if organization is not None else {}
    action = Action(
        "x:1",
        "x",
        "Title",
        "Why",
        NOW,
        ActionState.UPCOMING,
        people=people,
        opportunity_id=opportunity,
        refs=refs,
    )
    scope = Scope(frozenset({1}), frozenset({2}), frozenset({5}))
    assert groups.about(action, scope) is about


def test_a_groups_facts_pieced_in_are_the_whole_records_facts(demo_db):
    with demo_db.db.connect() as conn:
        reach = reach_in_force(demo_db.settings, opportunity_overrides(conn))
        whole = load_facts(conn, demo_db.now, reach)
        found = groups.groups(whole, contact_ties(conn, demo_db.now, reach.contact))
        for members in found.members.values():
            fresh = load_facts(conn, demo_db.now, reach, groups.scope_of(members))
            fresh = replace(fresh, achievements=whole.achievements, events=whole.events)
            # The group's facts taken out of the whole and read again: the whole again.
            pieced = groups.patched(whole, fresh, members)
            assert pieced == whole
            assert list(pieced.people) == list(whole.people)
            assert pieced.conversations == whole.conversations
    assert len(found.members) > 3  # the demo's organizations are apart
