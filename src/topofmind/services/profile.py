"""The profile: who is searching, their addresses, zone, goals and working days."""

from __future__ import annotations

from datetime import time

from topofmind.domain.records import (
    Profile,
)
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.when import zone
from topofmind.store import profiles as profile_store


def init_profile(
    ctx: Context,
    name: str,
    emails: list[str],
    tz: str,
    goals: list[str] | None = None,
    work_start: str | None = None,
    work_end: str | None = None,
    work_days: list[int] | None = None,
) -> tuple[Profile, bool]:
    """Create the profile, or update the values given; returns (profile, created)."""
    zone(tz)  # raises InvalidValue for an unknown zone
    if not name.strip():
        raise InvalidValue("Your name cannot be empty.", field="name")
    for address in emails:
        if "@" not in address:
            raise InvalidValue(f"'{address}' is not an email address.")
    with ctx.db.begin() as conn:
        existing = profile_store.get_profile(conn)
        profile = existing or Profile(name=name.strip())
        profile.name = name.strip()
        if emails:
            profile.emails = list(dict.fromkeys(e.strip().lower() for e in emails))
        profile.timezone = tz
        if goals is not None:
            profile.goals = goals
        if work_start:
            profile.work_start = _clock(work_start)
        if work_end:
            profile.work_end = _clock(work_end)
        if work_days is not None:
            profile.work_days = work_days
        profile_store.save_profile(conn, profile)
    ctx.forget_profile()
    return profile, existing is None


FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


DAY_NAMES = tuple(name[:3] for name in FULL_DAY_NAMES)


def work_days_from(text: str) -> list[int]:
    """Weekday numbers (Monday 0) from ``mon-fri``, ``sun-thu`` or ``mon,wed,fri``.

    A range runs forward through the week and may wrap past Sunday.
    """
    days: list[int] = []
    for part in (p.strip() for p in text.lower().split(",")):
        first, dash, last = (word.strip() for word in part.partition("-"))
        if not first or (dash and not last):
            raise InvalidValue(f"'{text}' leaves out a day.", field="work_days")
        start, end = _day_number(first), _day_number(last) if last else None
        span = (end - start) % 7 if end is not None else 0
        days.extend((start + step) % 7 for step in range(span + 1))
    return sorted(set(days))


def _day_number(word: str) -> int:
    """A weekday from its name or the first three letters or more of it."""
    for number, full in enumerate(FULL_DAY_NAMES):
        if len(word) >= 3 and full.startswith(word):
            return number
    raise InvalidValue(f"'{word}' is not a day of the week.", field="work_days")


def work_days_words(days: list[int]) -> str:
    """``Mon–Fri`` for a run of three or more days in a row (``Sun–Thu`` wraps), else a list."""
    chosen = sorted(set(days))
    for start in chosen:
        run = [(start + step) % 7 for step in range(len(chosen))]
        if len(chosen) >= 3 and sorted(run) == chosen:
            return f"{DAY_NAMES[run[0]].title()}–{DAY_NAMES[run[-1]].title()}"
    return ", ".join(DAY_NAMES[d].title() for d in chosen) or "no days"


def _clock(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise InvalidValue(f"'{text}' is not a time of day such as 09:00.") from None


def update_profile(ctx: Context, profile: Profile) -> Profile:
    with ctx.db.begin() as conn:
        profile_store.save_profile(conn, profile)
    ctx.forget_profile()
    return profile
