"""Addresses and domains never take the id of one removed before them (SQLite).

A sync remembers, per folder, the last address and domain row it knew when it read the
folder, and later looks for the earlier mail of those recorded after it. SQLite gives a
new row the largest id plus one, so an address added just after the newest one was
removed took its id and was never looked for; with AUTOINCREMENT it never reuses one,
as PostgreSQL's sequences never do. PostgreSQL is left as it is.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("person_emails", "organization_domains")


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)


def _rebuild(autoincrement: bool) -> None:
    """Each table rebuilt with its rows, ids and constraints, AUTOINCREMENT or not."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
