"""Writes counted per table, so that a write the rules do not read keeps the agenda.

``table_writes`` holds one count per table of the record, raised by the same triggers
that raise the record's version (migration 0007), whoever writes. The kept agenda
notes the sum of the counts of the tables the rules read when it is computed; while
that sum is the same, a write elsewhere (a draft, a feed's address, an import's
bookkeeping) leaves the rules' output as it was, and the agenda is carried over to
the new version instead of computed again. ``kept_agendas`` gains that sum and a
digest of the rows the rules read from tables they mostly do not (a few decisions,
the profile but for the feed's secret).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: As in 0007, plus the counts themselves.
UNWATCHED = {
    "record_versions",
    "kept_agendas",
    "score_history",
    "alembic_version",
    "table_writes",
}
TRIGGER = "record_version_{table}_{verb}"
FUNCTION = "topofmind_record_changed"
COUNTED = "UPDATE record_versions SET version = version + 1; {table_count}"
TABLE_COUNT = "UPDATE table_writes SET writes = writes + 1 WHERE name = {name};"


def upgrade() -> None:
    op.create_table(
        "table_writes",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("writes", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_table_writes"),
    )
    with op.batch_alter_table("kept_agendas") as batch:
        batch.add_column(sa.Column("read_writes", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("rows_read", sa.String(length=64), nullable=True))
    bind = op.get_bind()
    tables = [t for t in sa.inspect(bind).get_table_names() if t not in UNWATCHED]
    op.bulk_insert(
        sa.table("table_writes", sa.column("name"), sa.column("writes")),
        [{"name": table, "writes": 0} for table in tables],
    )
    _watch(bind, tables, counted=True)


def downgrade() -> None:
    bind = op.get_bind()
    tables = [t for t in sa.inspect(bind).get_table_names() if t not in UNWATCHED]
    _watch(bind, tables, counted=False)
    with op.batch_alter_table("kept_agendas") as batch:
        batch.drop_column("rows_read")
        batch.drop_column("read_writes")
    op.drop_table("table_writes")


#: PostgreSQL's trigger (one per statement): the version and the table's count are
#: raised at the first write of each transaction only, noted in a setting local to the
#: transaction (undone with it, and with a savepoint rolled back). Raising them at every
#: statement updated the same two rows again and again within one transaction, each
#: update slower than the last: an import of 10,000 statements spent seconds there.
ONCE_PER_TRANSACTION = """
BEGIN
  IF coalesce(current_setting('topofmind.written', true), '') = '' THEN
    UPDATE record_versions SET version = version + 1;
    PERFORM set_config('topofmind.written', 'yes', true);
  END IF;
  IF coalesce(current_setting('topofmind.written_' || TG_TABLE_NAME, true), '') = '' THEN
    UPDATE table_writes SET writes = writes + 1 WHERE name = TG_TABLE_NAME;
    PERFORM set_config('topofmind.written_' || TG_TABLE_NAME, 'yes', true);
  END IF;
  RETURN NULL;
END;
"""


def _watch(bind, tables: list[str], counted: bool) -> None:
    """Each table's trigger raising the record's version, and its own count when
    ``counted`` (0007's triggers otherwise)."""
    if bind.dialect.name == "postgresql":
        body = (
            ONCE_PER_TRANSACTION
            if counted
            else f"BEGIN {COUNTED.format(table_count='')} RETURN NULL; END;"
        )
        op.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$ {body} $$ "
            "LANGUAGE plpgsql"
        )
        return
    for table in tables:
        count = TABLE_COUNT.format(name=f"'{table}'") if counted else ""
        for verb in ("insert", "update", "delete"):
            name = TRIGGER.format(table=table, verb=verb)
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(
                f"CREATE TRIGGER {name} AFTER {verb.upper()} ON {table} "
                f"BEGIN {COUNTED.format(table_count=count)} END"
            )
