"""Every message has a purpose (thank-you, reply, follow-up, ...).

``interactions.purpose`` holds what a message of ours is for, so the guards count only
unprompted follow-ups toward the unanswered cap. Empty where it is not known (mail
recorded before this revision, words that do not tell): the playbook then infers it
from the order of messages. The contact index gains the column, so the playbook's
read of recent contact still never touches the wide interaction rows.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = ["owner_id", "at", "cancelled", "kind", "direction", "opportunity_id"]


def upgrade() -> None:
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purpose", sa.String(length=20), nullable=True))
        batch_op.drop_index("ix_interactions_contact")
        batch_op.create_index("ix_interactions_contact", [*COLUMNS, "purpose"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_contact")
        batch_op.create_index("ix_interactions_contact", COLUMNS, unique=False)
        batch_op.drop_column("purpose")
