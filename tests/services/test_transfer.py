"""Export and import-json (services/transfer.py)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert

from conftest import open_context
from topofmind.errors import BadFile, NotEmpty
from topofmind.services.transfer import FORMAT, export_document, import_document, is_empty
from topofmind.store.schema import opportunities, organizations, owners, stage_changes


def as_text(document) -> str:
    return json.dumps(document, sort_keys=True)


def test_round_trip_into_a_new_database(demo_db, tmp_path, sqlite_record):
    first = export_document(demo_db)
    assert first["format"] == FORMAT
    copy = open_context(sqlite_record("migrated", tmp_path / "copy.db"))
    try:
        counts = import_document(copy, json.loads(as_text(first)))
        assert counts["people"] == 11 and counts["interactions"] == 14
        assert as_text(export_document(copy)) == as_text(first)
        assert copy.profile().name == "Jordan Lee"
    finally:
        copy.db.dispose()


def test_round_trip_from_sqlite_into_postgres(tmp_path, postgres_url, sqlite_record):
    source = open_context(sqlite_record("demo", tmp_path / "source.db"))
    target = open_context(postgres_url)
    try:
        first = export_document(source)
        import_document(target, json.loads(as_text(first)))
        assert as_text(export_document(target)) == as_text(first)
    finally:
        source.db.dispose()
        target.db.dispose()


def test_export_leaves_out_other_owners(demo_db):
    before = as_text(export_document(demo_db))
    with demo_db.db.begin() as conn:
        conn.execute(insert(owners).values(id=2, name="someone else"))
        org = conn.execute(
            insert(organizations)
            .values(owner_id=2, name="Their Org", website="", notes="")
            .returning(organizations.c.id)
        ).scalar_one()
        opp = conn.execute(
            insert(opportunities)
            .values(owner_id=2, organization_id=org, title="Their Role", stage="applied")
            .returning(opportunities.c.id)
        ).scalar_one()
        conn.execute(
            insert(stage_changes).values(opportunity_id=opp, stage="applied", at=demo_db.now)
        )
    assert as_text(export_document(demo_db)) == before


def test_import_refuses_a_database_with_data(demo_db):
    with pytest.raises(NotEmpty, match="empty database"):
        import_document(demo_db, export_document(demo_db))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "not a topofmind export"),
        ({"format": FORMAT}, 'no "tables" object'),
        ({"format": FORMAT, "tables": {"people": {}}}, '"people" should be a list'),
        ({"format": FORMAT, "tables": {"people": [1]}}, "Row 1 of people is not an object"),
        (
            {"format": FORMAT, "tables": {"achievements": [{"id": 1, "achieved_on": "soon"}]}},
            "achieved_on 'soon' is not a date",
        ),
    ],
)
def test_import_refuses_bad_documents(blank_db, document, message):
    with pytest.raises(BadFile, match=message):
        import_document(blank_db, document)
    with blank_db.db.connect() as conn:
        assert is_empty(conn)
