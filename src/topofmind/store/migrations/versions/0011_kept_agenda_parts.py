"""The kept agenda in parts, so that a recompute writes only the parts that changed.

``kept_agendas`` held every action as one JSON text: on a large record, a message
logged rewrote twelve megabytes to change a handful of actions. The actions are now
cut into parts where their ids say so (about one in 64 ends a part, whatever comes
before it), each part stored once under a digest of its text in
``kept_agenda_parts``, and ``kept_agendas.parts`` lists the digests in order. A
recompute of a few groups changes the parts its actions fall in, and writes those
alone. Like the rest of the kept agenda these rows are a cache: what was kept before
is dropped, and the next read computes it again.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM kept_agendas")
    with op.batch_alter_table("kept_agendas") as batch:
        batch.drop_column("actions")
        batch.add_column(sa.Column("parts", sa.Text(), nullable=False))
    op.create_table(
        "kept_agenda_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["owners.id"], name="fk_kept_agenda_parts_owner_id_owners"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_kept_agenda_parts"),
        sa.UniqueConstraint("owner_id", "digest", name="uq_kept_agenda_parts_owner_id_digest"),
    )
    op.create_index("ix_kept_agenda_parts_owner_id", "kept_agenda_parts", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_kept_agenda_parts_owner_id", table_name="kept_agenda_parts")
    op.drop_table("kept_agenda_parts")
    op.execute("DELETE FROM kept_agendas")
    with op.batch_alter_table("kept_agendas") as batch:
        batch.drop_column("parts")
        batch.add_column(sa.Column("actions", sa.Text(), nullable=False))
