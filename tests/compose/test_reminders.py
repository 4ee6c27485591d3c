"""The ICS file of due actions loads in a calendar library and its alarms fire when due."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from topofmind.compose.reminders import actions_calendar
from topofmind.domain.actions import Action, ActionState

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=NY)


def actions() -> list[Action]:
    return [
        Action(
            "thank-you:i3:p1",
            "thank-you",
            "Thank Dana Ruiz for the interview",
            "Interview with Dana Ruiz ended 23 h ago; due by 16:00 today",
            NOW + timedelta(hours=1),
            ActionState.DUE,
            priority=1,
            opportunity_id=1,
            opportunity_title="Senior Data Engineer at Northwind Analytics",
        ),
        Action(
            "questions:i7",
            "questions",
            "Prepare questions for Élodie Brûlé",
            "Interview Thursday 13:00; prepare 2 more",
            NOW + timedelta(days=1, hours=-2),
            ActionState.UPCOMING,
            priority=3,
            draftable=False,
        ),
    ]


def test_ics_parses_back_with_todos_events_and_alarms_at_the_due_times():
    calendar = Calendar.from_ical(actions_calendar(actions(), NOW))
    todos = calendar.walk("VTODO")
    events = calendar.walk("VEVENT")
    assert [str(t["UID"]) for t in todos] == ["thank-you:i3:p1@topofmind", "questions:i7@topofmind"]
    assert todos[0].decoded("DUE") == NOW + timedelta(hours=1)
    assert int(todos[0]["PRIORITY"]) == 1 and int(todos[1]["PRIORITY"]) == 5
    assert "tom draft thank-you:i3:p1" in str(todos[0]["DESCRIPTION"])
    assert "tom draft" not in str(todos[1]["DESCRIPTION"])
    assert str(todos[1]["SUMMARY"]) == "Prepare questions for Élodie Brûlé"
    # A calendar shows only the summary: it names the opportunity too.
    thanks = "Thank Dana Ruiz for the interview — Senior Data Engineer at Northwind Analytics"
    assert str(todos[0]["SUMMARY"]) == thanks == str(events[0]["SUMMARY"])
    for event, action in zip(events, actions(), strict=True):
        fired = [alarm.trigger for alarm in event.alarms.times]
        assert fired == [action.due], event["SUMMARY"]
        assert event.decoded("DTSTART") == action.due


def test_uids_are_stable_so_a_refresh_updates_instead_of_duplicating():
    first = Calendar.from_ical(actions_calendar(actions(), NOW))
    later = Calendar.from_ical(actions_calendar(actions(), NOW + timedelta(minutes=30)))
    assert [c["UID"] for c in first.subcomponents] == [c["UID"] for c in later.subcomponents]


def test_an_empty_agenda_is_still_a_valid_calendar():
    calendar = Calendar.from_ical(actions_calendar([], NOW))
    assert calendar["PRODID"] and calendar.walk("VTODO") == []
