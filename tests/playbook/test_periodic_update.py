"""Periodic update: a new achievement goes to each active opportunity's hiring manager, spaced."""

from __future__ import annotations

import pytest
from situations import achievement, at, day, facts, opportunity, person, run

CERT = achievement(1, day(-2), "AWS Certified Data Engineer")


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param(
            facts(
                [person(1, "Dana"), person(2, "Elena", org=2)],
                [opportunity(1), opportunity(2, "screening", ((2, "hiring-manager"),), org=2)],
                achievements=(CERT,),
            ),
            {"periodic-update:a1:p1", "periodic-update:a1:p2"},
            id="to the hiring manager of every active opportunity",
        ),
        pytest.param(
            facts(
                [
                    person(1, "Dana"),
                    person(2, "Elena", last_msg=at(-2, "10:00"), unanswered=1, org=2),
                ],
                [opportunity(1), opportunity(2, "screening", ((2, "hiring-manager"),), org=2)],
                achievements=(CERT,),
            ),
            {"periodic-update:a1:p1"},
            id="not to someone whose unanswered message from us is 2 days old",
        ),
        pytest.param(
            facts(
                [person(2, "Elena", last_msg=at(-8, "10:00"), unanswered=1, org=2)],
                [opportunity(2, "screening", ((2, "hiring-manager"),), org=2)],
                achievements=(achievement(1, day(-1)),),
            ),
            {"periodic-update:a1:p2"},
            id="once the spacing has passed it is proposed",
        ),
        pytest.param(
            facts(
                [person(1, "Dana", last_msg=at(-1, "10:00"))],
                [opportunity(1)],
                achievements=(CERT,),
            ),
            set(),
            id="a message after the achievement is the evidence",
        ),
        pytest.param(
            facts([person(1, "Dana")], [opportunity(1, "withdrawn")], achievements=(CERT,)),
            set(),
            id="closed opportunities stop it",
        ),
        pytest.param(
            facts([person(1, "Dana")], [opportunity(1)], achievements=(achievement(1, day(-31)),)),
            set(),
            id="older than 30 days is no longer news",
        ),
        pytest.param(
            facts(
                [person(3, "Priya")],
                [opportunity(1, roles=((3, "recruiter"),))],
                achievements=(CERT,),
            ),
            {"periodic-update:a1:p3"},
            id="the recruiter when there is no hiring manager",
        ),
        pytest.param(
            facts(
                [person(1, "Dana", last_msg=at(-20), unanswered=2)],
                [opportunity(1, unanswered=2)],
                achievements=(CERT,),
            ),
            set(),
            id="not after two unanswered follow-ups",
        ),
    ],
)
def test_periodic_update(situation, expected):
    assert {a.id for a in run("periodic-update", situation)} == expected


def test_why_and_refs():
    (action,) = run(
        "periodic-update",
        facts([person(1, "Dana Ruiz")], [opportunity(1)], achievements=(CERT,)),
    )
    assert action.why.startswith('New certification "AWS Certified Data Engineer" (last Sunday)')
    assert "you have not written to Dana Ruiz yet" in action.why
    assert action.refs == {"achievement_id": 1, "achievement_ids": [1], "person_id": 1}


def test_one_update_per_person_carries_every_unshared_achievement():
    situation = facts(
        [person(1, "Dana Ruiz", last_out=at(-10))],
        [opportunity(1), opportunity(2, roles=((1, "hiring-manager"),))],
        achievements=(achievement(3, day(-20), "Old"), achievement(2, day(-5), "Talk"), CERT),
    )
    (action,) = run("periodic-update", situation)
    assert action.id == "periodic-update:a1:p1"
    assert action.refs["achievement_ids"] == [2, 1]  # the older one was shared already
    assert "and 1 more achievement;" in action.why


@pytest.mark.parametrize(
    ("recorded", "due"),
    [
        (None, at(2, "09:00")),  # from the day achieved: two business days on
        (at(0, "14:55"), at(2, "09:00")),  # told in time: the same
        (at(2, "16:00"), at(2, "17:30")),  # told late: by the end of that working day
        (at(3, "18:10"), at(6, "17:30")),  # Friday after hours: by the end of Monday's
    ],
)
def test_an_achievement_told_late_is_due_from_when_it_was_told(recorded, due):
    from dataclasses import replace

    told = replace(achievement(1, day(0)), recorded_at=recorded)
    situation = facts([person(1, "Dana")], [opportunity(1)], achievements=(told,))
    (action,) = run("periodic-update", situation)
    assert action.due == due


def test_contact_earlier_today_reads_as_such():
    situation = facts(
        [person(1, "Dana", last_in=at(0, "10:00"))],  # she wrote this morning
        [opportunity(1)],
        achievements=(achievement(1, day(0)),),
    )
    (action,) = run("periodic-update", situation)
    assert "you were last in touch with Dana earlier today;" in action.why
    assert "since today" not in action.why
