"""Offers carry their deadline and terms.

An opportunity at the offer stage records by when the decision is due
(``offer_deadline``) and, optionally, what was offered (``offer_terms``): the decision
is an action due by that deadline whatever was sent since. News read marks and held
scheduled conversations use columns that exist already.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("offer_deadline", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("offer_terms", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name != "sqlite":
        # On SQLite the default stays: dropping it would rebuild the whole table.
        op.alter_column("opportunities", "offer_terms", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_column("offer_terms")
        batch_op.drop_column("offer_deadline")
