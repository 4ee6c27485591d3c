"""services/browse.py: the lists and single records the pages and the API show."""

from __future__ import annotations

import pytest

from topofmind.domain.enums import Stage
from topofmind.errors import UnknownRecord
from topofmind.services import browse


def test_people_and_organizations(demo_db):
    names = [p.name for p in browse.list_people(demo_db)]
    assert len(names) == 11
    assert {"Dana Ruiz", "Priya Nair", "Victor Osei"} <= set(names)
    organizations = {o.name for o in browse.list_organizations(demo_db)}
    assert organizations == {
        "Atlas Logistics",
        "Bluebird Health",
        "Copperline Robotics",
        "Evergreen Energy",
        "Lumen Bank",
        "Northwind Analytics",
    }


def test_opportunities_open_and_active_leave_out_the_rejected(demo_db):
    everything = {o.title: o.stage for o in browse.list_opportunities(demo_db)}
    assert everything["Machine Learning Engineer"] is Stage.REJECTED
    assert len(everything) == 6
    still_open = {o.title for o in browse.open_opportunities(demo_db)}
    assert "Machine Learning Engineer" not in still_open
    assert {"Senior Data Engineer", "Staff Data Engineer"} <= still_open
    assert len(still_open) == 5
    assert all(o.stage.is_active for o in browse.active_opportunities(demo_db))


def test_one_interaction_and_a_missing_one(demo_db):
    call = browse.get_interaction(demo_db, 1)
    assert call.kind.value == "phone-screen"
    with pytest.raises(UnknownRecord, match="No interaction has id 9999"):
        browse.get_interaction(demo_db, 9999)


def test_achievements_and_events_newest_first(demo_db):
    achievements = browse.list_achievements(demo_db)
    assert [a.achieved_on.isoformat() for a in achievements] == ["2026-11-22", "2026-10-15"]
    assert achievements[0].title.startswith("AWS Certified Data Engineer")
    events = [e.title for e in browse.list_events(demo_db)]
    assert events == ["Northwind Data Summit (webinar)", "Lumen Bank Tech Meetup"]


def test_questions_come_with_their_opportunities(demo_db):
    questions, opportunities = browse.questions_with_opportunities(demo_db)
    assert len(questions) == 4
    titles = {opportunities[q.opportunity_id].title for q in questions}
    assert titles == {"Senior Data Engineer", "Data Platform Lead"}
    assert sorted(opportunities) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("dan", ["Dana Ruiz"]),
        ("northwind.example", ["Dana Ruiz", "Priya Nair", "Sam Patel"]),
        ("  ", []),
        ("nobody-like-this", []),
    ],
)
def test_person_names_by_name_or_address(demo_db, typed, names):
    assert browse.person_names(demo_db, typed) == names


def test_person_names_stop_at_the_limit(demo_db):
    assert browse.person_names(demo_db, "a", limit=2) == ["Aisha Rahman", "Dana Ruiz"]
