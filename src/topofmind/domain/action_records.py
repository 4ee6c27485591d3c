"""An action as its documented JSON object, and back: what `tom actions --json` prints
and what the kept agenda stores, built from the ``Action`` fields in their order.

Enumerations become their values and moments ISO 8601 text; ``from_record`` turns them
back by the fields' types, so a field added to ``Action`` is printed and kept with no
change here. Only the standard library and ``domain`` are imported: the command line's
fast path reads the kept agenda through this module alone.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum
from functools import cache

from topofmind.domain.actions import Action


def as_record(action: Action) -> dict:
    """The action's fields by name, in order, as JSON values (lists, text, numbers)."""
    out = {}
    for name in _names():
        value = getattr(action, name)
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, datetime):
            value = value.isoformat()
        out[name] = value
    return out


def from_record(record: dict) -> Action:
    """The action ``as_record`` gave ``record`` for (moments and enumerations restored)."""
    values = dict(record)
    for name, convert in _converters().items():
        if values.get(name) is not None:
            values[name] = convert(values[name])
    return Action(**values)


@cache
def _names() -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(Action))


@cache
def _converters() -> dict[str, typing.Callable]:
    """For each field holding a moment or an enumeration, what turns its JSON back."""
    found: dict[str, typing.Callable] = {}
    for name, hint in typing.get_type_hints(Action).items():
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        for option in options:
            if option is datetime:
                found[name] = datetime.fromisoformat
            elif isinstance(option, type) and issubclass(option, Enum):
                found[name] = option
    return found
