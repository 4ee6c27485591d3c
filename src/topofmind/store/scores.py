"""The history of top-of-mind scores, one figure per subject and day, to draw over time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, delete, insert, select

from topofmind.domain.scores import Score
from topofmind.store.rows import OWNER
from topofmind.store.schema import score_history


def record_scores(conn: Connection, day: date, scores: list[Score]) -> None:
    """Keep ``scores`` as the figures of ``day``, replacing any recorded earlier that day."""
    h = score_history.c
    conn.execute(delete(score_history).where(h.owner_id == OWNER, h.day == day))
    if scores:
        conn.execute(
            insert(score_history),
            [
                {
                    "owner_id": OWNER,
                    "subject_kind": s.subject_kind,
                    "subject_id": s.subject_id,
                    "day": day,
                    "score": s.score,
                    "parts": {p.name: p.points for p in s.parts},
                }
                for s in scores
            ],
        )


def history(conn: Connection, kind: str, subject_id: int) -> list[tuple[date, int]]:
    """(day, score) pairs for one subject, oldest first."""
    h = score_history.c
    rows = conn.execute(
        select(h.day, h.score)
        .where(h.owner_id == OWNER, h.subject_kind == kind, h.subject_id == subject_id)
        .order_by(h.day)
    )
    return [(r.day, r.score) for r in rows]
