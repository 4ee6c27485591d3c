"""What a person or organization an import added looked like when the import ended.

``tom import undo`` deletes the people and organizations an import added unless
something uses them since; a person edited by hand since (a title, an address) is
kept too, told by comparing the row with this snapshot.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("batch_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("left_as", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("batch_changes", schema=None) as batch_op:
        batch_op.drop_column("left_as")
