"""Every table's rows of one job search at once: listed for an export, counted, loaded
from an import, and deleted before the demo replaces them.

Child rows belong to their parent's owner (``rows.owner_filter``); the table that lists
the owners themselves describes the installation, so it is never among them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from topofmind.store.rows import owner_filter
from topofmind.store.schema import ORDERED, owners


def owned_tables() -> list[Table]:
    """The job search's tables, parents before children."""
    return [t for t in ORDERED if t.name != owners.name]


def owned_rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    """The table's rows of this owner, by id, without the owner."""
    query = select(table).where(owner_filter(table)).order_by(table.c.id)
    return [
        {k: v for k, v in row.items() if k != "owner_id"} for row in conn.execute(query).mappings()
    ]


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows per table of this owner (child rows through their parent's owner)."""
    counts = {}
    for table in owned_tables():
        query = select(func.count()).select_from(table).where(owner_filter(table))
        counts[table.name] = conn.execute(query).scalar() or 0
    return counts


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows as they are, their ids included."""
    conn.execute(table.insert(), rows)


def continue_ids(conn: Connection) -> None:
    """After rows were inserted with their ids, new rows take the next ids (PostgreSQL
    keeps a sequence per table; SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in owned_tables():
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def delete_owned(conn: Connection) -> None:
    """Delete every row of this owner's job search, children first."""
    for table in reversed(owned_tables()):
        conn.execute(table.delete().where(owner_filter(table)))
