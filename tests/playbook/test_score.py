"""The top-of-mind score: five parts adding up to at most 100, each explained."""

from __future__ import annotations

import pytest
from situations import NOW, PROFILE, SETTINGS, at, conversation, facts, opportunity, person

from topofmind.domain.actions import Action, ActionState, Decision
from topofmind.domain.enums import DecisionStatus
from topofmind.domain.facts import RequestFacts
from topofmind.playbook.score import recency_part, scores


@pytest.mark.parametrize(
    ("last_in", "points"),
    [
        (None, 0),
        (NOW, 40),  # on the day
        (at(-3, "15:00"), 36),  # within the 7-day cadence, fading
        (at(-7, "15:00"), 30),  # at its end
        (at(-14, "15:00"), 15),  # one cadence over: half
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
        "recency": (38, 40),  # thirty hours ago
        "thank-yous": (0, 20),
        "requests": (0, 15),
        "insiders": (10, 10),  # Dana is a connection at the organization
        "overdue": (10, 15),
    }
    assert opp.score == 58
    assert "0 of 1 sent" in opp.line
    assert "0 of 1 answered, 1 overdue" in opp.line
    assert sum(p.max_points for p in opp.parts) == 100


@pytest.mark.parametrize(
    ("ended", "now", "points", "words"),
    [
        (at(0, "13:00"), NOW, 20, "0 of 1 sent, 1 not yet due"),  # not missed: it has a day
        (at(-1, "10:00"), NOW, 0, "0 of 1 sent"),  # due 10:00 today, not sent
        # Friday 15:00's thank-you is due Monday 15:00, as the rule says: Sunday is not late.
        (at(-4, "15:00"), at(-2, "10:00"), 20, "0 of 1 sent, 1 not yet due"),
    ],
)
def test_a_thank_you_not_yet_due_costs_nothing(ended, now, points, words):
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


def test_a_dismissed_thank_you_or_answer_is_not_counted_as_missed():
    situation = facts(
        [person(1, "Dana Ruiz")],
        [opportunity()],
        conversations=(conversation(3, (1,), at(-3, "10:00")),),
        requests=(RequestFacts(1, "refs", at(-3, "09:00"), None, 9, (1,), 1),),
        decisions={
            "thank-you:i3:p1": Decision("thank-you:i3:p1", DecisionStatus.DISMISSED, at(-1)),
            "respond-promptly:r1": Decision(
                "respond-promptly:r1", DecisionStatus.DISMISSED, at(-1)
            ),
        },
    )
    opp, _ = scores(situation, [], NOW, SETTINGS, PROFILE)
    parts = {p.name: (p.points, p.explanation) for p in opp.parts}
    assert parts["thank-yous"] == (20, "none owed lately")
    assert parts["requests"] == (15, "none asked lately")


def test_the_opportunity_just_after_an_onsite_outranks_a_silent_one():
    """As a coach would rank them: a panel yesterday, thank-yous not due until today,
    above an opportunity nobody has answered for nine days."""
    situation = facts(
        [person(1, "Dana Ruiz", last_in=at(-9)), person(2, "Sam Lee", last_in=at(-1, "16:00"))],
        [
            opportunity(1, roles=((1, "hiring-manager"),), last_in=at(-9)),
            opportunity(2, roles=((2, "hiring-manager"),), org=2, last_in=at(-1, "16:00")),
        ],
        conversations=(conversation(3, (2,), at(-1, "14:00"), end=at(-1, "16:00"), opp=2),),
    )
    found = scores(situation, [], at(0, "10:00"), SETTINGS, PROFILE)
    ranked = [s.subject_id for s in found if s.subject_kind == "opportunity"]
    assert ranked == [2, 1]
    silent, onsite = (next(s for s in found if s.subject_id == i) for i in (1, 2))
    assert onsite.score > silent.score
    assert "last two-way contact 18 h ago" in onsite.line


@pytest.mark.parametrize(
    ("situation", "now", "total"),
    [
        # docs/rules.md, "Score": an onsite yesterday, thank-yous due this afternoon.
        ("onsite", at(0, "10:00"), 99),
        # Silent for nine days after a thanked phone screen; then three weeks.
        ("silent", at(0, "10:00"), 86),
        ("silent", at(12, "10:00"), 60),
        # The onsite the next morning, neither thank-you sent: two overdue actions.
        ("unthanked", at(1, "10:00"), 68),
    ],
)
def test_the_documented_examples(situation, now, total):
    heard = {"onsite": at(-1, "16:00"), "unthanked": at(-1, "16:00"), "silent": at(-9, "10:00")}
    last = heard[situation]
    people = [
        person(1, "Dana Ruiz", last_in=last, last_out=last),
        person(2, "Sam Lee", last_in=last, last_out=last),
        person(3, "Ines Insider"),
    ]
    roles = ((1, "hiring-manager"), (2, "interviewer"), (3, "insider"))
    if situation == "silent":
        talks = (conversation(3, (1,), at(-9, "09:30"), end=last, kind="phone-screen"),)
        people[0] = person(1, "Dana Ruiz", last_in=last, last_out=at(-9, "14:00"))
    else:
        talks = (conversation(3, (1, 2), at(-1, "14:00"), end=last),)
    late = [overdue(1, 1), overdue(1, 2)] if situation == "unthanked" else []  # their thank-yous
    found = scores(
        facts(people, [opportunity(roles=roles, last_in=last)], conversations=talks),
        late,
        now,
        SETTINGS,
        PROFILE,
    )
    assert found[0].score == total, found[0].line
