"""Supplementary info: folded into the open thank-you; on its own only after a hand-closed one."""

from __future__ import annotations

import pytest
from situations import NOW, at, conversation, facts, opportunity, person, run

from topofmind.domain.actions import Decision
from topofmind.domain.enums import DecisionStatus

TALK = conversation(3, (1,), at(-1, "15:00"), end=at(-1, "16:00"), wishes=("the 60% cut",))


def decided(status):
    return {"thank-you:i3:p1": Decision("thank-you:i3:p1", status, NOW)}


@pytest.mark.parametrize(
    ("people", "decisions", "expected"),
    [
        pytest.param([person(1, "Dana")], {}, set(), id="folded into the open thank-you"),
        pytest.param(
            [person(1, "Dana", last_msg=at(-1, "18:00"))],
            {},
            set(),
            id="carried by the thank-you that went out",
        ),
        pytest.param(
            [person(1, "Dana")],
            decided(DecisionStatus.DONE),
            {"supplementary-info:i3:p1"},
            id="thank-you marked done by hand: send it on its own",
        ),
        pytest.param(
            [person(1, "Dana")],
            decided(DecisionStatus.SNOOZED),
            set(),
            id="a snoozed thank-you still carries it",
        ),
        pytest.param(
            [person(1, "Dana", last_msg=at(0, "10:00"))],
            decided(DecisionStatus.DONE),
            set(),
            id="a message after the conversation is the evidence",
        ),
    ],
)
def test_supplementary(people, decisions, expected):
    situation = facts(people, [opportunity()], conversations=(TALK,), decisions=decisions)
    actions = run("supplementary-info", situation)
    assert {a.id for a in actions} == expected
    for action in actions:
        assert action.due == at(2, "16:00")  # three days after the conversation
        assert '"the 60% cut"' in action.why
