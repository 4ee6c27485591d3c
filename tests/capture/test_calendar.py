"""Calendar invites to interactions: zones, recurrences, cancellations, who attends."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import NOW
from topofmind.capture.calendar import (
    CalendarOptions,
    event_kind,
    join_link,
    read_calendar,
    repair_folding,
)
from topofmind.capture.items import CapturedInteraction, Problem, Skipped
from topofmind.domain.enums import InteractionKind
from topofmind.errors import BadFile

DATA = Path(__file__).parent.parent / "data" / "ics"
NY = ZoneInfo("America/New_York")
OPTIONS = CalendarOptions(
    now=NOW,
    own_emails=frozenset({"jordan.lee@example.com"}),
    default_tz=NY,
    known_domains=frozenset({"northwind.io"}),
)


def read(name: str, options: CalendarOptions = OPTIONS) -> list:
    return list(read_calendar((DATA / name).read_bytes(), name, options))


def interactions(items: list) -> list[CapturedInteraction]:
    return [i for i in items if isinstance(i, CapturedInteraction)]


def test_outlook_invite_with_windows_zone_and_no_vtimezone():
    [invite] = read("outlook_invite.ics")
    assert invite.at == datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert invite.at.utcoffset().total_seconds() == -8 * 3600
    assert invite.ends_at - invite.at == (invite.ends_at - invite.at).__class__(hours=1)
    assert invite.kind is InteractionKind.INTERVIEW
    assert invite.scheduled is True
    assert invite.sequence == 0 and invite.cancelled is False
    assert invite.location.startswith("Microsoft Teams Meeting · https://teams.microsoft.com/l/")


def test_the_job_seeker_and_rooms_are_not_among_the_people():
    [invite] = read("outlook_invite.ics")
    assert [(p.name, p.emails) for p in invite.people] == [
        ("Dana Ruiz", ["dana.ruiz@acme.com"]),
        ("Sam Okafor", ["sam.okafor@acme.com"]),
    ]


def test_update_and_cancellation_keep_the_identity_and_raise_the_sequence():
    [first] = read("outlook_invite.ics")
    [moved] = read("outlook_update.ics")
    [cancelled] = read("outlook_cancel.ics")
    assert first.external_id == moved.external_id == cancelled.external_id
    assert (moved.sequence, moved.at.hour, moved.at.day) == (1, 14, 2)
    assert cancelled.cancelled is True and cancelled.sequence == 2


def test_recurrence_is_expanded_within_the_window_without_excluded_dates():
    weekly = [
        i for i in interactions(read("google_calendar.ics")) if i.external_id.startswith("weekly")
    ]
    days = [i.at.date().isoformat() for i in weekly]
    assert days == ["2026-11-03", "2026-11-17", "2026-11-24", "2026-12-01", "2026-12-08"]
    assert len({i.external_id for i in weekly}) == 5
    assert [i.scheduled for i in weekly] == [False, False, False, True, True]
    assert weekly[0].location == "https://us02web.zoom.us/j/81234567890?pwd=abc"


def test_recurrences_outside_the_window_are_not_expanded():
    narrow = CalendarOptions(**{**OPTIONS.__dict__, "days_back": 2, "days_ahead": 8})
    weekly = [
        i
        for i in interactions(read("google_calendar.ics", narrow))
        if i.external_id.startswith("weekly")
    ]
    assert [i.at.date().isoformat() for i in weekly] == ["2026-11-24", "2026-12-01"]


def test_broken_line_folding_is_repaired():
    weekly = next(i for i in interactions(read("google_calendar.ics")) if "weekly" in i.external_id)
    assert weekly.summary == (
        "We will go over where each of your applications stands and what "
        "the next steps are. This line was folded without the leading space."
    )


def test_floating_times_and_all_day_events_are_taken_in_the_profile_zone():
    items = {i.external_id: i for i in interactions(read("google_calendar.ics"))}
    screen = items["floating-screen@google.com"]
    assert screen.at == datetime(2026, 11, 20, 11, 0, tzinfo=NY)
    assert screen.kind is InteractionKind.PHONE_SCREEN
    day = items["allday-career-fair@google.com"]
    assert day.at == datetime(2026, 12, 10, 0, 0, tzinfo=NY)
    assert (day.ends_at - day.at).days == 1


def test_unrelated_events_are_skipped_and_broken_ones_reported():
    items = read("google_calendar.ics")
    skipped = {s.where.split("event ")[-1]: s.why for s in items if isinstance(s, Skipped)}
    problems = [p for p in items if isinstance(p, Problem)]
    assert skipped["Dentist"] == "no one else attends and nothing says it is an interview"
    assert "known person" in skipped["Catch up"]
    assert [p.why for p in problems] == ["it has no start time (DTSTART)"]
    assert "Interview with nobody knows when" in problems[0].where


def test_a_meeting_with_a_known_person_is_kept_with_its_meet_link():
    options = CalendarOptions(
        **{**OPTIONS.__dict__, "known_emails": frozenset({"alex@initech.com"})}
    )
    items = {i.external_id: i for i in interactions(read("google_calendar.ics", options))}
    catch_up = items["meet-with-known@google.com"]
    assert catch_up.kind is InteractionKind.MEETING
    assert catch_up.location == "https://meet.google.com/abc-defg-hij"


def test_a_file_that_is_not_a_calendar_is_refused():
    with pytest.raises(BadFile, match="not an iCalendar file"):
        read("not_a_calendar.ics")


@pytest.mark.parametrize(
    ("summary", "domains", "expected"),
    [
        ("Interview: Senior Data Analyst", set(), InteractionKind.INTERVIEW),
        ("Final round with the team", set(), InteractionKind.INTERVIEW),
        ("Phone screen - Globex", set(), InteractionKind.PHONE_SCREEN),
        ("Recruiter screen", set(), InteractionKind.PHONE_SCREEN),
        ("Informational interview with Lee", set(), InteractionKind.INFORMATIONAL_INTERVIEW),
        ("Coffee chat", set(), InteractionKind.INFORMATIONAL_INTERVIEW),
        ("Chat with Dana", {"acme.com"}, InteractionKind.INTERVIEW),
        ("Chat with Dana", {"other.com"}, InteractionKind.MEETING),
        ("Screensaver review", set(), InteractionKind.MEETING),
    ],
)
def test_event_kind(summary, domains, expected):
    assert event_kind(summary, "", domains, {"acme.com"}) is expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Please share your screen when we start.", InteractionKind.MEETING),
        ("The control panel is on the left.", InteractionKind.MEETING),
        ("This is a 30-minute recruiter screen.", InteractionKind.PHONE_SCREEN),
        ("Your interview with the team.", InteractionKind.INTERVIEW),
    ],
)
def test_event_kind_reads_the_description_only_for_unambiguous_words(description, expected):
    assert event_kind("Chat", description, set(), set()) is expected


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Join: https://acme.zoom.us/j/123456?pwd=x.", "https://acme.zoom.us/j/123456?pwd=x"),
        ("<https://meet.google.com/abc-defg-hij>", "https://meet.google.com/abc-defg-hij"),
        (
            "https://teams.microsoft.com/l/meetup-join/19%3a",
            "https://teams.microsoft.com/l/meetup-join/19%3a",
        ),
        ("https://example.com/not-a-call", ""),
    ],
)
def test_join_link(text, link):
    assert join_link(text) == link


def test_repair_folding_keeps_proper_folds_and_joins_broken_ones():
    text = "BEGIN:VEVENT\r\nDESCRIPTION:one\r\n two\r\nthree\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
    assert (
        repair_folding(text)
        == "BEGIN:VEVENT\r\nDESCRIPTION:onetwothree\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
    )


def test_exchange_zone_names_with_their_own_vtimezone_in_windows_1252():
    berlin, unknown = interactions(read("exchange_cp1252.ics"))
    assert berlin.subject == "Vorstellungsgespräch / Interview – Globex"
    assert berlin.at.utcoffset().total_seconds() == 3600
    assert berlin.at.astimezone(ZoneInfo("UTC")).hour == 15
    assert [p.name for p in berlin.people] == ["Jürgen Müller"]
    # A zone nobody knows is taken as the profile's, like a floating time.
    assert unknown.at == datetime(2026, 12, 4, 10, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("cut", "why", "events"),
    [
        (-15, "what came after its last complete event may be missing", 9),
        (-30, "its last event was incomplete and is not imported", 8),
        (1500, "its last event was incomplete and is not imported", 6),
        (400, "its last time zone was incomplete and is not imported", 0),
    ],
)
def test_a_truncated_file_keeps_its_complete_events_and_says_so(cut, why, events):
    data = (DATA / "google_calendar.ics").read_bytes()
    items = list(read_calendar(data[:cut], "cut.ics", OPTIONS))
    assert items[0] == Problem("cut.ics", f"the file ends early (truncated); {why}")
    assert len([i for i in items if not isinstance(i, Problem)]) == events


def test_an_event_repeating_every_minute_is_read_only_so_far_and_says_so():
    text = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:every-minute@northwind.io\r\nDTSTAMP:20261120T090000Z\r\n"
        b"DTSTART:20261123T090000Z\r\nDTEND:20261123T090100Z\r\n"
        b"RRULE:FREQ=MINUTELY;COUNT=100000\r\nSUMMARY:Interview loop\r\n"
        b"ORGANIZER:mailto:dana@northwind.io\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    items = list(read_calendar(text, "minutely.ics", OPTIONS))
    assert len(interactions(items)) == 400
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert "repeats more than 400 times" in problem.why
    assert "only the first 400 are imported" in problem.why


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=SECONDLY;INTERVAL=7",
        "FREQ=MINUTELY;BYSETPOS=1,2,3;BYSECOND=1,2",
        "FREQ=HOURLY;BYMINUTE=0,15,30,45",
    ],
)
def test_a_rule_repeating_more_often_than_daily_in_the_window_is_read_in_steps(rule):
    import time

    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:often@northwind.io\r\n"
        f"DTSTART:20261201T150000Z\r\nRRULE:{rule}\r\nSUMMARY:Interview loop\r\n"
        "ORGANIZER:mailto:dana@northwind.io\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    began = time.monotonic()
    items = list(read_calendar(text, "often.ics", OPTIONS))
    assert time.monotonic() - began < 5
    assert len(interactions(items)) == 400
    assert min(i.at for i in interactions(items)) >= datetime(
        2026, 12, 1, 15, tzinfo=ZoneInfo("UTC")
    )


def repeating(rule: str, start: str = "20260101T090000Z", attendees: int = 1) -> bytes:
    people = "".join(f"ATTENDEE:mailto:p{n}@northwind.io\r\n" for n in range(attendees))
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:rule@northwind.io\r\n"
        f"DTSTART:{start}\r\nRRULE:{rule}\r\nSUMMARY:Interview loop\r\n{people}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize(
    "rule, why",
    [
        ("FREQ=DAILY;BYSETPOS=2", "repeats on a position no daily period has (BYSETPOS=2)"),
        ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2", "repeats on a position no weekly period has"),
        ("FREQ=HOURLY;BYSETPOS=-2", "repeats on a position no hourly period has"),
        ("FREQ=DAILY;BYYEARDAY=366;BYMONTH=1", "repeats on days that never come"),
        ("FREQ=WEEKLY;BYWEEKNO=20;BYMONTH=1", "repeats on days that never come"),
        (
            "FREQ=DAILY;BYHOUR=" + ",".join(map(str, range(24))) + ";BYMINUTE=0,10,20,30,40,50",
            "repeats every 600 seconds (FREQ=DAILY) since 2000-01-01: too many repetitions",
        ),
    ],
)
def test_a_rule_that_would_search_for_minutes_is_refused_within_the_budget(rule, why):
    import time

    start = "20000101T090000Z" if "BYHOUR" in rule else "20260101T090000Z"
    began = time.monotonic()
    items = list(read_calendar(repeating(rule, start), "rule.ics", _budget(1)))
    assert time.monotonic() - began < 4
    (problem,) = items
    assert why in problem.why


def _budget(seconds: float) -> CalendarOptions:
    from dataclasses import replace

    return replace(OPTIONS, budget_seconds=seconds)


def test_a_repeating_meeting_of_many_records_at_most_the_attendances_a_calendar_takes():
    items = list(read_calendar(repeating("FREQ=HOURLY", "20261201T150000Z", 150), "b.ics", OPTIONS))
    kept = interactions(items)
    assert len(kept) == 5_000 // 150
    assert all(len(i.people) == 150 for i in kept)
    problems = [i.why for i in items if isinstance(i, Problem)]
    assert (
        "repeats 400 times with 150 people; only the first 33 are imported (a calendar "
        "records at most 5,000 attendances of repeating events)"
    ) in problems


@pytest.mark.parametrize(
    "end, why",
    [
        ("20261124T150000Z", "repeats but ends before it starts (DTEND before DTSTART)"),
        ("20270101T150000Z", "repeats but lasts longer than 400 of its repetitions"),
    ],
)
def test_a_repeating_event_whose_length_would_widen_every_step_is_refused(end, why):
    import time

    text = repeating("FREQ=MINUTELY", "20261201T150000Z").replace(
        b"RRULE:", f"DTEND:{end}\r\nRRULE:".encode()
    )
    began = time.monotonic()
    items = list(read_calendar(text, "long.ics", _budget(1)))
    assert time.monotonic() - began < 4
    assert [i.why for i in items] == [why]
