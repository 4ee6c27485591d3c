"""The top-of-mind score: five parts adding up to at most 100, each explained."""

from __future__ import annotations

import pytest
from situations import NOW, PROFILE, SETTINGS, at, conversation, facts, opportunity, person

from topofmind.domain.actions import Action, ActionState
from topofmind.playbook.facts import RequestFacts
from topofmind.playbook.score import recency_part, scores


@pytest.mark.parametrize(
    ("last_in", "points"),
    [
        (None, 0),
        (at(-3), 40),  # within the 7-day cadence
        (at(-7, "15:00"), 40),
        (at(-14, "15:00"), 20),  # one cadence over: half
        (at(-21, "15:00"), 0),  # two cadences over: nothing
    ],
)
def test_recency(last_in, points):
    assert recency_part(last_in, 7, NOW).points == points


def overdue(opp_id, person_id):
    return Action(
        "x",
        "thank-you",
        "t",
        "w",
        at(-1),
        ActionState.OVERDUE,
        people=[person_id],
        opportunity_id=opp_id,
    )


def test_each_part_counts_and_explains():
    situation = facts(
        [person(1, "Dana Ruiz", last_in=at(-1), connected=True)],
        [opportunity(last_in=at(-1))],
        conversations=(conversation(3, (1,), at(-1, "10:00")),),
        requests=(RequestFacts(1, "refs", at(-2), at(-1), 9, (1,), 1),),
    )
    found = scores(situation, [overdue(1, 1)], NOW, SETTINGS, PROFILE)
    opp, dana = found
    assert (opp.subject_kind, opp.subject_id, dana.subject_kind, dana.name) == (
        "opportunity",
        1,
        "person",
        "Dana Ruiz",
    )
    parts = {p.name: (p.points, p.max_points) for p in opp.parts}
    assert parts == {
        "recency": (40, 40),
        "thank-yous": (0, 20),
        "requests": (0, 15),
        "insiders": (10, 10),  # Dana is a connection at the organization
        "overdue": (10, 15),
    }
    assert opp.score == 60
    assert "0 of 1 sent" in opp.line
    assert "0 of 1 answered, 1 overdue" in opp.line
    assert sum(p.max_points for p in opp.parts) == 100


@pytest.mark.parametrize(
    ("ended", "now", "points", "words"),
    [
        (at(0, "13:00"), NOW, 10, "0 of 1 sent, 1 not yet due"),  # half: it has until tomorrow
        (at(-1, "10:00"), NOW, 0, "0 of 1 sent"),  # due 10:00 today, not sent
        # Friday 15:00's thank-you is due Monday 15:00, as the rule says: Sunday is not late.
        (at(-4, "15:00"), at(-2, "10:00"), 10, "0 of 1 sent, 1 not yet due"),
    ],
)
def test_a_thank_you_not_yet_due_costs_half(ended, now, points, words):
    situation = facts(
        [person(1, "Dana Ruiz")],
        [opportunity()],
        conversations=(conversation(3, (1,), ended),),
    )
    opp, _ = scores(situation, [], now, SETTINGS, PROFILE)
    thanks = next(p for p in opp.parts if p.name == "thank-yous")
    assert (thanks.points, thanks.explanation) == (points, words)


def test_closed_opportunities_have_no_score():
    situation = facts([person(1, "Dana")], [opportunity(stage="rejected")])
    assert scores(situation, [], NOW, SETTINGS, PROFILE) == []


@pytest.mark.parametrize(
    ("asked", "deadline", "points", "words"),
    [
        # No deadline of their own: one business day, as the respond rule says.
        (at(-2, "09:00"), None, 0, "0 of 1 answered, 1 overdue"),
        (at(0, "10:00"), None, 15, "0 of 1 answered, 1 not yet due"),
        (at(-2, "09:00"), at(3, "17:00"), 15, "0 of 1 answered, 1 not yet due"),
    ],
)
def test_a_request_is_overdue_when_the_respond_rule_says(asked, deadline, points, words):
    situation = facts(
        [person(1, "Dana Ruiz")],
        [opportunity()],
        requests=(RequestFacts(1, "refs", asked, deadline, 9, (1,), 1),),
    )
    opp, dana = scores(situation, [], NOW, SETTINGS, PROFILE)
    for found in (opp, dana):
        part = next(p for p in found.parts if p.name == "requests")
        assert (part.points, part.explanation) == (points, words)
