"""Check-in: past the stage's cadence, write with a reason; after two unanswered, change route."""

from __future__ import annotations

import pytest
from situations import achievement, at, day, facts, opportunity, person, run

from topofmind.playbook.facts import NewsFacts


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
