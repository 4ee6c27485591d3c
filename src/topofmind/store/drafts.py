"""Drafts the person edited, kept by action id so the edit survives re-computation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, select

from topofmind.store.rows import OWNER, insert_row, update_row
from topofmind.store.schema import drafts


@dataclass
class StoredDraft:
    action_id: str
    recipients: list
    subject: str
    body: str
    edited: bool
    updated_at: datetime


def get_draft(conn: Connection, action_id: str) -> StoredDraft | None:
    row = (
        conn.execute(
            select(drafts).where(drafts.c.owner_id == OWNER, drafts.c.action_id == action_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    return StoredDraft(
        row["action_id"],
        list(row["recipients"] or []),
        row["subject"],
        row["body"],
        row["edited"],
        row["updated_at"],
    )


def save_draft(
    conn: Connection,
    action_id: str,
    recipients: list,
    subject: str,
    body: str,
    edited: bool,
    at: datetime,
) -> None:
    """Insert or replace the draft kept for an action."""
    values = {
        "recipients": recipients,
        "subject": subject,
        "body": body,
        "edited": edited,
        "updated_at": at,
    }
    found = conn.execute(
        select(drafts.c.id).where(drafts.c.owner_id == OWNER, drafts.c.action_id == action_id)
    ).scalar()
    if found is None:
        insert_row(conn, drafts, {"action_id": action_id, **values})
    else:
        update_row(conn, drafts, found, values)


def delete_draft(conn: Connection, action_id: str) -> None:
    conn.execute(delete(drafts).where(drafts.c.owner_id == OWNER, drafts.c.action_id == action_id))
