"""Everything as one JSON document, and back into an empty database.

The document lists every table's rows of this owner by table name (see
docs/json.md); ids are kept, so export, import into a new database and export
again gives the same document.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, Date, Table

from topofmind import __version__
from topofmind.errors import BadFile, NotEmpty
from topofmind.services.context import Context
from topofmind.store.migrations import HEAD
from topofmind.store.owned_rows import (
    continue_ids,
    insert_rows,
    owned_rows,
    owned_tables,
    row_counts,
)
from topofmind.store.rows import OWNER
from topofmind.store.schema import UTCDateTime

FORMAT = "topofmind-export"


def _exported_rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in owned_rows(conn, table)]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_document(ctx: Context) -> dict[str, Any]:
    with ctx.db.connect() as conn:
        return {
            "format": FORMAT,
            "schema": HEAD,
            "topofmind": __version__,
            "tables": {t.name: _exported_rows(conn, t) for t in owned_tables()},
        }


def is_empty(conn: Connection) -> bool:
    return not any(row_counts(conn).values())


def import_document(ctx: Context, document: Any) -> dict[str, int]:
    """Load an export into an empty database, in one transaction. Returns rows per table."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadFile('This is not a topofmind export (no "format": "topofmind-export").')
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise BadFile('The export has no "tables" object.')
    schema = document.get("schema")
    if schema is not None and str(schema) > HEAD:
        raise BadFile(
            f"The export comes from a newer topofmind (schema {schema}; this one reads up to "
            f"{HEAD}). Upgrade topofmind, then import it."
        )
    known = {t.name: t for t in owned_tables()}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise BadFile(
            f"The export has tables this topofmind does not know: {', '.join(unknown)}. "
            "It may come from a newer version."
        )
    from topofmind.services.transfer_schema import document_errors

    errors = document_errors(document)
    if errors:
        raise BadFile(
            f"The file does not fit topofmind's tables ({'; '.join(errors)}). Nothing was imported."
        )
    counts: dict[str, int] = {}
    with ctx.db.begin() as conn:
        if not is_empty(conn):
            raise NotEmpty(
                "import-json loads into an empty database. Use a new one: "
                "tom --db new.db import-json FILE"
            )
        for table in owned_tables():
            rows = tables.get(table.name, [])
            if not isinstance(rows, list):
                raise BadFile(f'"{table.name}" should be a list of rows.')
            prepared = []
            for index, row in enumerate(rows):
                if not isinstance(row, dict):
                    raise BadFile(f"Row {index + 1} of {table.name} is not an object.")
                extra = set(row) - set(table.c.keys())
                if extra:
                    raise BadFile(
                        f"Row {index + 1} of {table.name} has unknown fields: {sorted(extra)}."
                    )
                values = {k: _typed(table, k, v, index) for k, v in row.items()}
                _check_values(table.name, values, index)
                if "owner_id" in table.c:
                    values["owner_id"] = OWNER
                prepared.append(values)
            if prepared:
                _insert(conn, table, prepared)
            counts[table.name] = len(prepared)
        continue_ids(conn)
    ctx.forget_profile()
    return counts


def _insert(conn: Connection, table, rows: list[dict[str, Any]]) -> None:
    """Insert one table's rows; a row the schema refuses stops the whole import."""
    from sqlalchemy.exc import DBAPIError, StatementError

    try:
        insert_rows(conn, table, rows)
    except (DBAPIError, StatementError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise BadFile(
            f"The rows of {table.name} do not fit the schema ({reason}). Nothing was imported."
        ) from None


def _choices() -> dict[tuple[str, str], set[str]]:
    """The columns that hold one of a fixed set of words, and those words."""
    from topofmind.domain.enums import (
        AchievementKind,
        DecisionStatus,
        Direction,
        InteractionKind,
        NoteKind,
        Purpose,
        QuestionCategory,
        Role,
        Stage,
    )

    def words(enum) -> set[str]:
        return {member.value for member in enum}

    return {
        ("opportunities", "stage"): words(Stage),
        ("stage_changes", "stage"): words(Stage),
        ("opportunity_people", "role"): words(Role),
        ("interactions", "kind"): words(InteractionKind),
        ("interactions", "direction"): words(Direction),
        ("interactions", "purpose"): words(Purpose),
        ("interaction_notes", "kind"): words(NoteKind),
        ("achievements", "kind"): words(AchievementKind),
        ("questions", "category"): words(QuestionCategory),
        ("decisions", "status"): words(DecisionStatus),
    }


def _check_values(table: str, values: dict[str, Any], index: int) -> None:
    """Refuse a value the database would take but topofmind could never read back: an
    unknown stage or kind, a time zone or working hours that do not exist."""
    where = f"Row {index + 1} of {table}"
    for (name, column), allowed in _choices().items():
        value = values.get(column)
        if name == table and value is not None and value not in allowed:
            raise BadFile(
                f"{where}: {column} '{value}' is not one of {', '.join(sorted(allowed))}. "
                "Nothing was imported."
            )
    if table == "opportunities":
        from topofmind.errors import SettingsError
        from topofmind.settings import coerce

        for name, value in (values.get("settings") or {}).items():
            try:
                coerce(name, value)
            except SettingsError as exc:
                raise BadFile(f"{where}: settings: {exc} Nothing was imported.") from None
    if table != "profiles":
        return
    from zoneinfo import ZoneInfoNotFoundError

    from topofmind.domain.moments import zone

    try:
        zone(str(values.get("timezone", "UTC")))
    except (ZoneInfoNotFoundError, ValueError):
        raise BadFile(
            f"{where}: timezone '{values.get('timezone')}' is not a time zone. "
            "Nothing was imported."
        ) from None
    for column in ("work_start", "work_end"):
        try:
            time.fromisoformat(str(values.get(column, "09:00")))
        except ValueError:
            raise BadFile(
                f"{where}: {column} '{values.get(column)}' is not a time of day (HH:MM). "
                "Nothing was imported."
            ) from None
    days = values.get("work_days", [0])
    if not isinstance(days, list) or not all(isinstance(d, int) and 0 <= d <= 6 for d in days):
        raise BadFile(
            f"{where}: work_days {days!r} should list weekdays 0 (Monday) to 6. "
            "Nothing was imported."
        )


def _typed(table, key: str, value: Any, index: int) -> Any:
    if value is None:
        return None
    column_type = table.c[key].type
    try:
        if isinstance(column_type, UTCDateTime):
            return datetime.fromisoformat(value)
        if isinstance(column_type, Date):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadFile(f"Row {index + 1} of {table.name}: {key} '{value}' is not a date.") from None
    return value
