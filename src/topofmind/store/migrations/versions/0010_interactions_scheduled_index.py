"""An index on the conversations still planned when recorded.

Every import and sync ends by moving opportunities on whose planned phone screens or
interviews have since been held (``store.opportunities.held_conversations``). Planned
conversations are a few hundredths of the record, but without an index each batch read
every interaction: about a quarter of a second per batch on 300,000.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_interactions_owner_scheduled", "interactions", ["owner_id", "scheduled"])


def downgrade() -> None:
    op.drop_index("ix_interactions_owner_scheduled", table_name="interactions")
