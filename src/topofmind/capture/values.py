"""Values a file may hold that the record cannot: made fit, or the item refused.

Files written by other programs, or by someone meaning harm, carry NUL bytes, lone
UTF-16 surrogates, dates in the year 9999 or 0001, numbers longer than any column,
NaN and links that run code. Every captured item passes through ``fit_item`` before
it is written: text is made printable (NUL and control characters dropped, lone
surrogates replaced), links other than http, https and mailto are dropped, numbers
are brought within the columns' range, and an item whose moment lies outside
``EARLIEST`` … ``LATEST`` is refused with a short reason. The same happens on
SQLite and PostgreSQL, so a file imports the same way on both.

Pure: no database, no clock.
"""

from __future__ import annotations

import math
import re
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Any

#: Moments outside these years are refused: no job search happened before, and a date
#: past them is a typo or an attack (converting the year 9999 to UTC overflows).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
#: The largest whole number a column holds on both databases (PostgreSQL's integer).
MAX_INT = 2**31 - 1
#: Nested lists and objects read at most this deep in a JSON value kept as it is.
MAX_DEPTH = 20
#: The schemes a link may have to be stored or shown.
SAFE_SCHEMES = ("http://", "https://", "mailto:")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class OutOfRange(ValueError):
    """A value the record cannot hold; the item carrying it is refused with this reason."""


def printable(text: str) -> str:
    """``text`` without NUL and other control characters (tabs and line breaks kept),
    lone surrogates replaced by U+FFFD, so every database and every encoder takes it."""
    if not isinstance(text, str):
        text = str(text)
    text = _CONTROL.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def short(text: object, limit: int = 200) -> str:
    """One printable line of at most ``limit`` characters, for a listed failure."""
    line = " ".join(printable(str(text)).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def safe_url(url: str) -> str:
    """``url`` when it is an http, https or mailto link; else '' (``javascript:``, ``data:``,
    ``file:`` and the like are never stored nor rendered as links)."""
    url = printable(url or "").strip()
    return url if url.lower().startswith(SAFE_SCHEMES) and " " not in url else ""


def valid_email(address: str) -> str:
    """``address`` when it is an email address (``email-validator``'s syntax check, no
    look-up on the network), in lower case; else '' (``@``, ``a@b@c@``, a name)."""
    from email_validator import EmailNotValidError, validate_email

    address = printable(address).strip().removeprefix("mailto:").strip("<> ")
    if "@" not in address or len(address) > 320:
        return ""
    try:
        found = validate_email(address, check_deliverability=False, globally_deliverable=False)
    except EmailNotValidError:
        return ""
    return found.normalized.lower()


def check_moment(value: date | datetime | None, what: str = "date") -> None:
    """Raise OutOfRange when ``value`` lies outside the years the record takes."""
    if value is None:
        return
    if isinstance(value, datetime) and value.tzinfo is not None:
        try:
            value = value.astimezone(UTC)
        except OverflowError:
            raise OutOfRange(f"its {what} {value.isoformat()} is out of range") from None
    if not EARLIEST_YEAR <= value.year < LATEST_YEAR:
        raise OutOfRange(
            f"its {what} {value.isoformat()} is out of range ({EARLIEST_YEAR} to {LATEST_YEAR - 1})"
        )


def fit_int(value: Any) -> int:
    """A whole number within the columns' range (0 for what is not a number)."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return 0
    return max(-MAX_INT, min(MAX_INT, number))


def fit_json(value: Any, depth: int = 0) -> Any:
    """A JSON value every database stores and every reader takes back: text printable,
    NaN and infinities as null, nesting cut at ``MAX_DEPTH``."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if abs(value) <= 2**53 else str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {printable(str(k)): fit_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [fit_json(v, depth + 1) for v in value]
    return printable(str(value))


#: Fields holding a link: kept only when safe.
_URL_FIELDS = {"url", "posting_url"}
#: How a moment's field is named in a reason.
_MOMENT_WORDS = {"at": "date", "starts_at": "start", "achieved_on": "date", "ends_at": "end"}
#: Fields whose moment refuses the item when out of range; others are dropped.
_OPTIONAL_MOMENTS = {"connected_on", "published", "ends_at", "due"}


def fit_item(item: Any) -> Any:
    """Make a captured item (and the people it names) fit the record, in place.

    Raises OutOfRange when a moment the item cannot do without is out of range."""
    if not is_dataclass(item):
        return item
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, Enum):
            pass
        elif isinstance(value, str):
            value = safe_url(value) if f.name in _URL_FIELDS else printable(value)
        elif isinstance(value, bool):
            pass
        elif isinstance(value, int):
            value = fit_int(value)
        elif isinstance(value, date):  # datetime too
            try:
                check_moment(value, _MOMENT_WORDS.get(f.name, f.name.replace("_", " ")))
            except OutOfRange:
                if f.name not in _OPTIONAL_MOMENTS:
                    raise
                value = None
        elif isinstance(value, list) and f.name == "emails":
            value = [e for e in (valid_email(v) for v in value if isinstance(v, str)) if e]
        elif isinstance(value, list):
            value = [
                printable(v) if isinstance(v, str) else fit_item(v) if is_dataclass(v) else v
                for v in value
            ]
        elif isinstance(value, dict):
            value = fit_json(value)
        elif is_dataclass(value):
            value = fit_item(value)
        setattr(item, f.name, value)
    return item


def duration_ok(start: datetime, end: datetime | None) -> datetime | None:
    """``end`` when it follows ``start`` within a year; else None (a broken end time)."""
    if end is None or end < start or end - start > timedelta(days=366):
        return None
    return end
