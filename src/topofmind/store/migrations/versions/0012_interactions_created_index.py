"""An index on when each interaction was recorded.

A conversation counts as set at short notice from the moment it was recorded, and
not before: when a record is looked at as of an earlier moment (`--now`, a clock set
back), the kept agenda must end when that moment comes. Finding the first such moment
after now is one index seek with this index, instead of a read of every interaction.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_interactions_owner_created", "interactions", ["owner_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_interactions_owner_created", table_name="interactions")
