"""Moments as people type them (services/when.py), read against a fixed ``now``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from topofmind.errors import InvalidValue
from topofmind.services.when import current_time, parse_date, parse_when, zone

NY = ZoneInfo("America/New_York")
#: Tuesday 24 November 2026, 15:00 in New York.
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "expected", "assumed"),
    [
        ("now", NOW, False),
        ("+2d", datetime(2026, 11, 26, 15, 0, tzinfo=NY), False),
        ("-3h", datetime(2026, 11, 24, 12, 0, tzinfo=NY), False),
        ("+90m", datetime(2026, 11, 24, 16, 30, tzinfo=NY), False),
        ("+1w", datetime(2026, 12, 1, 15, 0, tzinfo=NY), False),
        ("today 15:30", datetime(2026, 11, 24, 15, 30, tzinfo=NY), False),
        ("tomorrow", datetime(2026, 11, 25, 9, 0, tzinfo=NY), False),
        ("yesterday 3pm", datetime(2026, 11, 23, 15, 0, tzinfo=NY), False),
        ("friday", datetime(2026, 11, 27, 9, 0, tzinfo=NY), False),
        ("Tue 10am", datetime(2026, 11, 24, 10, 0, tzinfo=NY), False),
        ("mon 12am", datetime(2026, 11, 30, 0, 0, tzinfo=NY), False),
        ("2026-11-30", datetime(2026, 11, 30, 9, 0, tzinfo=NY), True),
        ("2026-11-30 14:15", datetime(2026, 11, 30, 14, 15, tzinfo=NY), True),
        ("2026-11-30T14:15:00+01:00", datetime(2026, 11, 30, 13, 15, tzinfo=UTC), False),
        ("2026-11-30T14:15Z", datetime(2026, 11, 30, 14, 15, tzinfo=UTC), False),
    ],
)
def test_parse_when(text, expected, assumed):
    parsed = parse_when(text, NOW, "America/New_York")
    assert parsed.moment == expected
    assert parsed.moment.tzinfo is not None
    assert parsed.assumed_zone is assumed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5pm", datetime(2026, 11, 24, 17, 0, tzinfo=NY)),
        ("17:00", datetime(2026, 11, 24, 17, 0, tzinfo=NY)),
        ("next week", datetime(2026, 12, 1, 15, 0, tzinfo=NY)),
        ("in 2 days", datetime(2026, 11, 26, 15, 0, tzinfo=NY)),
        ("in an hour", datetime(2026, 11, 24, 16, 0, tzinfo=NY)),
        ("3 dec 2pm", datetime(2026, 12, 3, 14, 0, tzinfo=NY)),
        ("December 3rd", datetime(2026, 12, 3, 9, 0, tzinfo=NY)),  # a day: the default time
        ("last friday", datetime(2026, 11, 20, 9, 0, tzinfo=NY)),
        ("next monday at 10am", datetime(2026, 11, 30, 10, 0, tzinfo=NY)),
        ("2 weeks ago", datetime(2026, 11, 10, 15, 0, tzinfo=NY)),
    ],
)
def test_everyday_english(text, expected):
    assert parse_when(text, NOW, "America/New_York").moment == expected


#: Friday 27 November 2026, 18:00 in New York.
FRIDAY_EVENING = datetime(2026, 11, 27, 18, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("friday", FRIDAY_EVENING, datetime(2026, 12, 4, 9, 0, tzinfo=NY)),
        ("friday 3pm", FRIDAY_EVENING, datetime(2026, 12, 4, 15, 0, tzinfo=NY)),
        ("5pm", FRIDAY_EVENING, datetime(2026, 11, 28, 17, 0, tzinfo=NY)),
        ("19:00", FRIDAY_EVENING, datetime(2026, 11, 27, 19, 0, tzinfo=NY)),
        ("friday", NOW, datetime(2026, 11, 27, 9, 0, tzinfo=NY)),
    ],
)
def test_leaning_to_the_future_takes_the_next_one_ahead(text, now, expected):
    assert parse_when(text, now, "America/New_York", leaning="future").moment == expected


#: Monday 30 November 2026, 10:00 in New York.
MONDAY_MORNING = datetime(2026, 11, 30, 10, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", datetime(2026, 11, 27, 9, 0, tzinfo=NY)),  # the Friday just gone
        ("sunday 4pm", datetime(2026, 11, 29, 16, 0, tzinfo=NY)),
        ("monday 3pm", datetime(2026, 11, 30, 15, 0, tzinfo=NY)),  # today stays today
        ("5pm", datetime(2026, 11, 30, 17, 0, tzinfo=NY)),
        ("dec 3", datetime(2026, 12, 3, 9, 0, tzinfo=NY)),  # not last year's
    ],
)
def test_leaning_to_the_past_takes_the_last_weekday_behind(text, expected):
    parsed = parse_when(text, MONDAY_MORNING, "America/New_York", leaning="past")
    assert parsed.moment == expected


def test_a_moment_without_zone_is_taken_in_the_zone_given():
    parsed = parse_when("2026-11-30 14:15", NOW, "Asia/Tokyo")
    assert parsed.moment == datetime(2026, 11, 30, 5, 15, tzinfo=UTC)


def test_a_bare_date_uses_the_default_time():
    parsed = parse_when("2026-11-30", NOW, "UTC", default_time=time(17, 30))
    assert parsed.moment == datetime(2026, 11, 30, 17, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a real moment (day is out of range for month)"),
        ("2026-02-30 10:00", "is not a real moment"),
        ("2026-11-24T25:00", "hour must be in 0..23"),
        ("someday", "not a date or time I can read"),
        ("", "not a date or time I can read"),
        ("friday 25:00", "is not a time of day"),
        ("today at noon", "is not a time of day"),
        ("+5y", "not a date or time I can read"),
        ("5y", "not a date or time I can read"),  # not guessed as five years ago
        ("12", "not a date or time I can read"),  # nor a lone number as a date
        ("end of week", "not a date or time I can read"),
    ],
)
def test_parse_when_refuses_with_a_hint(text, message):
    with pytest.raises(InvalidValue, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_when(text, NOW, "America/New_York")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30", date(2026, 11, 30)),
        ("tomorrow", date(2026, 11, 25)),
        ("friday", date(2026, 11, 27)),
        ("-1d", date(2026, 11, 23)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, NOW, "America/New_York") == expected


def test_parse_date_names_an_impossible_date():
    with pytest.raises(InvalidValue, match="not a real date"):
        parse_date("2026-13-01", NOW, "UTC")


def test_late_evening_in_new_york_is_already_tomorrow_in_tokyo():
    late = datetime(2026, 11, 24, 23, 0, tzinfo=NY)
    assert parse_date("today", late, "Asia/Tokyo") == date(2026, 11, 25)


def test_unknown_zone():
    with pytest.raises(InvalidValue, match="Unknown time zone 'Mars/Base'"):
        zone("Mars/Base")


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("2026-11-24T15:00:00-05:00", datetime(2026, 11, 24, 20, 0, tzinfo=UTC)),
        ("2026-11-24T15:00:00", datetime(2026, 11, 24, 15, 0, tzinfo=UTC)),
    ],
)
def test_current_time_from_override(override, expected):
    assert current_time(override) == expected


def test_current_time_reads_tom_now(monkeypatch):
    monkeypatch.setenv("TOM_NOW", "2030-01-01T00:00:00+00:00")
    assert current_time() == datetime(2030, 1, 1, tzinfo=UTC)


def test_current_time_refuses_nonsense():
    with pytest.raises(InvalidValue, match="not an ISO 8601 moment"):
        current_time("next tuesday")
