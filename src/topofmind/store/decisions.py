"""The person's decisions about actions (done, snoozed, dismissed), keyed by the action's id."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from topofmind.domain.actions import Decision
from topofmind.domain.enums import DecisionStatus
from topofmind.store.rows import OWNER, insert_row
from topofmind.store.schema import decisions


def save_decision(conn: Connection, decision: Decision) -> Decision:
    """Record ``decision``, replacing an earlier one about the same action."""
    d = decisions.c
    values = {
        "status": decision.status.value,
        "until": decision.until,
        "note": decision.note,
        "at": decision.at,
    }
    changed = conn.execute(
        update(decisions)
        .where(d.owner_id == OWNER, d.action_id == decision.action_id)
        .values(**values)
    ).rowcount
    if not changed:
        insert_row(conn, decisions, {"action_id": decision.action_id, **values})
    return decision


def get_decision(conn: Connection, action_id: str) -> Decision | None:
    d = decisions.c
    row = conn.execute(
        select(d.action_id, d.status, d.at, d.until, d.note).where(
            d.owner_id == OWNER, d.action_id == action_id
        )
    ).first()
    if row is None:
        return None
    return Decision(row.action_id, DecisionStatus(row.status), row.at, row.until, row.note)


def decided_since(conn: Connection, since: datetime) -> list[Decision]:
    """Decisions taken since ``since``, newest first."""
    d = decisions.c
    rows = conn.execute(
        select(d.action_id, d.status, d.at, d.until, d.note)
        .where(d.owner_id == OWNER, d.at >= since)
        .order_by(d.at.desc())
    )
    return [Decision(r.action_id, DecisionStatus(r.status), r.at, r.until, r.note) for r in rows]


def forget_decision(conn: Connection, action_id: str) -> None:
    d = decisions.c
    conn.execute(delete(decisions).where(d.owner_id == OWNER, d.action_id == action_id))
