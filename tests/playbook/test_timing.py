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
