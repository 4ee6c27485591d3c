"""Respond promptly: requests by their deadline or one business day; unanswered messages too."""

from __future__ import annotations

import pytest
from situations import at, facts, opportunity, person, run

from topofmind.domain.enums import InteractionKind
from topofmind.domain.facts import Message, RequestFacts


def request(at_, due=None, authors=(3,), opp=1, id=1):
    return RequestFacts(id, "send two references", at_, due, 10 + id, authors, opp)


def message(at_, people=(3,), opp=1, id=20):
    return Message(id, InteractionKind.EMAIL, at_, people, opp, subject="Quick question")


PRIYA = person(3, "Priya Nair")


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param(
            facts(
                [PRIYA],
                [opportunity(roles=((3, "recruiter"),))],
                requests=(request(at(0, "09:12"), at(3, "17:30")),),
            ),
            {"respond-promptly:r1": at(3, "17:30")},
            id="a request with a deadline is due then",
        ),
        pytest.param(
            facts(
                [PRIYA],
                [opportunity(roles=((3, "recruiter"),))],
                requests=(request(at(0, "09:12")),),
            ),
            {"respond-promptly:r1": at(1, "09:12")},
            id="without one: one business day",
        ),
        pytest.param(
            facts(
                [PRIYA],
                [opportunity(roles=((3, "recruiter"),))],
                messages=(message(at(-4, "17:30")),),  # Friday 20 November, 17:30
            ),
            {"respond-promptly:i20:p3": at(-1, "17:30")},
            id="a Friday 17:30 question is due Monday, not Saturday",
        ),
        pytest.param(
            facts(
                [person(3, "Priya Nair", last_msg=at(0, "10:00"))],
                [opportunity(roles=((3, "recruiter"),))],
                requests=(request(at(0, "09:12")),),
                messages=(message(at(0, "08:00")),),
            ),
            {},
            id="an outbound message after it answers it",
        ),
        pytest.param(
            facts(
                # A meeting with her at 11:00 (spoken, both ways), no message since.
                [person(3, "Priya Nair", last_in=at(0, "11:00"), last_out=at(0, "11:00"))],
                [opportunity(roles=((3, "recruiter"),))],
                requests=(request(at(0, "09:12")),),
                messages=(message(at(0, "08:00")),),
            ),
            {"respond-promptly:r1": at(1, "09:12")},
            id="a meeting answers her message but does not send what she asked for",
        ),
        pytest.param(
            facts(
                [person(3, "Priya Nair", last_msg=at(-1, "10:00"), unanswered=2)],
                [opportunity(roles=((3, "recruiter"),), unanswered=2)],
                requests=(request(at(0, "09:12")),),
            ),
            {"respond-promptly:r1": at(1, "09:12")},
            id="a reply is never held back by the guards",
        ),
        pytest.param(
            facts(
                [PRIYA],
                [opportunity(stage="rejected", roles=((3, "recruiter"),))],
                messages=(message(at(0, "08:00")),),
            ),
            {},
            id="closed opportunities stop it",
        ),
        pytest.param(
            facts(
                [person(9, "Stranger", org=None)],
                [],
                messages=(message(at(0, "08:00"), people=(9,), opp=None),),
            ),
            {},
            id="messages from people on no active opportunity are not the playbook's",
        ),
        pytest.param(
            facts(
                [PRIYA],
                [opportunity(roles=((3, "recruiter"),))],
                messages=(message(at(-2, "08:00"), id=20), message(at(0, "08:00"), id=21)),
            ),
            {"respond-promptly:i21:p3": at(1, "09:00")},  # clamped into working hours
            id="only the latest unanswered message per person",
        ),
    ],
)
def test_respond(situation, expected):
    actions = run("respond-promptly", situation)
    assert {a.id: a.due for a in actions} == expected


def test_why_names_the_request_and_its_deadline():
    situation = facts(
        [PRIYA],
        [opportunity(roles=((3, "recruiter"),))],
        requests=(request(at(0, "09:12"), at(3, "17:30")),),
    )
    (action,) = run("respond-promptly", situation)
    assert action.why == (
        "Priya Nair asked you to send two references 5 h ago; they want it by Friday 17:30"
    )
    assert action.refs == {"request_id": 1, "interaction_id": 11}


def test_why_turns_a_quoted_question_into_what_was_asked():
    asked = RequestFacts(1, "Could you send over two references by Wednesday?", at(0, "09:12"),
                         None, 11, (3,), 1)  # fmt: skip
    situation = facts([PRIYA], [opportunity(roles=((3, "recruiter"),))], requests=(asked,))
    (action,) = run("respond-promptly", situation)
    assert action.why.startswith(
        "Priya Nair asked you to send over two references by Wednesday 5 h ago;"
    )


@pytest.mark.parametrize(
    ("overrides", "asked", "wrote", "expected"),
    [
        pytest.param(
            None, -44, -20, {"respond-promptly:r1", "respond-promptly:i20:p3"}, id="within"
        ),
        pytest.param(None, -46, -22, set(), id="past the windows the check-in takes over"),
        pytest.param(
            {"respond_request_days": 60, "respond_message_days": 30},
            -46,
            -22,
            {"respond-promptly:r1", "respond-promptly:i20:p3"},
            id="windows widened on the opportunity",
        ),
        pytest.param({"respond_message_days": 2}, -44, -3, {"respond-promptly:r1"}, id="narrowed"),
    ],
)
def test_how_long_requests_and_messages_stay_proposed(overrides, asked, wrote, expected):
    situation = facts(
        [PRIYA],
        [opportunity(roles=((3, "recruiter"),), overrides=overrides)],
        requests=(request(at(asked)),),
        messages=(message(at(wrote)),),
    )
    assert {a.id for a in run("respond-promptly", situation)} == expected
