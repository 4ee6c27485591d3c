"""The schema after migrating is exactly the one ``store/schema.py`` declares.

Alembic compares the migrated database with ``schema.metadata`` and must find
nothing to change, on SQLite and on PostgreSQL; the table list is spelled out so
that adding a table is a visible decision; ``migrations.HEAD`` (read without
loading Alembic when a database opens) must name the newest script.
"""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from conftest import open_context
from topofmind.store import migrations
from topofmind.store.schema import metadata

TABLES = [
    "achievements",
    "agenda_touches",
    "alembic_version",
    "batch_changes",
    "decisions",
    "drafts",
    "events",
    "feeds",
    "import_batches",
    "interaction_notes",
    "interaction_participants",
    "interactions",
    "introductions",
    "kept_agenda_parts",
    "kept_agendas",
    "news_items",
    "opportunities",
    "opportunity_people",
    "organization_domains",
    "organizations",
    "owners",
    "people",
    "person_emails",
    "person_phones",
    "profiles",
    "questions",
    "record_versions",
    "requests",
    "score_history",
    "stage_changes",
    "sync_state",
    "table_writes",
]


def test_migrated_schema_matches_the_declared_one(db_url):
    ctx = open_context(db_url)
    try:
        with ctx.db.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
            assert sorted(inspect(conn).get_table_names()) == TABLES
            stored = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert stored == migrations.HEAD
    finally:
        ctx.db.dispose()


def test_every_job_search_table_is_keyed_by_owner():
    """A row has an owner, or hangs (on delete cascade) from a row that has one; but for
    the count of writes per table, which is the database's, every owner's together."""
    for table in metadata.sorted_tables:
        if table.name in ("owners", "table_writes") or "owner_id" in table.c:
            continue
        parents = [
            key
            for key in table.foreign_keys
            if "owner_id" in key.column.table.c and key.ondelete == "CASCADE"
        ]
        assert parents, f"{table.name} has no owner_id and no owned parent"


def test_head_names_the_newest_migration_script():
    config = Config()
    config.set_main_option("script_location", migrations.__path__[0])
    assert ScriptDirectory.from_config(config).get_current_head() == migrations.HEAD


def test_messages_keep_their_rows_through_the_purpose_revision(db_url):
    """0005 adds interactions.purpose (empty for what was recorded before it) and takes it
    away again on the way down, every message kept."""
    from alembic import command
    from sqlalchemy import insert, select

    from topofmind.store.database import _alembic_config
    from topofmind.store.rows import OWNER
    from topofmind.store.schema import interactions

    ctx = open_context(db_url)
    try:
        with ctx.db.engine.begin() as conn:
            conn.execute(
                insert(interactions).values(
                    owner_id=OWNER, at=ctx.now, kind="email", direction="out", purpose="reply"
                )
            )
        with ctx.db.engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0004")
        with ctx.db.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("interactions")}
            assert "purpose" not in columns
            assert conn.execute(text("SELECT count(*) FROM interactions")).scalar() == 1
        with ctx.db.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
        with ctx.db.engine.connect() as conn:
            assert conn.execute(select(interactions.c.purpose)).scalars().all() == [None]
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        ctx.db.dispose()


def test_upgrading_keeps_every_row_that_points_at_a_rebuilt_table(db_url):
    """A record from before the offer columns, upgraded: its people on opportunities, stage
    changes and messages' opportunities are all still there (on SQLite a table rebuilt
    with foreign keys on would have deleted or emptied them)."""
    from alembic import command

    from topofmind.services.demo import load_demo
    from topofmind.store.database import _alembic_config, migrate_database, migrating

    counts = {
        "opportunity_people": "SELECT count(*) FROM opportunity_people",
        "stage_changes": "SELECT count(*) FROM stage_changes",
        "messages on an opportunity": "SELECT count(opportunity_id) FROM interactions",
        "questions": "SELECT count(*) FROM questions",
    }
    ctx = open_context(db_url)
    try:
        load_demo(ctx)

        def read() -> dict[str, int]:
            with ctx.db.engine.connect() as conn:
                return {name: conn.execute(text(sql)).scalar() for name, sql in counts.items()}

        before = read()
        assert before["opportunity_people"] and before["messages on an opportunity"]
        with migrating(ctx.db) as conn:
            command.downgrade(_alembic_config(conn), "0004")
        assert read() == before
        migrate_database(ctx.db)
        assert read() == before
    finally:
        ctx.db.dispose()
