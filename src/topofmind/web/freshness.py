"""When what a page shows may have changed: the database, the minute, the record's version
(raised by the database on every write) and the settings. Pages keep what they computed
under this key in a small ``LRUCache`` and reuse it until any part of it changes."""

from __future__ import annotations

from topofmind.services.context import Context


def version(ctx: Context) -> tuple:
    from topofmind.services import agenda

    minute = ctx.now.replace(second=0, microsecond=0)
    return (ctx.db.url, minute, agenda.record_version(ctx), id(ctx.settings))
