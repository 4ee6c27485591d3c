"""The kept agenda: actions cached between runs, keyed by the record's version.

Reserved in the chain so that schema changes can land in any order; it changes nothing
until its part of the schema is written here.

Revision ID: 0007
Revises: 0006
"""

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
