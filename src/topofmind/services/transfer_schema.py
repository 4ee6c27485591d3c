"""What a `tom import-json` document must hold, derived from the store's tables.

A document is checked whole before anything is written: every row against a JSON
Schema built from its table's columns (types, lengths, the words a column takes,
numbers within range, moments with their zone and within the years the record
takes, the shape of each JSON column), then its references and ids. A file that
fails is refused whole, naming its first errors, so nothing it holds can break a
later command. ``jsonschema`` checks the schema; references and unique ids are
checked here, since JSON Schema cannot see across tables.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text

from topofmind.capture.values import EARLIEST_YEAR, LATEST_YEAR, MAX_INT
from topofmind.store.schema import UTCDateTime

#: Errors named when a document is refused.
FIRST_ERRORS = 5

_STRINGS = {"type": "array", "items": {"type": "string", "maxLength": 2000}, "maxItems": 10_000}
_ANY_OBJECT = {"type": "object"}
#: The shape of each JSON column (table, column); others take any JSON value.
JSON_SHAPES: dict[tuple[str, str], dict[str, Any]] = {
    ("profiles", "emails"): _STRINGS,
    ("profiles", "goals"): _STRINGS,
    ("profiles", "skills"): _STRINGS,
    ("profiles", "work_days"): {"type": "array"},  # its days: transfer._check_values
    ("profiles", "resume"): {"type": ["object", "null"]},
    ("import_batches", "summary"): {
        "type": "object",
        "properties": {
            **{
                k: {"type": "integer", "minimum": 0, "maximum": MAX_INT}
                for k in (
                    "read",
                    "added",
                    "updated",
                    "unchanged",
                    "matched",
                    "skipped_total",
                    "failed_total",
                )
            },
            "skipped": {"type": "array", "items": {"type": "object"}},
            "failed": {"type": "array", "items": {"type": "object"}},
            "skipped_by_reason": {"type": "object"},
            "added_by_kind": {"type": "object"},
            "dry_run": {"type": "boolean"},
        },
    },
    ("opportunities", "requirements"): _STRINGS,
    ("opportunities", "settings"): _ANY_OBJECT,
    ("interactions", "references"): _STRINGS,
    ("score_history", "parts"): _ANY_OBJECT,
    ("introductions", "evidence"): {"type": "array"},
    ("drafts", "recipients"): {"type": "array"},
}
#: Whole numbers a column takes beyond its type: ratings 1 to 5.
RANGES = {("opportunities", "priority"): (1, 5), ("opportunities", "excitement"): (1, 5)}


def column_schema(table, column) -> dict[str, Any]:
    """The JSON Schema of one column's value."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        found: dict[str, Any] = {"type": "string", "format": "aware-datetime"}
    elif isinstance(kind, Date):
        found = {"type": "string", "format": "record-date"}
    elif isinstance(kind, Boolean):
        found = {"type": "boolean"}
    elif isinstance(kind, Integer):
        low, high = RANGES.get((table.name, column.name), (-MAX_INT, MAX_INT))
        found = {"type": "integer", "minimum": low, "maximum": high}
    elif isinstance(kind, String) and kind.length:
        found = {"type": "string", "maxLength": kind.length, "format": "printable"}
    elif isinstance(kind, String | Text):
        found = {"type": "string", "format": "printable"}
    elif isinstance(kind, JSON):
        found = dict(JSON_SHAPES.get((table.name, column.name), {}))
    else:
        found = {}
    choices = _choices().get((table.name, column.name))
    if choices:
        found["enum"] = sorted(choices)
    if column.nullable and "type" in found:
        types = found["type"] if isinstance(found["type"], list) else [found["type"]]
        found["type"] = [*types, "null"] if "null" not in types else types
        if "enum" in found:
            found["enum"] = [*found["enum"], None]
    return found


@cache
def document_schema() -> dict[str, Any]:
    """The JSON Schema of a whole export, one row schema per table."""
    from topofmind.services.transfer import FORMAT
    from topofmind.store.owned_rows import owned_tables

    tables = {}
    for table in owned_tables():
        columns = {c.name: column_schema(table, c) for c in table.c if c.name != "owner_id"}
        required = [
            c.name
            for c in table.c
            if not c.nullable
            and c.default is None
            and c.name not in ("id", "owner_id")
            and c.server_default is None
        ]
        tables[table.name] = {
            "type": "array",
            "items": {
                "type": "object",
                "properties": columns,
                "required": ["id", *required],
                "additionalProperties": False,
            },
        }
    return {
        "type": "object",
        "required": ["format", "tables"],
        "properties": {
            "format": {"const": FORMAT},
            "tables": {"type": "object", "properties": tables, "additionalProperties": False},
        },
    }


def _checker():
    from jsonschema import FormatChecker

    checker = FormatChecker(())

    @checker.checks("aware-datetime", raises=(ValueError, TypeError))
    def aware(value: object) -> bool:
        if not isinstance(value, str):
            return True
        moment = datetime.fromisoformat(value)
        return moment.tzinfo is not None and EARLIEST_YEAR <= moment.year < LATEST_YEAR

    @checker.checks("record-date", raises=(ValueError, TypeError))
    def day(value: object) -> bool:
        if not isinstance(value, str):
            return True
        found = date.fromisoformat(value)
        return EARLIEST_YEAR <= found.year < LATEST_YEAR

    @checker.checks("printable")
    def printable(value: object) -> bool:
        from topofmind.capture.values import printable as made_printable

        if not isinstance(value, str):
            return True
        return made_printable(value.replace("\t", " ").replace("\n", " ")) == value.replace(
            "\t", " "
        ).replace("\n", " ")

    return checker


_FORMATS = {
    "aware-datetime": "a moment with its zone (2026-11-24T15:00:00+00:00) from 1900 to 2199",
    "record-date": "a date (2026-11-24) from 1900 to 2199",
    "printable": "text without NUL, control characters or lone surrogates",
}


def document_errors(document: Any) -> list[str]:
    """The first ``FIRST_ERRORS`` reasons the document cannot be imported, or none."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(document_schema(), format_checker=_checker())
    errors = []
    for error in validator.iter_errors(document):
        errors.append(_said(error))
        if len(errors) >= FIRST_ERRORS:
            return errors
    if errors:
        return errors
    return _reference_errors(document["tables"])[:FIRST_ERRORS]


def _said(error) -> str:
    path = list(error.absolute_path)
    value = repr(error.instance)
    value = value if len(value) <= 60 else value[:59] + "…"
    if len(path) == 2 and path[0] == "tables" and error.validator == "type":
        return f'"{path[1]}" should be a list of rows'
    if len(path) == 3 and path[0] == "tables" and error.validator == "type":
        return f"Row {int(path[2]) + 1} of {path[1]} is not an object"
    where = "the document"
    if len(path) >= 3 and path[0] == "tables":
        where = f"Row {int(path[2]) + 1} of {path[1]}"
        if len(path) >= 4:
            where += f": {'.'.join(str(p) for p in path[3:])}"
            if error.validator == "format":
                return f"{where} {value} is not {_FORMATS.get(error.validator_value, 'valid')}"
            if error.validator == "enum":
                words = ", ".join(str(w) for w in error.validator_value if w is not None)
                return f"{where} {value} is not one of {words}"
    elif path:
        where = ".".join(str(p) for p in path)
    if error.validator == "format":
        return f"{where}: {value} is not {_FORMATS.get(error.validator_value, 'valid')}"
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"{where} has unknown fields: {extra}"
    if error.validator == "maxLength":
        return f"{where}: {value} is too long (at most {error.validator_value} characters)"
    return f"{where}: {error.message if len(error.message) < 160 else value + ' is not valid'}"


def _reference_errors(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Ids repeated within a table, and references to rows the document lacks."""
    from topofmind.store.owned_rows import owned_tables

    errors: list[str] = []
    ids: dict[str, set[int]] = {}
    for table in owned_tables():
        seen: set[int] = set()
        for index, row in enumerate(tables.get(table.name, [])):
            if row["id"] in seen:
                errors.append(f"Row {index + 1} of {table.name}: id {row['id']} is used twice")
            seen.add(row["id"])
        ids[table.name] = seen
    for table in owned_tables():
        for key in table.foreign_keys:
            column, target = key.parent.name, key.column.table.name
            if column == "owner_id" or target not in ids:
                continue
            for index, row in enumerate(tables.get(table.name, [])):
                value = row.get(column)
                if value is not None and value not in ids[target]:
                    errors.append(
                        f"Row {index + 1} of {table.name}: {column} {value} names no row "
                        f"of {target}"
                    )
    return errors


def _choices():
    from topofmind.services.transfer import _choices as choices

    return choices()
