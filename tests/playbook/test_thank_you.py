"""Thank-you: one per participant, due 24 h after the conversation, closed by a message."""

from __future__ import annotations

import pytest
from situations import NOW, at, conversation, facts, opportunity, person, run

from topofmind.domain.actions import ActionState, Decision
from topofmind.domain.enums import DecisionStatus

PANEL = conversation(
    3,
    (1, 2),
    at(-1, "15:00"),
    end=at(-1, "16:00"),
    points=("Dana: data quality is her top worry", "Sam: asked about late events"),
    wishes=("the 60% incident cut",),
)


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param(
            facts(
                [person(1, "Dana Ruiz"), person(2, "Sam Patel")],
                [opportunity()],
                conversations=(PANEL,),
            ),
            {"thank-you:i3:p1": "due", "thank-you:i3:p2": "due"},
            id="a panel of two gives two thank-yous",
        ),
        pytest.param(
            facts(
                [person(1, "Dana Ruiz", last_msg=at(-1, "18:00")), person(2, "Sam Patel")],
                [opportunity()],
                conversations=(PANEL,),
            ),
            {"thank-you:i3:p2": "due"},
            id="an outbound message to one closes only hers",
        ),
        pytest.param(
            facts(
                [person(1, "Dana Ruiz", last_msg=at(-1, "15:30")), person(2, "Sam Patel")],
                [opportunity()],
                conversations=(PANEL,),
            ),
            {"thank-you:i3:p1": "due", "thank-you:i3:p2": "due"},
            id="a message during the interview is not evidence",
        ),
        pytest.param(
            facts(
                [person(1, "Dana Ruiz")],
                [opportunity()],
                conversations=(conversation(4, (1,), at(-2, "10:00")),),
            ),
            {"thank-you:i4:p1": "overdue"},
            id="past 24 hours it is overdue",
        ),
        pytest.param(
            facts(
                [person(1, "Dana Ruiz")],
                [opportunity()],
                conversations=(conversation(4, (1,), at(-5, "10:00")),),
            ),
            {"thank-you:i4:p1": "late"},
            id="past 72 hours it is late but still proposed",
        ),
        pytest.param(
            facts(
                [person(1, "Dana Ruiz")],
                [opportunity()],
                conversations=(conversation(4, (1,), at(-15, "10:00")),),
            ),
            {},
            id="after 14 days it is no longer proposed",
        ),
        pytest.param(
            facts(
                [person(1, "Dana Ruiz")],
                [opportunity(stage="rejected")],
                conversations=(PANEL,),
            ),
            {},
            id="closed opportunities stop it",
        ),
        pytest.param(
            facts(
                [person(1, "Dana Ruiz")],
                [opportunity()],
                conversations=(conversation(5, (1,), at(2, "13:00"), scheduled=True),),
            ),
            {},
            id="nothing is owed for a scheduled interview",
        ),
        pytest.param(
            facts(
                [person(7, "Leo Martins", org=None)],
                [],
                conversations=(
                    conversation(6, (7,), at(0, "09:00"), kind="event-conversation", opp=None),
                ),
            ),
            {"thank-you:i6:p7": "upcoming"},
            id="an event conversation without an opportunity",
        ),
    ],
)
def test_thank_you(situation, expected):
    actions = run("thank-you", situation)
    assert {a.id: a.state.value for a in actions} == expected


def test_due_24_hours_after_the_end_with_a_concrete_why():
    (dana, _) = run(
        "thank-you",
        facts(
            [person(1, "Dana Ruiz"), person(2, "Sam Patel")],
            [opportunity()],
            conversations=(PANEL,),
        ),
    )
    assert dana.due == at(0, "16:00")
    assert dana.state is ActionState.DUE
    assert dana.why.startswith("Interview with Dana Ruiz ended 23 h ago")
    assert '"data quality is her top worry"' in dana.why
    assert "the 60% incident cut" in dana.why
    assert "68% of hiring managers" in dana.why
    assert dana.why.endswith("due by 16:00 today")
    assert dana.refs["interaction_id"] == 3
    assert dana.refs["points"] == ["data quality is her top worry"]
    assert dana.refs["wish_texts"] == ["the 60% incident cut"]
    assert dana.person_names == ["Dana Ruiz"]
    assert dana.opportunity_title == "Role 1 at Org 1"


def test_the_point_wished_for_is_proposed_once_to_a_panel_as_the_drafts_tell_it():
    (dana, sam) = run(
        "thank-you",
        facts(
            [person(1, "Dana Ruiz"), person(2, "Sam Patel")],
            [opportunity()],
            conversations=(PANEL,),
        ),
    )
    assert "also cover what you wished you had: the 60% incident cut" in dana.why
    assert "the 60% incident cut" not in sam.why
    assert "what you wished you had said goes in the note to Dana Ruiz" in sam.why


def test_the_window_follows_the_opportunitys_own_setting():
    situation = facts(
        [person(1, "Dana Ruiz")],
        [opportunity(overrides={"thank_you_hours": 48})],
        conversations=(conversation(4, (1,), at(-1, "10:00")),),
    )
    (action,) = run("thank-you", situation)
    assert action.due == at(1, "10:00")


def test_a_decision_does_not_change_the_id():
    situation = facts([person(1, "Dana Ruiz")], [opportunity()], conversations=(PANEL,))
    decided = facts(
        [person(1, "Dana Ruiz")],
        [opportunity()],
        conversations=(PANEL,),
        decisions={"thank-you:i3:p1": Decision("thank-you:i3:p1", DecisionStatus.DONE, NOW)},
    )
    assert [a.id for a in run("thank-you", situation)] == [a.id for a in run("thank-you", decided)]


@pytest.mark.parametrize(
    ("ended", "words"),
    [
        (at(-4, "10:00"), "late, but 36% of hiring managers still expect one within five days"),
        (at(-9, "10:00"), "late, but worth sending: 16% of hiring managers have dismissed"),
    ],
)
def test_a_late_thank_you_says_why_it_is_still_worth_sending(ended, words):
    situation = facts(
        [person(1, "Dana Ruiz")], [opportunity()], conversations=(conversation(4, (1,), ended),)
    )
    (action,) = run("thank-you", situation)
    assert action.state is ActionState.LATE
    assert words in action.why


def test_a_late_thank_you_to_someone_met_at_an_event_quotes_no_hiring_manager_survey():
    met = conversation(4, (1,), at(-4, "10:00"), kind="event-conversation", opp=None)
    situation = facts([person(1, "Leo Martins")], [opportunity()], conversations=(met,))
    (action,) = run("thank-you", situation)
    assert action.state is ActionState.LATE
    assert "hiring managers" not in action.why
    assert "late, but a thank-you still tells them the conversation mattered to you" in action.why


@pytest.mark.parametrize(
    ("ended", "words"),
    [
        (at(0, "10:00"), "a thank-you within a day keeps the conversation fresh for both of you"),
        (at(-1, "10:00"), "not late yet: sent by the time it is due, it still reads as prompt"),
    ],
)
def test_a_thank_you_after_an_event_says_why_now_as_the_days_pass(ended, words):
    met = conversation(4, (1,), ended, kind="event-conversation", opp=None)
    situation = facts([person(1, "Leo Martins")], [opportunity()], conversations=(met,))
    (action,) = run("thank-you", situation)
    assert action.state is not ActionState.LATE
    assert words in action.why
    assert ("within a day" in action.why) is (ended == at(0, "10:00"))
