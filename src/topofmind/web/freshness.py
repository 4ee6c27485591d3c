"""When what a page shows may have changed: the database, the minute, the record's version
(as the agenda's cache sees it) and the settings. Pages keep what they computed under this
key and reuse it until any part of it changes."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from topofmind.services.context import Context


def version(ctx: Context) -> tuple:
    from topofmind.services import agenda

    minute = ctx.now.replace(second=0, microsecond=0)
    return (ctx.db.url, minute, agenda.record_version(ctx), id(ctx.settings))


class Recent:
    """The last few values computed, by key."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()

    def get(self, key: tuple) -> Any:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple, value: Any) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
