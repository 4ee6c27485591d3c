"""The due actions as an iCalendar file calendar programs subscribe to.

Each open action becomes a VTODO (due at its due time, with its priority and the
reason why) and a short VEVENT at the due time whose VALARM fires then, so the
reminder shows up in calendars that ignore tasks. UIDs are the action ids, so a
calendar refreshing the file updates entries instead of duplicating them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, Todo

from topofmind.domain.actions import Action

#: How long the calendar entry for an action lasts.
EVENT_MINUTES = 15
#: Calendars re-read the file this often.
REFRESH = timedelta(hours=1)


def _priority(priority: int) -> int:
    """Action priority 1 (most urgent) to 5, as iCalendar's 1 (high) to 9 (low)."""
    return {1: 1, 2: 3, 3: 5, 4: 7, 5: 9}.get(priority, 5)


def actions_calendar(
    actions: list[Action], now: datetime, name: str = "topofmind", url: str = ""
) -> bytes:
    """An iCalendar document with a VTODO and an alarmed VEVENT per action."""
    calendar = Calendar()
    calendar.add("prodid", "-//topofmind//actions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for action in actions:
        description = action.why
        if action.draftable:
            description += f"\n\nDraft: tom draft {action.id}"
        todo = Todo()
        todo.add("uid", f"{action.id}@topofmind")
        todo.add("dtstamp", now)
        todo.add("summary", action.headline)
        todo.add("description", description)
        todo.add("due", action.due)
        todo.add("priority", _priority(action.priority))
        todo.add("status", "NEEDS-ACTION")
        todo.add("categories", [action.rule])
        if url:
            todo.add("url", url)
        calendar.add_component(todo)

        event = Event()
        event.add("uid", f"{action.id}/reminder@topofmind")
        event.add("dtstamp", now)
        event.add("summary", action.headline)
        event.add("description", description)
        event.add("dtstart", action.due)
        event.add("dtend", action.due + timedelta(minutes=EVENT_MINUTES))
        event.add("transp", "TRANSPARENT")
        event.add("categories", [action.rule])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", action.headline)
        alarm.add("trigger", timedelta(0), parameters={"RELATED": "START"})
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
