"""Connect (48 h after meeting), engage (light, a few a week) and events (register, follow up)."""

from __future__ import annotations

import pytest
from situations import at, conversation, day, facts, opportunity, person, run

from topofmind.domain.facts import EventFacts

MET = conversation(3, (1,), at(-1, "15:00"), end=at(-1, "16:00"))


@pytest.mark.parametrize(
    ("dana", "expected"),
    [
        pytest.param(person(1, "Dana"), {"connect:p1": at(1, "16:00")}, id="48 h after meeting"),
        pytest.param(person(1, "Dana", connected=True), {}, id="already connected"),
        pytest.param(person(1, "Dana", requested=at(0, "09:00")), {}, id="request logged"),
    ],
)
def test_connect(dana, expected):
    situation = facts([dana], [opportunity()], conversations=(MET,))
    assert {a.id: a.due for a in run("connect", situation)} == expected


def test_connect_not_for_a_closed_opportunity():
    situation = facts([person(1, "Dana")], [opportunity(stage="rejected")], conversations=(MET,))
    assert run("connect", situation) == []


def insiders(n: int, **kw):
    return [person(10 + i, f"Insider {i}", connected_on=day(-60 + i), **kw) for i in range(n)]


@pytest.mark.parametrize(
    ("people", "stage", "this_week", "expected"),
    [
        pytest.param(insiders(1), "applied", 0, 1, id="a quiet connection"),
        pytest.param(insiders(5), "applied", 0, 3, id="at most three a week"),
        pytest.param(insiders(5), "applied", 2, 1, id="counting those already done"),
        pytest.param(insiders(2, engaged=at(-3)), "applied", 0, 0, id="engaged lately"),
        pytest.param(insiders(2), "rejected", 0, 0, id="only at organizations still pursued"),
        pytest.param([person(20, "Not connected")], "applied", 0, 0, id="not connected"),
    ],
)
def test_engage(people, stage, this_week, expected):
    situation = facts(people, [opportunity(stage=stage, roles=())], engagements_this_week=this_week)
    actions = run("engage", situation)
    assert len(actions) == expected
    if actions:
        assert actions[0].people == [10]  # the quietest first
        assert actions[0].id.endswith(":2026-W48")
        # Spread over the week, each by the end of its working day: Tuesday's, proposed
        # on Tuesday afternoon, is due today rather than overdue since the morning.
        assert actions[0].due.isoformat() == "2026-11-24T22:30:00+00:00"  # 17:30 in New York
        assert actions[0].state.value == "due"
        assert [a.due.day for a in actions] == [24, 26, 30][: len(actions)]


def event(starts, registered=False, attended=False, id=1, title="Data Summit"):
    return EventFacts(
        id,
        title,
        starts,
        starts.replace(hour=starts.hour + 1),
        1,
        "Org 1",
        registered,
        attended,
    )


@pytest.mark.parametrize(
    ("item", "talks", "expected"),
    [
        pytest.param(
            event(at(6, "12:00")), (), {"event-register:e1": at(3, "17:30")}, id="register"
        ),
        pytest.param(event(at(6, "12:00"), registered=True), (), {}, id="registered"),
        pytest.param(event(at(40, "12:00")), (), {}, id="too far ahead"),
        pytest.param(
            event(at(0, "18:00"), registered=True),
            (),
            {"event-attend:e1": at(0, "18:00")},
            id="attend today",
        ),
        pytest.param(
            event(at(-3, "18:00"), attended=True),
            (),
            {"event-follow-up:e1": at(-1, "09:00")},
            id="after it: record whom you met",
        ),
        pytest.param(
            event(at(-3, "18:00"), attended=True),
            (conversation(9, (1,), at(-3, "18:30"), kind="event-conversation", opp=None),),
            {},
            id="conversations recorded: the thank-you rule follows up",
        ),
    ],
)
def test_event(item, talks, expected):
    situation = facts([person(1, "Leo")], [opportunity()], events=(item,), conversations=talks)
    assert {a.id: a.due for a in run("event", situation)} == expected


@pytest.mark.parametrize(
    ("title", "opening"),
    [
        ("Data Summit", "Data Summit by Org 1 is Monday 12:00;"),
        ("Org 1 Tech Meetup", "Org 1 Tech Meetup is Monday 12:00;"),
    ],
)
def test_the_event_names_its_host_once(title, opening):
    situation = facts([], [opportunity()], events=(event(at(6, "12:00"), title=title),))
    (register,) = run("event", situation)
    assert register.why.startswith(opening)


MEETUP = EventFacts(4, "Lumen Bank Tech Meetup", at(-1, "18:00"), at(-1, "20:00"), 2, "Lumen Bank")
AT_THE_MEETUP = conversation(8, (7,), at(-1, "19:00"), kind="event-conversation", opp=None)


@pytest.mark.parametrize(
    ("events", "title", "met", "talked"),
    [
        pytest.param(
            (MEETUP,),
            "Thank Leo Martins for the conversation at Lumen Bank Tech Meetup",
            "You met Leo Martins at Lumen Bank Tech Meetup 20 h ago",
            "Conversation with Leo Martins at Lumen Bank Tech Meetup ended 20 h ago",
            id="named by the event going on then",
        ),
        pytest.param(
            (),
            "Thank Leo Martins for the conversation at an event",
            "You met Leo Martins at an event 20 h ago",
            "Conversation with Leo Martins at an event ended 20 h ago",
            id="no event recorded",
        ),
    ],
)
def test_a_conversation_at_an_event_is_named_by_it(events, title, met, talked):
    situation = facts(
        [person(7, "Leo Martins", org=2)], [], conversations=(AT_THE_MEETUP,), events=events
    )
    (thanks,) = run("thank-you", situation)
    assert thanks.title == title
    assert thanks.why.startswith(talked)
    (connect,) = run("connect", situation)
    assert connect.why.startswith(met)
