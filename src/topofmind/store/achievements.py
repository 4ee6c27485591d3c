"""Achievements: certifications, projects, publications, awards, events attended."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from topofmind.domain.enums import AchievementKind
from topofmind.domain.records import Achievement
from topofmind.store.rows import insert_row, owned
from topofmind.store.schema import achievements


def add_achievement(
    conn: Connection,
    item: Achievement,
    batch_id: int | None = None,
    recorded_at: datetime | None = None,
) -> int:
    """Store an achievement; ``recorded_at`` (the command's now) is when it was told."""
    extra = {"created_at": recorded_at} if recorded_at is not None else {}
    item.id = insert_row(
        conn,
        achievements,
        {
            "kind": item.kind.value,
            "title": item.title,
            "achieved_on": item.achieved_on,
            "url": item.url,
            "description": item.description,
            "source": item.source,
            "external_id": item.external_id,
            "batch_id": batch_id,
            **extra,
        },
    )
    return item.id


def list_achievements(conn: Connection) -> list[Achievement]:
    query = owned(achievements).order_by(
        achievements.c.achieved_on.desc(), achievements.c.id.desc()
    )
    return [
        Achievement(
            id=r["id"],
            kind=AchievementKind(r["kind"]),
            title=r["title"],
            achieved_on=r["achieved_on"],
            url=r["url"],
            description=r["description"],
            source=r["source"],
            external_id=r["external_id"],
        )
        for r in conn.execute(query).mappings()
    ]
