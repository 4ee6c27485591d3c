"""Recording achievements: what was done, shipped or learned, to tell in drafts."""

from __future__ import annotations

from topofmind.domain.enums import (
    AchievementKind,
)
from topofmind.domain.records import (
    Achievement,
)
from topofmind.errors import InvalidValue
from topofmind.services.context import Context
from topofmind.services.inputs import parse_choice, today
from topofmind.services.when import parse_date
from topofmind.store import achievements as achievement_store


def add_achievement(
    ctx: Context,
    title: str,
    kind: str,
    on: str | None = None,
    url: str = "",
    description: str = "",
) -> Achievement:
    if not title.strip():
        raise InvalidValue("An achievement needs a title.")
    item = Achievement(
        title=title.strip(),
        kind=parse_choice(AchievementKind, kind, "achievement kind"),
        achieved_on=parse_date(on, ctx.now, ctx.timezone) if on else today(ctx),
        url=url,
        description=description,
    )
    with ctx.db.begin() as conn:
        achievement_store.add_achievement(conn, item, recorded_at=ctx.now)
    return item
