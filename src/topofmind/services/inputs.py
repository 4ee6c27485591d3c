"""Reading what a person typed: a choice among an enum's values, a moment, a rating,
today. Used by every use case that records, so the CLI and the web app read alike."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import TypeVar

from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.when import Leaning, parse_when, zone

E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], text: str, what: str) -> E:
    """An enum member from its value, forgiving case and underscores."""
    cleaned = text.strip().lower().replace("_", "-").replace(" ", "-")
    for member in enum:
        if cleaned in {member.value, member.name.lower().replace("_", "-")}:
            return member
    choices = ", ".join(m.value for m in enum)
    raise InvalidValue(f"Unknown {what} '{text}'. Choose one of: {choices}.")


def moment(
    ctx: Context,
    text: str | None,
    default: datetime | None = None,
    default_time: time = time(9, 0),
    leaning: Leaning = "current",
) -> datetime:
    if not text:
        return default or ctx.now
    parsed = parse_when(text, ctx.now, ctx.timezone, default_time, leaning)
    if parsed.assumed_zone:
        ctx.notice(f"'{text}' has no time zone; taken in your zone {ctx.timezone}.")
    return parsed.moment


def rating(value: int, what: str) -> int:
    """A priority or excitement from 1 to 5."""
    if not 1 <= value <= 5:
        raise InvalidValue(f"{what} must be from 1 to 5, not {value}.")
    return value


def today(ctx: Context) -> date:
    return ctx.now.astimezone(zone(ctx.timezone)).date()
