"""Working time: business days, working hours and the profile's zone."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from situations import NY, PROFILE

from topofmind.domain.records import Profile
from topofmind.playbook.timing import (
    add_business_days,
    clamp_to_working_hours,
    next_working_moment,
    previous_working_moment,
    working_moment,
    working_moment_before,
)


def ny(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NY)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2026-11-24T09:12", 1, "2026-11-25T09:12"),  # Tuesday -> Wednesday
        ("2026-11-27T17:30", 1, "2026-11-30T17:30"),  # Friday 17:30 -> Monday, not Saturday
        ("2026-11-27T20:00", 1, "2026-11-30T17:30"),  # after hours: end of Monday
        ("2026-11-28T10:00", 1, "2026-11-30T10:00"),  # Saturday -> Monday
        ("2026-11-26T07:00", 2, "2026-11-30T09:00"),  # before hours: start of the day
        ("2026-11-28T10:00", 0, "2026-11-30T10:00"),  # zero days on a weekend: next working day
    ],
)
def test_add_business_days(start, days, due):
    assert add_business_days(ny(start), days, PROFILE) == ny(due)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-24T10:00", "2026-11-24T10:00"),
        ("2026-11-24T07:00", "2026-11-24T09:00"),
        ("2026-11-24T18:00", "2026-11-25T09:00"),
        ("2026-11-27T18:00", "2026-11-30T09:00"),
        ("2026-11-29T12:00", "2026-11-30T09:00"),
    ],
)
def test_next_working_moment(moment, expected):
    assert next_working_moment(ny(moment), PROFILE) == ny(expected)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-24T10:00", "2026-11-24T10:00"),
        ("2026-11-24T18:00", "2026-11-24T17:30"),
        ("2026-11-24T07:00", "2026-11-23T17:30"),
        ("2026-11-28T12:00", "2026-11-27T17:30"),
    ],
)
def test_previous_working_moment(moment, expected):
    assert previous_working_moment(ny(moment), PROFILE) == ny(expected)


@pytest.mark.parametrize(
    ("moment", "earlier", "expected"),
    [
        ("2026-11-24T10:00", False, "2026-11-24T10:00"),  # a working Tuesday morning stays
        ("2026-11-28T15:00", False, "2026-11-30T15:00"),  # Saturday -> Monday, same clock
        ("2026-11-28T15:00", True, "2026-11-27T15:00"),  # or the Friday before
        ("2026-11-29T20:00", False, "2026-11-30T17:30"),  # Sunday evening -> Monday's end
        ("2026-11-24T07:00", True, "2026-11-24T09:00"),  # before hours: that day's start
    ],
)
def test_working_moment(moment, earlier, expected):
    assert working_moment(ny(moment), PROFILE, earlier=earlier) == ny(expected)


def test_working_moment_before_keeps_the_moment_when_working_time_is_too_late():
    # Two hours before an 08:30 interview is 06:30; the day's start (09:00) is too late.
    interview = ny("2026-11-24T08:30")
    assert working_moment_before(ny("2026-11-24T06:30"), interview, PROFILE) == ny(
        "2026-11-24T06:30"
    )
    # A day before a Monday interview is Sunday: the Friday before, same clock.
    monday = ny("2026-11-30T13:00")
    assert working_moment_before(ny("2026-11-29T13:00"), monday, PROFILE) == ny("2026-11-27T13:00")


def test_clamp_keeps_the_day():
    assert clamp_to_working_hours(ny("2026-11-24T22:00"), PROFILE) == ny("2026-11-24T17:30")


def test_in_the_profiles_zone():
    berlin = Profile("B", timezone="Europe/Berlin", work_start=time(8), work_end=time(16))
    # 17:00 UTC on a Friday is 18:00 in Berlin: after hours, so Monday 08:00 there.
    moment = datetime.fromisoformat("2026-11-27T17:00+00:00")
    assert next_working_moment(moment, berlin).isoformat() == "2026-11-30T08:00:00+01:00"


def test_custom_work_days():
    sunday_to_thursday = Profile("S", timezone="America/New_York", work_days=[6, 0, 1, 2, 3])
    # Thursday 17:30 plus one business day is Sunday.
    due = add_business_days(ny("2026-11-26T17:30"), 1, sunday_to_thursday)
    assert due == ny("2026-11-29T17:30")
