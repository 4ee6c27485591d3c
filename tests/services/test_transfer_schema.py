"""import-json checks a document against the store's tables before writing anything: a
value that would break a later command is refused whole, naming the first errors."""

from __future__ import annotations

import copy
import json

import pytest

from conftest import open_context
from topofmind.errors import BadFile
from topofmind.services.transfer import export_document, import_document, is_empty
from topofmind.services.transfer_schema import document_errors


@pytest.fixture(scope="module")
def demo_document(tmp_path_factory, records):
    sqlite, _ = records
    ctx = open_context(sqlite.copy("demo", tmp_path_factory.mktemp("demo") / "demo.db"))
    try:
        return json.loads(json.dumps(export_document(ctx)))
    finally:
        ctx.db.dispose()


def _set(table: str, column: str, value, row: int = 0):
    def change(tables):
        tables[table][row][column] = value

    return change


def _duplicate_person(tables):
    tables["people"][1]["id"] = tables["people"][0]["id"]


def _string_summary(tables):
    tables["import_batches"].append(
        {
            "id": 900,
            "source": "email",
            "target": "x",
            "started_at": "2026-11-01T10:00:00+00:00",
            "summary": "everything",
        }
    )


POISON = [
    ("emails-5", _set("profiles", "emails", 5), "Row 1 of profiles: emails: 5 is not of type"),
    ("settings-list", _set("opportunities", "settings", [1, 2]), "settings: [1, 2] is not of type"),
    ("requirements-7", _set("opportunities", "requirements", 7), "requirements: 7 is not of type"),
    ("summary-string", _string_summary, "summary: 'everything' is not of type 'object'"),
    ("priority-high", _set("opportunities", "priority", "high"), "priority: 'high' is not of type"),
    ("priority-9", _set("opportunities", "priority", 9), "priority: 9 is greater than the maximum"),
    (
        "dangling",
        _set("interactions", "opportunity_id", 99_999),
        "opportunity_id 99999 names no row",
    ),
    ("duplicate-id", _duplicate_person, "Row 2 of people: id 1 is used twice"),
    (
        "naive-time",
        _set("interactions", "at", "2026-11-24T10:00:00"),
        "is not a moment with its zone",
    ),
    ("integer-time", _set("interactions", "at", 1_700_000_000), "at: 1700000000 is not of type"),
    ("year-9999", _set("interactions", "at", "9999-12-31T23:59:59-12:00"), "from 1900 to 2199"),
    ("surrogate", _set("people", "name", "Dana \ud800"), "is not text without NUL"),
    ("too-long", _set("people", "name", "x" * 301), "is too long"),
    (
        "setting-value",
        _set("opportunities", "settings", {"thank_you_hours": "soon"}),
        "must be int",
    ),
]


@pytest.mark.parametrize(("change", "message"), [p[1:] for p in POISON], ids=[p[0] for p in POISON])
def test_a_poisoned_document_is_refused_whole(blank_db, demo_document, change, message):
    document = copy.deepcopy(demo_document)
    change(document["tables"])
    with pytest.raises(BadFile) as refused:
        import_document(blank_db, document)
    assert message in str(refused.value)
    assert str(refused.value).endswith("Nothing was imported.")
    with blank_db.db.connect() as conn:
        assert is_empty(conn)


def test_the_demo_export_fits_its_own_schema(demo_document):
    assert document_errors(demo_document) == []


def test_only_the_first_errors_are_named(demo_document):
    document = copy.deepcopy(demo_document)
    for person in document["tables"]["people"]:
        person["name"] = 5
    assert len(document_errors(document)) == 5
