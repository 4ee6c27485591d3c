"""Check-in: past the stage's cadence, write with a reason; after two unanswered, change route."""

from __future__ import annotations

import pytest
from situations import achievement, at, day, facts, opportunity, person, run

from topofmind.domain.facts import NewsFacts


@pytest.mark.parametrize(
    ("stage", "last_in", "due"),
    [
        ("applied", at(-11), at(-1)),  # 10 days
        ("screening", at(-6, "10:00"), at(1, "10:00")),  # 7 days
        ("interviewing", at(-10, "11:00"), at(-1, "09:00")),  # Saturday moves to Monday
        ("offer", at(-1, "16:00"), at(1, "16:00")),  # 2 days
    ],
)
def test_due_after_the_stage_cadence(stage, last_in, due):
    situation = facts([person(1, "Dana")], [opportunity(1, stage, last_in=last_in)])
    (action,) = run("check-in", situation)
    assert action.due == due
    assert action.id == f"check-in:o1:{last_in.date().isoformat()}"


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param(
            facts([person(1, "Dana")], [opportunity(1, "researching")]),
            [],
            id="no cadence before applying",
        ),
        pytest.param(
            facts([person(1, "Dana")], [opportunity(1, "rejected")]),
            [],
            id="closed opportunities stop it",
        ),
        pytest.param(
            facts([], [opportunity(1, roles=())]),
            [],
            id="nobody to write to",
        ),
        pytest.param(
            facts(
                [person(1, "Dana", last_msg=at(-9), unanswered=2), person(4, "Sam")],
                [
                    opportunity(
                        1,
                        roles=((1, "hiring-manager"), (4, "interviewer")),
                        last_in=at(-30),
                        last_msg=at(-9),
                        unanswered=2,
                    )
                ],
            ),
            ["change-route:o1:" + day(-9).isoformat()],
            id="after two unanswered follow-ups: pause or another contact",
        ),
    ],
)
def test_check_in_guards(situation, expected):
    assert [a.id for a in run("check-in", situation)] == expected


def test_spacing_postpones_the_check_in():
    situation = facts(
        [person(1, "Dana", last_in=at(-20), last_msg=at(-1, "10:00"), unanswered=1)],
        [opportunity(1, last_in=at(-20), last_msg=at(-1, "10:00"), unanswered=1)],
    )
    (action,) = run("check-in", situation)
    assert action.due == at(6, "10:00")  # seven days after the unanswered message


@pytest.mark.parametrize(
    ("more", "reason", "named"),
    [
        (
            {"achievements": (achievement(1, day(-50), "Old cert"),)},
            "ask what the next step is",
            "next-step",
        ),
        (
            {"news": {1: (NewsFacts(9, 1, "Org 1 raises Series C", at(-3)),)}},
            'mention their news "Org 1 raises Series C"',
            "news",
        ),
        (
            {"news": {1: (NewsFacts(9, 1, "Org 1 raises Series C", at(-25)),)}},
            "ask what the next step is",
            "next-step",
        ),
        ({"questions": 1}, "ask your open question about the role", "question"),
    ],
)
def test_a_reason_to_write(more, reason, named):
    opp = opportunity(1, last_in=at(-10), questions=more.get("questions", 0))
    rest = {k: v for k, v in more.items() if k != "questions"}
    situation = facts([person(1, "Dana")], [opp], **rest)
    (action,) = run("check-in", situation)
    assert reason in action.why
    assert action.refs["reason"] == named  # the draft writes about the same thing
    assert "checking in" not in action.why.lower()


def test_the_change_route_names_another_contact():
    situation = facts(
        [person(1, "Dana", last_msg=at(-9), unanswered=2), person(4, "Sam Patel")],
        [
            opportunity(
                1,
                roles=((1, "hiring-manager"), (4, "interviewer")),
                last_in=at(-30),
                last_msg=at(-9),
                unanswered=2,
            )
        ],
    )
    (action,) = run("check-in", situation)
    assert "try Sam Patel instead" in action.title
    assert action.why.startswith(
        "2 follow-ups to Org 1 went unanswered (their last reply: 25 Oct); a third rarely helps"
    )


def test_the_change_route_reads_well_without_any_reply():
    situation = facts(
        [person(1, "Dana", last_msg=at(-9), unanswered=2)],
        [opportunity(1, last_msg=at(-9), unanswered=2, since=at(-20))],
    )
    (action,) = run("check-in", situation)
    assert action.why.startswith("2 follow-ups to Org 1 went unanswered; a third rarely helps")
    assert action.why.startswith("2 follow-ups to Org 1")


@pytest.mark.parametrize(
    ("opp", "quiet"),
    [
        (
            opportunity(1, "applied", last_in=at(-12)),
            "Last two-way contact with Org 1 12 days ago;",
        ),
        (
            opportunity(1, "applied", last_out=at(-12)),
            "No reply from Org 1 yet; you last wrote 12 days ago;",
        ),
        (
            opportunity(1, "applied", since=at(-12)),
            "No contact with Org 1 since it reached applied 12 days ago;",
        ),
    ],
)
def test_the_why_says_how_quiet_it_has_been(opp, quiet):
    (action,) = run("check-in", facts([person(1, "Dana")], [opp]))
    assert action.why.startswith(quiet)


@pytest.mark.parametrize(
    ("questions", "reason"),
    [
        (1, "write to Dana and ask your open question about the role;"),
        (2, "write to Dana and ask one of your 2 open questions about the role;"),
    ],
)
def test_open_questions_are_counted_in_words(questions, reason):
    situation = facts([person(1, "Dana")], [opportunity(1, last_in=at(-10), questions=questions)])
    (action,) = run("check-in", situation)
    assert reason in action.why


def _dana_with_news_to_share(decisions: dict):
    return facts(
        [person(1, "Dana", last_in=at(-10, "11:00"), last_out=at(-10, "11:00"))],
        [opportunity(last_in=at(-10, "11:00"), last_out=at(-10, "11:00"))],
        achievements=(achievement(1, day(-2)),),
        decisions=decisions,
    )


def _decided(action_id: str, status: str, when):
    from topofmind.domain.actions import Decision
    from topofmind.domain.enums import DecisionStatus

    return {action_id: Decision(action_id, DecisionStatus(status), when)}


def test_an_open_update_takes_the_check_ins_place():
    situation = _dana_with_news_to_share({})
    assert [a.rule for a in run("periodic-update", situation)] == ["periodic-update"]
    assert run("check-in", situation) == []


@pytest.mark.parametrize("status", ["dismissed", "done"])
def test_dismissing_the_update_keeps_the_cadence(status):
    """Dismissing one proposal never silences the opportunity: the check-in is back."""
    situation = _dana_with_news_to_share(_decided("periodic-update:a1:p1", status, at(-1)))
    (check,) = run("check-in", situation)
    assert check.id == "check-in:o1:" + day(-10).isoformat()
    assert check.due == at(-1, "09:00")  # interviewing: 7 days after, a Saturday moved on


def test_a_dismissed_check_in_comes_back_a_cadence_later():
    dismissed = "check-in:o1:" + day(-10).isoformat()
    situation = facts(
        [person(1, "Dana", last_in=at(-10, "11:00"))],
        [opportunity(last_in=at(-10, "11:00"))],
        decisions=_decided(dismissed, "dismissed", at(-1, "10:00")),
    )
    (check,) = run("check-in", situation)
    assert check.id == "check-in:o1:" + day(-1).isoformat()
    assert check.due == at(6, "10:00")


def test_check_ins_marked_done_by_hand_count_as_follow_ups():
    """Done by hand, a check-in went out some other way: two unanswered ones propose a
    pause; anything from them afterwards starts the count afresh."""
    first, second = ("check-in:o1:" + day(n).isoformat() for n in (-30, -20))
    decided = {**_decided(first, "done", at(-20)), **_decided(second, "done", at(-10))}
    situation = facts(
        [person(1, "Dana", last_in=at(-30)), person(4, "Sam")],
        [opportunity(roles=((1, "hiring-manager"), (4, "interviewer")), last_in=at(-30))],
        decisions=decided,
    )
    (pause,) = run("check-in", situation)
    assert pause.title.startswith("Pause Role 1 at Org 1")
    assert "2 follow-ups to Org 1 went unanswered" in pause.why
    answered = facts(
        [person(1, "Dana", last_in=at(-5)), person(4, "Sam")],
        [opportunity(roles=((1, "hiring-manager"), (4, "interviewer")), last_in=at(-5))],
        decisions=decided,
    )
    assert [a.title for a in run("check-in", answered)] == ["Check in with Dana about Role 1"]
