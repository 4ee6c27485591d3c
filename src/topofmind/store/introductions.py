"""Introductions saved for an opportunity, newest last; the newest is the one in use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from topofmind.store.rows import OWNER, insert_row
from topofmind.store.schema import introductions


@dataclass
class SavedIntroduction:
    opportunity_id: int
    spoken: str
    written: str
    #: The accomplishments used, as plain dicts (text, source, matched, ...).
    evidence: list
    created_at: datetime | None = None
    id: int | None = None


def save_introduction(conn: Connection, item: SavedIntroduction) -> int:
    item.id = insert_row(
        conn,
        introductions,
        {
            "opportunity_id": item.opportunity_id,
            "spoken": item.spoken,
            "written": item.written,
            "evidence": item.evidence,
        },
    )
    return item.id


def latest_introduction(conn: Connection, opportunity_id: int) -> SavedIntroduction | None:
    row = (
        conn.execute(
            select(introductions)
            .where(
                introductions.c.owner_id == OWNER,
                introductions.c.opportunity_id == opportunity_id,
            )
            .order_by(introductions.c.id.desc())
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return SavedIntroduction(
        row["opportunity_id"],
        row["spoken"],
        row["written"],
        list(row["evidence"] or []),
        row["created_at"],
        row["id"],
    )
