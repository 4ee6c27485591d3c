"""Informational interviews (ask once, one nudge, never two) and closing the loop."""

from __future__ import annotations

import pytest
from situations import at, facts, opportunity, person, run


@pytest.mark.parametrize(
    ("people", "roles", "expected"),
    [
        pytest.param(
            [person(1, "Dana")],
            ((1, "hiring-manager"),),
            {"informational-interview-find:o1"},
            id="find an insider",
        ),
        pytest.param(
            [person(2, "Grace")],
            ((2, "insider"),),
            {"informational-interview-ask:o1:p2"},
            id="ask the insider",
        ),
        pytest.param(
            [person(2, "Grace", last_msg=at(-8), unanswered=1)],
            ((2, "insider"),),
            {"informational-interview-nudge:o1:p2"},
            id="one nudge after seven days",
        ),
        pytest.param(
            [person(2, "Grace", last_msg=at(-3), unanswered=2)],
            ((2, "insider"),),
            set(),
            id="never two",
        ),
        pytest.param(
            [person(2, "Grace", last_in=at(-3))],
            ((2, "insider"),),
            set(),
            id="they answered",
        ),
    ],
)
def test_informational(people, roles, expected):
    situation = facts(people, [opportunity(stage="applied", roles=roles)])
    assert {a.id for a in run("informational-interview", situation)} == expected


def test_the_nudge_is_due_seven_days_after_the_ask():
    situation = facts(
        [person(2, "Grace", last_msg=at(-8, "10:00"), unanswered=1)],
        [opportunity(stage="applied", roles=((2, "insider"),))],
    )
    (action,) = run("informational-interview", situation)
    assert action.due == at(-1, "10:00")
    assert "one polite nudge, never two" in action.why


def test_no_informational_interview_on_closed_opportunities():
    situation = facts([person(1, "Dana")], [opportunity(stage="accepted")])
    assert run("informational-interview", situation) == []


@pytest.mark.parametrize(
    ("stage", "since", "hannah", "expected"),
    [
        pytest.param(
            "rejected",
            at(-1, "10:00"),
            person(1, "Hannah"),
            {"close-the-loop-note:o1": at(1, "10:00"), "close-the-loop-touch:o1": at(90, "09:00")},
            id="a note within two days, a touch after ninety",
        ),
        pytest.param(
            "withdrawn",
            at(-1, "10:00"),
            person(1, "Hannah", last_msg=at(0, "09:00")),
            {"close-the-loop-touch:o1": at(90, "09:00")},
            id="the note was sent",
        ),
        pytest.param(
            "rejected",
            at(-91, "10:00"),
            person(1, "Hannah"),
            {"close-the-loop-touch:o1": at(-1, "10:00")},
            id="ninety days on: the touch",
        ),
        pytest.param("interviewing", at(-1), person(1, "Hannah"), {}, id="not closed"),
        pytest.param(
            "accepted", at(-1), person(1, "Hannah"), {}, id="accepted is not a loop to close"
        ),
    ],
)
def test_close_the_loop(stage, since, hannah, expected):
    situation = facts([hannah], [opportunity(stage=stage, since=since)])
    assert {a.id: a.due for a in run("close-the-loop", situation)} == expected


@pytest.mark.parametrize(
    ("stage", "reason"), [("rejected", "rejection"), ("withdrawn", "withdrawal")]
)
def test_the_gracious_note_says_what_it_follows(stage, reason):
    hannah = person(1, "Hannah", last_in=at(-5), last_out=at(-5))  # met: a withdrawal needs it
    situation = facts([hannah], [opportunity(stage=stage, since=at(-1, "10:00"))])
    note = next(a for a in run("close-the-loop", situation) if a.id.endswith("-note:o1"))
    assert note.title == f"Send Hannah a gracious note after the {reason}"
