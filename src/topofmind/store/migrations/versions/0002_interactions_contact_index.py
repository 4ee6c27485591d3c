"""An index covering the playbook's read of recent contact.

``store.facts`` reads every interaction of the last weeks (owner, moment, cancelled,
kind, direction, opportunity) to find each person's and opportunity's last contact;
with every column in the index the read never touches the wide interaction rows.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ["owner_id", "at", "cancelled", "kind", "direction", "opportunity_id"]


def upgrade() -> None:
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index("ix_interactions_contact", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_contact")
