"""What each write touched, so that the agenda recomputes only those people and opportunities.

``agenda_touches`` gets a row from the program's writes that know what they are about
(an interaction logged): the sums of the writes counted on the tables the rules read
(``table_writes``, 0008) before and after it, and the people and opportunities it
wrote. A kept agenda whose sum starts an unbroken chain of such rows up to the current
sum is recomputed for those people and opportunities only; any other write breaks the
chain and the agenda is computed in full, as before. The table is not watched by the
triggers: a row of it changes nothing the rules read.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agenda_touches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("reads_before", sa.BigInteger(), nullable=True),
        sa.Column("reads_after", sa.BigInteger(), nullable=True),
        sa.Column("people", sa.JSON(), nullable=False),
        sa.Column("opportunities", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["owners.id"], name="fk_agenda_touches_owner_id_owners"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_agenda_touches"),
    )
    op.create_index("ix_agenda_touches_owner_id", "agenda_touches", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_agenda_touches_owner_id", table_name="agenda_touches")
    op.drop_table("agenda_touches")
