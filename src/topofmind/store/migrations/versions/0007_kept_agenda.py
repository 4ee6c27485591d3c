"""The kept agenda: the rules' output kept between runs, keyed by the record's version.

``record_versions`` holds one counter that a trigger on every table of the record
raises with each insert, update or delete, whoever writes (this program, another
version of it, a person at the ``sqlite3`` prompt). ``kept_agendas`` holds the
actions the rules proposed at that version, the moment they were computed, and until
when the passing of time cannot change them; the agenda is read from there while the
counter, the settings and the code are the same and the moment falls in that window.
Nothing here is a second source of truth: deleting both tables' rows only costs one
full recompute.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: Tables whose writes do not change what the rules read: the counter itself, the kept
#: agenda, the scores recorded as the agenda is read, and the migrations' own table.
UNWATCHED = {"record_versions", "kept_agendas", "score_history", "alembic_version"}
TRIGGER = "record_version_{table}_{verb}"
FUNCTION = "topofmind_record_changed"


def _owned(table: str, *columns) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(["owner_id"], ["owners.id"], name=f"fk_{table}_owner_id_owners"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("owner_id", name=f"uq_{table}_owner_id"),
    )
    op.create_index(f"ix_{table}_owner_id", table, ["owner_id"], unique=False)


def upgrade() -> None:
    _owned("record_versions", sa.Column("version", sa.BigInteger(), nullable=False))
    _owned(
        "kept_agendas",
        sa.Column("record_version", sa.BigInteger(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actions", sa.Text(), nullable=False),
    )
    watch_every_table()


def watch_every_table() -> None:
    """A trigger on each table of the record raising the counter on every write."""
    bind = op.get_bind()
    tables = [t for t in sa.inspect(bind).get_table_names() if t not in UNWATCHED]
    if bind.dialect.name == "postgresql":
        op.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$ "
            "BEGIN UPDATE record_versions SET version = version + 1; RETURN NULL; END; "
            "$$ LANGUAGE plpgsql"
        )
        for table in tables:
            op.execute(
                f"CREATE TRIGGER {TRIGGER.format(table=table, verb='write')} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
        return
    for table in tables:
        for verb in ("insert", "update", "delete"):
            op.execute(
                f"CREATE TRIGGER {TRIGGER.format(table=table, verb=verb)} "
                f"AFTER {verb.upper()} ON {table} "
                "BEGIN UPDATE record_versions SET version = version + 1; END"
            )


def downgrade() -> None:
    bind = op.get_bind()
    tables = [t for t in sa.inspect(bind).get_table_names() if t not in UNWATCHED]
    if bind.dialect.name == "postgresql":
        for table in tables:
            op.execute(
                f"DROP TRIGGER IF EXISTS {TRIGGER.format(table=table, verb='write')} ON {table}"
            )
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    else:
        for table in tables:
            for verb in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER.format(table=table, verb=verb)}")
    op.drop_table("kept_agendas")
    op.drop_table("record_versions")
