"""Working time: due moments that fall on the person's working days and hours, in their zone.

Pure functions of a moment and the profile's ``timezone``, ``work_start``,
``work_end`` and ``work_days``; nothing here reads the clock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from topofmind.domain.moments import zone as zone_named
from topofmind.domain.records import Profile


def zone_of(profile: Profile) -> ZoneInfo:
    return zone_named(profile.timezone)


def local(moment: datetime, profile: Profile) -> datetime:
    return moment.astimezone(zone_of(profile))


def is_working_day(day: date, profile: Profile) -> bool:
    return day.weekday() in (profile.work_days or [0, 1, 2, 3, 4])


def at_local(day: date, clock: time, profile: Profile) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone_of(profile))


def next_working_day(day: date, profile: Profile) -> date:
    """The first working day after ``day``."""
    day += timedelta(days=1)
    for _ in range(7):
        if is_working_day(day, profile):
            return day
        day += timedelta(days=1)
    return day  # no working days at all: any day will do


def next_working_moment(moment: datetime, profile: Profile) -> datetime:
    """``moment`` if it falls in working hours, else the start of the next working period."""
    here = local(moment, profile)
    day = here.date()
    if is_working_day(day, profile):
        if here.time() < profile.work_start:
            return at_local(day, profile.work_start, profile)
        if here.time() <= profile.work_end:
            return here
    return at_local(next_working_day(day, profile), profile.work_start, profile)


def previous_working_day(day: date, profile: Profile) -> date:
    """The last working day before ``day``."""
    day -= timedelta(days=1)
    for _ in range(7):
        if is_working_day(day, profile):
            return day
        day -= timedelta(days=1)
    return day


def previous_working_moment(moment: datetime, profile: Profile) -> datetime:
    """``moment`` if it falls in working hours, else the end of the working period before it."""
    here = local(moment, profile)
    day = here.date()
    if is_working_day(day, profile):
        if here.time() > profile.work_end:
            return at_local(day, profile.work_end, profile)
        if here.time() >= profile.work_start:
            return here
    return at_local(previous_working_day(day, profile), profile.work_end, profile)


def clamp_to_working_hours(moment: datetime, profile: Profile) -> datetime:
    """The same working day's start or end when ``moment`` falls before or after hours."""
    here = local(moment, profile)
    if here.time() < profile.work_start:
        return at_local(here.date(), profile.work_start, profile)
    if here.time() > profile.work_end:
        return at_local(here.date(), profile.work_end, profile)
    return here


def working_moment(moment: datetime, profile: Profile, *, earlier: bool = False) -> datetime:
    """``moment`` on a working day and inside its hours, at the same clock time if it can be.

    A day off moves to the next working day (the one before when ``earlier``); a time
    before or after hours moves to that day's start or end. A thank-you 24 hours after
    a Friday 15:00 interview is due Monday at 15:00; questions to prepare 24 hours
    before a Monday 13:00 interview, ``earlier``, are due Friday at 13:00.
    """
    here = local(moment, profile)
    day = here.date()
    if not is_working_day(day, profile):
        day = previous_working_day(day, profile) if earlier else next_working_day(day, profile)
    return clamp_to_working_hours(
        at_local(day, here.timetz().replace(tzinfo=None), profile), profile
    )


def working_moment_before(moment: datetime, start: datetime, profile: Profile) -> datetime:
    """``moment`` moved into working time, earlier on a day off, and kept before ``start``.

    For what must be done before an appointment (preparing for an interview): when
    working time before ``start`` cannot hold it, ``moment`` itself is kept.
    """
    moved = working_moment(moment, profile, earlier=True)
    return moved if moved < start else moment


def add_business_days(moment: datetime, days: int, profile: Profile) -> datetime:
    """``days`` working days after ``moment``, at the same clock time kept inside working hours.

    A question that arrives Friday at 17:30 with one business day to answer is due
    Monday at 17:30, not Saturday.
    """
    here = local(moment, profile)
    day = here.date()
    for _ in range(max(days, 0)):
        day = next_working_day(day, profile)
    return working_moment(at_local(day, here.timetz().replace(tzinfo=None), profile), profile)


def end_of_work_day(moment: datetime, profile: Profile) -> datetime:
    """The end of the working day ``moment`` falls in, or of the next one when it falls
    after hours or on a day off: by when something learned at ``moment`` can be done."""
    here = local(moment, profile)
    day = here.date()
    if not is_working_day(day, profile) or here.time() >= profile.work_end:
        day = next_working_day(day, profile)
    return at_local(day, profile.work_end, profile)


def end_of_day(moment: datetime, profile: Profile) -> datetime:
    """The end of the local day of ``moment`` (midnight after it)."""
    return _end_of_day(moment, profile.timezone)


@lru_cache(maxsize=64)
def _end_of_day(moment: datetime, timezone: str) -> datetime:
    """``end_of_day`` by time zone: every action of one run asks it of the same ``now``."""
    zone = zone_named(timezone)
    day = moment.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(day, time(0, 0), tzinfo=zone)
