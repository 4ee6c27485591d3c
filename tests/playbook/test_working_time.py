"""Due times fall in working time: on working days, inside working hours.

NOW is Tuesday 24 November 2026; ``at(-4)`` is Friday 20, ``at(-2)`` Sunday 22,
``at(3)`` Friday 27 and ``at(6)`` Monday 30 November. Hours are 09:00 to 17:30.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from situations import NOW, PROFILE, SETTINGS, at, conversation, facts, opportunity, person, run

from topofmind.domain.actions import ActionState, Decision
from topofmind.domain.enums import DecisionStatus
from topofmind.playbook.registry import get_rule

DANA = person(1, "Dana Ruiz")
FRIDAY_INTERVIEW = conversation(3, (1,), at(-4, "14:00"), end=at(-4, "15:00"))
MONDAY_INTERVIEW = conversation(7, (1,), at(6, "13:00"), end=at(6, "14:00"), scheduled=True)


@pytest.mark.parametrize(
    ("rule", "situation", "now", "due"),
    [
        pytest.param(
            "thank-you",
            facts([DANA], [opportunity()], conversations=(FRIDAY_INTERVIEW,)),
            at(-4, "18:00"),
            at(-1, "15:00"),
            id="a Friday afternoon's thank-you is due Monday afternoon, not Saturday",
        ),
        pytest.param(
            "thank-you",
            facts(
                [DANA],
                [],
                conversations=(
                    conversation(
                        4, (1,), at(-1, "18:00"), end=at(-1, "19:00"), kind="event-conversation"
                    ),
                ),
            ),
            at(-1, "20:00"),
            at(0, "17:30"),
            id="an evening's thank-you is due at the end of the next working day",
        ),
        pytest.param(
            "connect",
            facts([DANA], [opportunity()], conversations=(FRIDAY_INTERVIEW,)),
            at(-4, "18:00"),
            at(-1, "15:00"),
            id="a Friday's connection request is due Monday, not Sunday",
        ),
        pytest.param(
            "supplementary-info",
            facts(
                [DANA],
                [opportunity()],
                conversations=(
                    conversation(
                        3, (1,), at(-6, "10:00"), end=at(-6, "11:00"), wishes=("the 60% cut",)
                    ),
                ),
                decisions={
                    "thank-you:i3:p1": Decision(
                        "thank-you:i3:p1", DecisionStatus.DONE, at(-6, "12:00")
                    )
                },
            ),
            at(-6, "12:00"),
            at(-1, "11:00"),
            id="three days after a Wednesday is Saturday: the point is due Monday",
        ),
        pytest.param(
            "questions",
            facts([DANA], [opportunity()], conversations=(MONDAY_INTERVIEW,)),
            NOW,
            at(3, "13:00"),
            id="questions for a Monday interview are due the Friday before, not Sunday",
        ),
        pytest.param(
            "research-before-interview",
            facts([DANA], [opportunity()], conversations=(MONDAY_INTERVIEW,)),
            NOW,
            at(3, "13:00"),
            id="research for a Monday interview is due the Friday before, not Saturday",
        ),
        pytest.param(
            "memorable-introduction",
            facts([DANA], [opportunity()], conversations=(MONDAY_INTERVIEW,)),
            NOW,
            at(3, "13:00"),
            id="the introduction for a Monday interview is due the Friday before",
        ),
    ],
)
def test_due_times_fall_in_working_time(rule, situation, now, due):
    (action,) = run(rule, situation, now=now)
    assert action.due == due
    assert action.state is ActionState.UPCOMING


def test_a_friday_thank_you_says_monday_and_is_late_only_after_72_hours():
    situation = facts([DANA], [opportunity()], conversations=(FRIDAY_INTERVIEW,))
    (on_friday,) = run("thank-you", situation, now=at(-4, "18:00"))
    assert on_friday.why.endswith("due by Monday 15:00")
    (monday_morning,) = run("thank-you", situation, now=at(-1, "10:00"))
    assert monday_morning.state is ActionState.DUE
    assert "68% of hiring managers" in monday_morning.why
    (tuesday,) = run("thank-you", situation, now=NOW)
    assert tuesday.state is ActionState.LATE


def test_a_working_saturday_keeps_the_thank_you_on_saturday():
    six_days = replace(PROFILE, work_days=[0, 1, 2, 3, 4, 5])
    situation = facts([DANA], [opportunity()], conversations=(FRIDAY_INTERVIEW,))
    (action,) = get_rule("thank-you").func(situation, at(-4, "18:00"), SETTINGS, six_days)
    assert action.due == at(-3, "15:00")


def test_a_thank_you_pushed_past_72_hours_by_days_off_is_not_late_before_it_is_due():
    # Working Monday to Wednesday: Thursday's thank-you is due Monday, 96 hours on.
    short_week = replace(PROFILE, work_days=[0, 1, 2])
    thursday = conversation(3, (1,), at(-5, "14:00"), end=at(-5, "15:00"))
    situation = facts([DANA], [opportunity()], conversations=(thursday,))
    on_sunday = at(-2, "16:00")  # 73 hours after, before the due
    (action,) = get_rule("thank-you").func(situation, on_sunday, SETTINGS, short_week)
    assert action.due == at(-1, "15:00")
    assert action.state is ActionState.UPCOMING
    assert "late" not in action.why
    (on_monday,) = get_rule("thank-you").func(situation, at(-1, "16:00"), SETTINGS, short_week)
    assert on_monday.state is ActionState.LATE
