"""Import batches and the changes each made, so an import can be listed and undone.

Every row an import inserts is recorded as an "add"; every row it changes is
recorded as an "update" with a JSON snapshot of the row (and its child rows, such
as an interaction's participants) taken before the change. Undo walks the changes
newest first: it deletes what was added and writes the snapshots back. People and
organizations it added are kept when something recorded since uses them, or when
they were edited since (their snapshot as the import left them, ``left_as``, differs).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, Table, bindparam, delete, func, or_, select, update

from topofmind.store.rows import OWNER, insert_row, update_row
from topofmind.store.schema import (
    UTCDateTime,
    batch_changes,
    import_batches,
    interaction_notes,
    interaction_participants,
    interactions,
    metadata,
    opportunities,
    opportunity_people,
    organization_domains,
    people,
    person_emails,
    person_phones,
    requests,
    sync_state,
)

#: Child rows kept inside a parent's snapshot: (child table, its column naming the parent).
CHILDREN: dict[str, list[tuple[Table, str]]] = {
    "interactions": [
        (interaction_participants, "interaction_id"),
        (interaction_notes, "interaction_id"),
        (requests, "interaction_id"),
    ],
    "people": [(person_emails, "person_id"), (person_phones, "person_id")],
    "organizations": [(organization_domains, "organization_id")],
}


def start_batch(conn: Connection, source: str, target: str, at: datetime) -> int:
    return insert_row(
        conn, import_batches, {"source": source, "target": target, "started_at": at, "summary": {}}
    )


def finish_batch(conn: Connection, batch_id: int, at: datetime, summary: dict) -> None:
    update_row(conn, import_batches, batch_id, {"finished_at": at, "summary": summary})


def save_progress(conn: Connection, batch_id: int, summary: dict) -> None:
    """What a batch still running has done so far, for whoever lists the imports."""
    update_row(conn, import_batches, batch_id, {"summary": summary})


#: One statement object for every "add": compiled once, so recording stays cheap.
_ADD = batch_changes.insert()


def record_add(conn: Connection, batch_id: int, table: str, row_id: int) -> None:
    conn.execute(_ADD, {"batch_id": batch_id, "table_name": table, "row_id": row_id, "op": "add"})


#: Tables whose added rows are snapshotted as the batch leaves them, and kept by an undo
#: when edited since.
KEPT_WHEN_EDITED = ("people", "organizations")


def record_left(
    conn: Connection, batch_id: int, changed: set[tuple[str, int]] | frozenset = frozenset()
) -> None:
    """Snapshot the people and organizations the batch added, as it leaves them: those not
    snapshotted yet, and those in ``changed`` (table, row id) that the batch itself has
    changed since. A sync calls it at each committed step, so one that never gets to its
    end still knows how it left them, and an edit made meanwhile elsewhere is never taken
    for the import's. A few set-based reads, then one update per row by its key."""
    c = batch_changes.c
    query = select(c.id, c.table_name, c.row_id, c.left_as.is_(None)).where(
        c.batch_id == batch_id, c.op == "add", c.table_name.in_(KEPT_WHEN_EDITED)
    )
    changes: dict[str, dict[int, int]] = {}
    for change_id, table_name, row_id, unrecorded in conn.execute(query):
        if unrecorded or (table_name, row_id) in changed:
            changes.setdefault(table_name, {})[row_id] = change_id
    for table_name, ids in changes.items():
        found = snapshots(conn, metadata.tables[table_name], list(ids))
        rows = [{"key": ids[row_id], "left": value} for row_id, value in found.items()]
        if rows:
            conn.execute(
                update(batch_changes)
                .where(batch_changes.c.id == bindparam("key"))
                .values(left_as=bindparam("left")),
                rows,
            )


def edited_rows(conn: Connection, batch_id: int) -> set[tuple[str, int]]:
    """The people and organizations the batch added that differ now from how it left
    them: edited by hand, or changed by a later import, since."""
    c = batch_changes.c
    left: dict[str, dict[int, Any]] = {}
    for table_name, row_id, left_as in conn.execute(
        select(c.table_name, c.row_id, c.left_as).where(
            c.batch_id == batch_id,
            c.op == "add",
            c.table_name.in_(KEPT_WHEN_EDITED),
            c.left_as.is_not(None),
        )
    ):
        left.setdefault(table_name, {})[row_id] = left_as
    edited: set[tuple[str, int]] = set()
    for table_name, rows in left.items():
        now = snapshots(conn, metadata.tables[table_name], list(rows))
        edited.update((table_name, i) for i, value in now.items() if value != rows[i])
    return edited


#: Tables a sync writes to only to remember where it stopped.
BOOKKEEPING = ("sync_state", "feeds")


def only_bookkeeping(conn: Connection, batch_id: int) -> bool:
    """Whether the batch changed nothing but where its sources stopped."""
    query = select(batch_changes.c.id).where(
        batch_changes.c.batch_id == batch_id, batch_changes.c.table_name.not_in(BOOKKEEPING)
    )
    return conn.execute(query.limit(1)).first() is None


def forget_batch(conn: Connection, batch_id: int) -> None:
    """Delete a batch that recorded nothing, with its bookkeeping changes."""
    conn.execute(delete(batch_changes).where(batch_changes.c.batch_id == batch_id))
    conn.execute(delete(import_batches).where(import_batches.c.id == batch_id))


def record_update(conn: Connection, batch_id: int, table: str, row_id: int) -> None:
    """Snapshot the row as it is now, before the caller changes it."""
    insert_row(
        conn,
        batch_changes,
        {
            "batch_id": batch_id,
            "table_name": table,
            "row_id": row_id,
            "op": "update",
            "before": snapshot(conn, metadata.tables[table], row_id),
        },
    )


def list_batches(conn: Connection) -> list[dict[str, Any]]:
    query = (
        select(import_batches)
        .where(import_batches.c.owner_id == OWNER)
        .order_by(import_batches.c.id.desc())
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def get_batch(conn: Connection, batch_id: int) -> dict[str, Any] | None:
    query = select(import_batches).where(
        import_batches.c.owner_id == OWNER, import_batches.c.id == batch_id
    )
    row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def newest_unfinished(conn: Connection, source: str) -> int | None:
    """The id of the newest batch of ``source`` not finished yet (a sync writes it, or
    was stopped before it could finish)."""
    query = select(func.max(import_batches.c.id)).where(
        import_batches.c.owner_id == OWNER,
        import_batches.c.source == source,
        import_batches.c.finished_at.is_(None),
    )
    return conn.execute(query).scalar()


def changes(conn: Connection, batch_id: int) -> list[dict[str, Any]]:
    query = (
        select(batch_changes)
        .where(batch_changes.c.batch_id == batch_id)
        .order_by(batch_changes.c.id)
    )
    return [dict(r) for r in conn.execute(query).mappings()]


def change_counts(conn: Connection, batch_id: int) -> dict[str, int]:
    query = (
        select(batch_changes.c.table_name, batch_changes.c.op, func.count())
        .where(batch_changes.c.batch_id == batch_id)
        .group_by(batch_changes.c.table_name, batch_changes.c.op)
    )
    return {f"{op} {table}": n for table, op, n in conn.execute(query)}


def undo_changes(conn: Connection, batch_id: int, at: datetime) -> dict[str, Any]:
    """Reverse every change of the batch, newest first; returns what was removed and
    restored, and the names of the people and organizations kept (with their addresses
    and domains) because something recorded since uses them ("kept") or because they
    were edited since ("edited")."""
    removed = restored = 0
    kept: list[str] = []
    edited_kept: list[str] = []
    edited = edited_rows(conn, batch_id)  # before anything of the batch is deleted

    def keeps(table_name: str, row_id: int) -> list[str] | None:
        """Where to name the row if the undo keeps it: used since, else edited since."""
        if IN_USE[table_name](conn, row_id, batch_id):
            return kept
        return edited_kept if (table_name, row_id) in edited else None

    for change in reversed(changes(conn, batch_id)):
        table = metadata.tables[change["table_name"]]
        row_id = change["row_id"]
        if change["op"] == "add":
            named = keeps(table.name, row_id) if table.name in IN_USE else None
            if named is not None:
                name = select(table.c.name).where(table.c.id == row_id)
                named.append(conn.execute(name).scalar_one())
                continue
            parent = _parent(conn, table, row_id)
            if parent is not None and keeps(*parent) is not None:
                continue  # an address or domain of someone kept stays with them
            result = conn.execute(delete(table).where(table.c.id == row_id))
            removed += result.rowcount or 0
        else:
            if restore(conn, table, row_id, change["before"] or {}):
                restored += 1
    update_row(conn, import_batches, batch_id, {"undone_at": at})
    return {"removed": removed, "restored": restored, "kept": kept, "edited": edited_kept}


def _parent(conn: Connection, table: Table, row_id: int) -> tuple[str, int] | None:
    """The person or organization a child row (an address, a domain) belongs to."""
    for parent, children in CHILDREN.items():
        if parent not in IN_USE:
            continue
        for child, column in children:
            if child is table:
                found = conn.execute(select(child.c[column]).where(child.c.id == row_id)).scalar()
                return (parent, found) if found is not None else None
    return None


def _used(conn: Connection, *queries) -> bool:
    return any(conn.execute(query.limit(1)).first() is not None for query in queries)


def _not_from(table: Table, batch_id: int):
    """Rows of ``table`` another batch, or the person by hand, added."""
    return or_(table.c.batch_id.is_(None), table.c.batch_id != batch_id)


def _organization_in_use(conn: Connection, org_id: int, batch_id: int) -> bool:
    """An opportunity or a person is still there: recorded since, or kept (the batch's
    own that came after it are gone by now: changes are undone newest first)."""
    return _used(
        conn,
        select(opportunities.c.id).where(opportunities.c.organization_id == org_id),
        select(people.c.id).where(people.c.organization_id == org_id),
    )


def _person_in_use(conn: Connection, person_id: int, batch_id: int) -> bool:
    """Something recorded since the import names them: an interaction logged or imported
    later, or a part in an opportunity not of this import (an opportunity the import added
    before them, a job application with its recruiter, does not count)."""
    i, ip, op = interactions.c, interaction_participants.c, opportunity_people.c
    return _used(
        conn,
        select(ip.id)
        .join(interactions, i.id == ip.interaction_id)
        .where(ip.person_id == person_id, _not_from(interactions, batch_id)),
        select(op.id)
        .join(opportunities, opportunities.c.id == op.opportunity_id)
        .where(op.person_id == person_id, _not_from(opportunities, batch_id)),
    )


#: Rows an undo keeps when something recorded since uses them, by table.
IN_USE = {"organizations": _organization_in_use, "people": _person_in_use}


# -- snapshots -----------------------------------------------------------------------------


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _from_json(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    kind = table.c[column].type
    if isinstance(kind, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value


def _row(conn: Connection, table: Table, row_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return {k: _to_json(v) for k, v in row.items()} if row else None


def snapshot(conn: Connection, table: Table, row_id: int) -> dict[str, Any]:
    """The row and its child rows as JSON values."""
    return snapshots(conn, table, [row_id]).get(row_id, {})


def snapshots(conn: Connection, table: Table, row_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each row of ``row_ids`` that exists, with its child rows, as JSON values; read
    in chunks of ids, a handful of queries for any number of rows."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(row_ids), CHUNK):
        chunk = row_ids[start : start + CHUNK]
        for row in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            out[row["id"]] = {k: _to_json(v) for k, v in row.items()}
        for child, column in CHILDREN.get(table.name, []):
            kids: dict[int, list[dict[str, Any]]] = {i: [] for i in chunk}
            query = select(child).where(child.c[column].in_(chunk)).order_by(child.c.id)
            for row in conn.execute(query).mappings():
                kids[row[column]].append({k: _to_json(v) for k, v in row.items()})
            for row_id, rows in kids.items():
                if row_id in out:
                    out[row_id].setdefault("_children", {})[child.name] = rows
    return out


#: Ids per query when reading many rows at once (well under every database's limit).
CHUNK = 500


def restore(conn: Connection, table: Table, row_id: int, before: dict[str, Any]) -> bool:
    """Write a snapshot back; False when the row is gone (e.g. merged away since)."""
    if conn.execute(select(table.c.id).where(table.c.id == row_id)).first() is None:
        return False
    values = {
        k: _from_json(table, k, v)
        for k, v in before.items()
        if k not in {"id", "_children"} and k in table.c
    }
    update_row(conn, table, row_id, values)
    for child, column in CHILDREN.get(table.name, []):
        saved = before.get("_children", {}).get(child.name)
        if saved is None:
            continue
        conn.execute(delete(child).where(child.c[column] == row_id))
        for row in saved:
            conn.execute(
                child.insert().values(
                    **{k: _from_json(child, k, v) for k, v in row.items() if k in child.c}
                )
            )
    return True


# -- sync state ------------------------------------------------------------------------------


def get_sync_state(conn: Connection, key: str) -> dict[str, Any] | None:
    """What a sync remembered under ``key`` (e.g. an IMAP folder's UIDVALIDITY and last UID)."""
    query = select(sync_state.c.value).where(
        sync_state.c.owner_id == OWNER, sync_state.c.key == key
    )
    return conn.execute(query).scalar()


def forget_sync_state(conn: Connection, key: str) -> None:
    """Forget what a sync remembered under ``key`` (a key that named a secret)."""
    conn.execute(delete(sync_state).where(sync_state.c.owner_id == OWNER, sync_state.c.key == key))


def rename_target(conn: Connection, source: str, old: str, new: str) -> None:
    """Call the batches of ``source`` that read ``old`` by the name ``new`` instead."""
    conn.execute(
        update(import_batches)
        .where(
            import_batches.c.owner_id == OWNER,
            import_batches.c.source == source,
            import_batches.c.target == old,
        )
        .values(target=new)
    )


def set_sync_state(
    conn: Connection, key: str, value: dict[str, Any], at: datetime, batch_id: int | None = None
) -> None:
    """Remember ``value`` under ``key``; with a batch, undoing it restores the old value."""
    row_id = conn.execute(
        select(sync_state.c.id).where(sync_state.c.owner_id == OWNER, sync_state.c.key == key)
    ).scalar()
    if row_id is None:
        row_id = insert_row(conn, sync_state, {"key": key, "value": value, "updated_at": at})
        if batch_id is not None:
            record_add(conn, batch_id, "sync_state", row_id)
        return
    if batch_id is not None:
        record_update(conn, batch_id, "sync_state", row_id)
    update_row(conn, sync_state, row_id, {"value": value, "updated_at": at})
