"""Small helpers shared by the store's query modules: owner scoping, row changes, and
values as the database driver gives them turned into Python's."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, overload

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Executable,
    Integer,
    Table,
    any_,
    delete,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY

from topofmind.store.schema import LOCAL_OWNER

#: The owner every query of this process is scoped to. A multi-user server sets
#: it per request; the local app never changes it.
OWNER = LOCAL_OWNER


def fitted(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` as every database takes them alike: text without NUL and cut to its
    column's length (PostgreSQL refuses both, SQLite would keep them)."""
    out = dict(values)
    for key, value in values.items():
        if isinstance(value, str) and key in table.c:
            if "\x00" in value:
                value = value.replace("\x00", "")
            length = getattr(table.c[key].type, "length", None)
            out[key] = value[:length] if length else value
    return out


def insert_row(conn: Connection, table: Table, values: dict[str, Any]) -> int:
    """Insert one row and return its id."""
    if "owner_id" in table.c and "owner_id" not in values:
        values = {**values, "owner_id": OWNER}
    values = fitted(table, values)
    return conn.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()


def saved(record_id: int | None) -> int:
    """The id of a record read from the store: only such a record can be updated."""
    if record_id is None:
        raise ValueError("Only a record read from the store can be updated.")
    return record_id


def update_row(conn: Connection, table: Table, row_id: int, values: dict[str, Any]) -> None:
    if values:
        values = fitted(table, values)
        conn.execute(update(table).where(table.c.id == row_id).values(**values))


def keep_only(
    conn: Connection, parent: Column[Any], parent_id: int, value: Column[Any], wanted: list
) -> None:
    """Make ``wanted`` the values of a parent's child rows (a person's addresses, an
    organization's domains): rows still wanted keep their ids, the others go and the new
    ones are added. A sync looks for the mail of addresses recorded since it last read a
    folder, so an edit that keeps an address must not record it again."""
    table = parent.table
    held: dict[Any, int] = dict(
        conn.execute(select(value, table.c.id).where(parent == parent_id)).all()
    )
    gone = [row_id for found, row_id in held.items() if found not in wanted]
    if gone:
        conn.execute(delete(table).where(table.c.id.in_(gone)))
    for found in wanted:
        if found not in held:
            insert_row(conn, table, {parent.key: parent_id, value.key: found})


def delete_row(conn: Connection, table: Table, row_id: int) -> None:
    conn.execute(delete(table).where(table.c.id == row_id))


def owned(table: Table):
    """``select(table)`` limited to this process's owner."""
    return select(table).where(table.c.owner_id == OWNER)


def get_row(conn: Connection, table: Table, row_id: int) -> dict[str, Any] | None:
    query = select(table).where(table.c.id == row_id)
    if "owner_id" in table.c:
        query = query.where(table.c.owner_id == OWNER)
    row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def owner_filter(table: Table) -> ColumnElement[bool]:
    """The rows of ``table`` that belong to this process's owner.

    Tables with an ``owner_id`` are filtered on it; child tables (a stage change,
    an interaction's participants) belong to whoever owns the parent row they
    point to. Only ``owners`` itself has neither.
    """
    if "owner_id" in table.c:
        return table.c.owner_id == OWNER
    for key in table.foreign_keys:
        parent = key.column.table
        if "owner_id" in parent.c:
            mine = select(parent.c.id).where(parent.c.owner_id == OWNER)
            return key.parent.in_(mine)
    return true()


def driver_rows(conn: Connection, query: Executable) -> Sequence[Any]:
    """The rows of ``query`` as plain tuples, exactly as the database driver returns them.

    For the bulk reads of the playbook's facts, where building SQLAlchemy's ``Row``
    objects and running its result processors cost more than the query itself. The
    query is still compiled and bound by SQLAlchemy; only the fetch skips it, so the
    caller takes values as the driver gives them: moments as text on SQLite and as
    datetimes on PostgreSQL, booleans as 0 or 1 on SQLite, JSON as text on SQLite.
    """
    result = conn.execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def index_after(
    conn: Connection, key: ColumnElement, value: ColumnElement, after: int = 0
) -> tuple[dict[Any, Any], int]:
    """``key`` to ``value`` for this owner's rows of their table recorded after the row id
    ``after``; and the last row id read (``after`` when none), to ask again from."""
    table = key.table
    query = select(table.c.id, key, value).where(table.c.owner_id == OWNER, table.c.id > after)
    index, last = {}, after
    for row_id, found, belongs_to in conn.execute(query):
        index[found] = belongs_to
        last = max(last, row_id)
    return index, last


@overload
def moment(value: None) -> None: ...
@overload
def moment(value: str | datetime) -> datetime: ...
def moment(value: Any) -> datetime | None:
    """A stored moment as a UTC datetime (SQLite gives text, PostgreSQL a datetime)."""
    if value is None or isinstance(value, datetime):
        return value.astimezone(UTC) if value is not None else None
    try:  # stored without an offset, in UTC; parsing one is several times faster than replace()
        return datetime.fromisoformat(f"{value}+00:00")
    except ValueError:  # text written with an offset of its own
        return datetime.fromisoformat(value).astimezone(UTC)


@overload
def day(value: None) -> None: ...
@overload
def day(value: str | date) -> date: ...
def day(value: Any) -> date | None:
    """A stored day as a date (SQLite gives text, PostgreSQL a date)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def json_value(value: Any) -> Any:
    """A stored JSON value (SQLite gives text, PostgreSQL the decoded value)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def among(column: Any, ids: frozenset[int] | set[int], dialect: str) -> ColumnElement[bool]:
    """``column`` is one of ``ids``, the ids sent as one value (a JSON array on SQLite, an
    array on PostgreSQL) rather than one parameter each: hundreds of them, in each of a
    dozen reads, cost more to send than to find."""
    values = sorted(ids)
    if dialect == "postgresql":
        return column == any_(literal(values, ARRAY(Integer)))
    listed = func.json_each(literal(json.dumps(values))).table_valued("value")
    return column.in_(select(listed.c.value))
