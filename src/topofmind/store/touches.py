"""What the program's writes touched: the people and opportunities of each, chained by
the sums of the writes counted on the tables the rules read (migration 0009).

A write that knows what it is about opens a touch as its transaction's first statement
(``open_touch``), which takes the database's write lock there and then, so the sum read
is the one its own writes start from, and closes it as its last (``close_touch``). A
reader holding the rules' output at one sum follows the touches from it (``chain``):
an unbroken chain to the current sum names everything written since; a write that
left no touch (another program, a restored backup, an undo) breaks it. An import or a
sync opens one touch per step it commits (``services.imports.ledger``).
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, func, insert, select, update

from topofmind.store.facts import TABLES_READ
from topofmind.store.rows import OWNER
from topofmind.store.schema import (
    agenda_touches,
    interaction_participants,
    interactions,
    opportunities,
    people,
    record_versions,
    table_writes,
)


def _reads_sum():
    w = table_writes.c
    return (
        select(func.sum(w.writes))
        .where(w.name.in_(TABLES_READ))
        .having(func.count() == len(TABLES_READ))
        .scalar_subquery()
    )


def open_touch(conn: Connection) -> int:
    """A touch for the transaction of ``conn``, opened before any of its writes: the
    database's write lock is taken here (on PostgreSQL the row every write raises is
    locked first), so no other write comes between the sum read and this one's writes."""
    if conn.dialect.name == "postgresql":
        v = record_versions.c
        conn.execute(select(v.version).where(v.owner_id == OWNER).with_for_update())
    t = agenda_touches.c
    return conn.execute(
        insert(agenda_touches)
        .values(owner_id=OWNER, reads_before=_reads_sum(), people=[], opportunities=[])
        .returning(t.id)
    ).scalar_one()


def close_touch(
    conn: Connection, touch_id: int, people: list[int], opportunities: list[int]
) -> None:
    """What the write touched, and the sum after it: its transaction's last statement."""
    conn.execute(
        update(agenda_touches)
        .where(agenda_touches.c.id == touch_id)
        .values(
            reads_after=_reads_sum(),
            people=sorted(set(people)),
            opportunities=sorted(set(opportunities)),
        )
    )


def chain(conn: Connection, start: int, end: int) -> tuple[set[int], set[int]] | None:
    """The people and opportunities the writes from sum ``start`` to ``end`` touched;
    None unless touches account for every write counted between the two."""
    t = agenda_touches.c
    rows = conn.execute(
        select(t.reads_before, t.reads_after, t.people, t.opportunities)
        .where(t.owner_id == OWNER, t.reads_before >= start, t.reads_after <= end)
        .order_by(t.reads_before, t.id)
    ).all()
    after: dict[int, tuple] = {}
    for before, reads_after, people_touched, opps_touched in rows:
        if reads_after == before:
            continue  # wrote nothing the rules read
        if before in after:  # two writes from one sum: the chain is not one
            return None
        after[before] = (reads_after, people_touched, opps_touched)
    people: set[int] = set()
    opportunities: set[int] = set()
    at = start
    while at != end:
        step = after.get(at)
        if step is None or step[0] <= at:
            return None
        at = step[0]
        people.update(step[1])
        opportunities.update(step[2])
    return people, opportunities


def forget_before(conn: Connection, reads: int) -> None:
    """Drop the touches of the writes before sum ``reads`` (nothing kept starts there)."""
    t = agenda_touches.c
    conn.execute(delete(agenda_touches).where(t.owner_id == OWNER, t.reads_after <= reads))


def of_interactions(conn: Connection, ids: list[int]) -> tuple[set[int], set[int]]:
    """The people and opportunities of these interactions."""
    if not ids:
        return set(), set()
    i, p = interactions.c, interaction_participants.c
    people = set(conn.scalars(select(p.person_id).where(p.interaction_id.in_(ids))))
    opps = set(conn.scalars(select(i.opportunity_id).where(i.id.in_(ids))))
    return people - {None}, opps - {None}


def organizations_of(conn: Connection, people_ids: set[int], opportunity_ids: set[int]) -> set[int]:
    """The organizations of these people and opportunities."""
    p, o = people.c, opportunities.c
    found = set(conn.scalars(select(p.organization_id).where(p.id.in_(people_ids))))
    found |= set(conn.scalars(select(o.organization_id).where(o.id.in_(opportunity_ids))))
    return found - {None}
