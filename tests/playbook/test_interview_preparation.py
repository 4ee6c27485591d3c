"""Research (48 h before), questions (24 h before, fewer than three) and the introduction."""

from __future__ import annotations

from dataclasses import replace

import pytest
from situations import at, conversation, facts, opportunity, person, run

from topofmind.domain.facts import NewsFacts

UPCOMING = conversation(7, (5,), at(2, "13:00"), end=at(2, "14:00"), scheduled=True)
ELENA = person(5, "Elena Kovacs")


def news(read: bool, days: int = -3):
    return {1: (NewsFacts(9, 1, "Org 1 partners with hospitals", at(days), read),)}


@pytest.mark.parametrize(
    ("more", "expected"),
    [
        pytest.param({}, {"research-before-interview:i7": at(0, "13:00")}, id="48 h before"),
        pytest.param(
            {"news": news(False)},
            {"research-before-interview:i7": at(0, "13:00")},
            id="unread news",
        ),
        pytest.param({"news": news(True)}, {}, id="news read is the evidence"),
        pytest.param(
            {"news": news(True, days=-25)},
            {"research-before-interview:i7": at(0, "13:00")},
            id="news past news_recent_days is not the evidence",
        ),
    ],
)
def test_research(more, expected):
    situation = facts(
        [ELENA], [opportunity(roles=((5, "hiring-manager"),))], conversations=(UPCOMING,), **more
    )
    assert {a.id: a.due for a in run("research-before-interview", situation)} == expected


def test_research_cites_the_unread_item():
    situation = facts([ELENA], [opportunity()], conversations=(UPCOMING,), news=news(False))
    (action,) = run("research-before-interview", situation)
    assert 'read "Org 1 partners with hospitals"' in action.why
    assert action.refs["news_id"] == 9


@pytest.mark.parametrize(
    ("stage", "unasked", "expected"),
    [
        ("interviewing", 0, {"questions:i7"}),
        ("interviewing", 2, {"questions:i7"}),
        ("interviewing", 3, set()),
        ("rejected", 0, set()),
    ],
)
def test_questions(stage, unasked, expected):
    situation = facts(
        [ELENA], [opportunity(stage=stage, questions=unasked)], conversations=(UPCOMING,)
    )
    actions = run("questions", situation)
    assert {a.id for a in actions} == expected
    for action in actions:
        assert action.due == at(1, "13:00")
        assert f"prepare {3 - unasked} more" in action.why


def test_no_preparation_after_the_interview():
    past = conversation(7, (5,), at(-1, "13:00"))
    situation = facts([ELENA], [opportunity()], conversations=(past,))
    assert run("questions", situation) == []
    assert run("research-before-interview", situation) == []


@pytest.mark.parametrize(
    ("stage", "introduced", "talks", "expected"),
    [
        ("screening", False, (), {}),  # timed by the first conversation, not the stage
        ("applied", False, (UPCOMING,), {"memorable-introduction:o1": at(1, "13:00")}),
        ("interviewing", False, (UPCOMING,), {"memorable-introduction:o1": at(1, "13:00")}),
        ("interviewing", True, (UPCOMING,), {}),
        ("applied", False, (), {}),
        ("rejected", False, (UPCOMING,), {}),
    ],
)
def test_introduction(stage, introduced, talks, expected):
    situation = facts(
        [ELENA], [opportunity(stage=stage, introduced=introduced)], conversations=talks
    )
    assert {a.id: a.due for a in run("memorable-introduction", situation)} == expected


@pytest.mark.parametrize(("overrides", "cited"), [(None, False), ({"news_recent_days": 30}, True)])
def test_research_cites_news_as_old_as_the_setting_allows(overrides, cited):
    situation = facts(
        [ELENA],
        [opportunity(overrides=overrides)],
        conversations=(UPCOMING,),
        news=news(False, days=-25),
    )
    (action,) = run("research-before-interview", situation)
    assert ('read "Org 1 partners with hospitals"' in action.why) is cited
    assert action.refs["news_id"] == (9 if cited else None)


#: An interview at 10:00 tomorrow, recorded only at 14:00 today: every natural moment
#: to prepare (48 h, 24 h, the day before) had passed when it became known.
SHORT_NOTICE = replace(
    conversation(7, (5,), at(1, "10:00"), end=at(1, "11:00"), scheduled=True),
    recorded_at=at(0, "14:00"),
)


@pytest.mark.parametrize(
    "rule", ["research-before-interview", "questions", "memorable-introduction"]
)
def test_preparation_set_at_short_notice_is_due_today_never_overdue_before_it_existed(rule):
    situation = facts([ELENA], [opportunity()], conversations=(SHORT_NOTICE,))
    (action,) = run(rule, situation)
    assert action.due == at(0, "17:30")  # the end of the working day it was set
    assert action.state.value == "due"
    assert "short notice: set" in action.why and "overdue" not in action.why


def test_preparation_with_time_to_spare_keeps_its_natural_moment():
    early = replace(UPCOMING, recorded_at=at(-5, "09:00"))
    situation = facts([ELENA], [opportunity()], conversations=(early,))
    (action,) = run("research-before-interview", situation)
    assert action.due == at(0, "13:00") and "short notice" not in action.why
