"""Every message has a purpose (thank-you, reply, follow-up, ...).

Reserved in the chain so that schema changes can land in any order; it changes nothing
until its part of the schema is written here.

Revision ID: 0005
Revises: 0004
"""

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
