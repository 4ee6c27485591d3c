"""Merging two people's rows into one: everything that points at the other moves over.

Addresses, phones, interactions, parts in opportunities, decisions and drafts
about actions, and score history all follow the person kept; where the kept
person already has the same row (the same interaction, the same role) the
duplicate is dropped. Action ids name people (``thank-you:i14:p11``), so
decisions and drafts are renamed to the kept person's id.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, delete, select, update

from topofmind.store.rows import OWNER
from topofmind.store.schema import (
    decisions,
    drafts,
    interaction_participants,
    opportunity_people,
    people,
    person_emails,
    person_phones,
    score_history,
)


def _move(conn: Connection, table, keep: int, other: int, same: list[str]) -> int:
    """Point ``other``'s rows at ``keep``; drop those ``keep`` already has (same ``same`` cols)."""
    moved = 0
    rows = conn.execute(select(table).where(table.c.person_id == other)).mappings().all()
    for row in rows:
        clash = select(table.c.id).where(table.c.person_id == keep)
        for column in same:
            clash = clash.where(table.c[column] == row[column])
        if conn.execute(clash).first() is None:
            conn.execute(update(table).where(table.c.id == row["id"]).values(person_id=keep))
            moved += 1
        else:
            conn.execute(delete(table).where(table.c.id == row["id"]))
    return moved


def _rename_actions(conn: Connection, table, keep: int, other: int) -> None:
    pattern = re.compile(rf":p{other}(?=$|:)")
    rows = conn.execute(
        select(table.c.id, table.c.action_id).where(
            table.c.owner_id == OWNER, table.c.action_id.like(f"%:p{other}%")
        )
    ).all()
    for row_id, action_id in rows:
        renamed = pattern.sub(f":p{keep}", action_id)
        if renamed == action_id:
            continue
        taken = conn.execute(
            select(table.c.id).where(table.c.owner_id == OWNER, table.c.action_id == renamed)
        ).first()
        if taken is None:
            conn.execute(update(table).where(table.c.id == row_id).values(action_id=renamed))
        else:
            conn.execute(delete(table).where(table.c.id == row_id))


def merge_rows(conn: Connection, keep: int, other: int) -> None:
    """Move everything of ``other`` to ``keep``, fill ``keep``'s blanks, delete ``other``."""
    kept = conn.execute(select(people).where(people.c.id == keep)).mappings().one()
    gone = conn.execute(select(people).where(people.c.id == other)).mappings().one()
    _move(conn, person_emails, keep, other, ["email"])
    _move(conn, person_phones, keep, other, ["phone"])
    _move(conn, interaction_participants, keep, other, ["interaction_id"])
    _move(conn, opportunity_people, keep, other, ["opportunity_id", "role"])
    _rename_actions(conn, decisions, keep, other)
    _rename_actions(conn, drafts, keep, other)
    for row in (
        conn.execute(
            select(score_history).where(
                score_history.c.subject_kind == "person", score_history.c.subject_id == other
            )
        )
        .mappings()
        .all()
    ):
        clash = conn.execute(
            select(score_history.c.id).where(
                score_history.c.subject_kind == "person",
                score_history.c.subject_id == keep,
                score_history.c.day == row["day"],
            )
        ).first()
        this = score_history.c.id == row["id"]
        if clash is None:
            conn.execute(score_history.update().where(this).values(subject_id=keep))
        else:
            conn.execute(score_history.delete().where(this))
    filled = {
        column: gone[column]
        for column in ("title", "organization_id", "linkedin_url", "vcard_uid", "connected_on")
        if not kept[column] and gone[column]
    }
    if gone["connected"] and not kept["connected"]:
        filled["connected"] = True
    if gone["notes"] and gone["notes"] not in kept["notes"]:
        filled["notes"] = "\n".join(n for n in (kept["notes"], gone["notes"]) if n)
    conn.execute(delete(people).where(people.c.id == other))
    if filled:
        conn.execute(update(people).where(people.c.id == keep).values(**filled))
