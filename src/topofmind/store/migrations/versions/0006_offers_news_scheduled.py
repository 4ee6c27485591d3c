"""Offers with deadlines, news read marks, scheduled conversations held.

Reserved in the chain so that schema changes can land in any order; it changes nothing
until its part of the schema is written here.

Revision ID: 0006
Revises: 0005
"""

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
