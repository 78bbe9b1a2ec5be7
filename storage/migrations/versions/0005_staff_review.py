"""staff review: decisions, staff, studios import and binding (issue 5)

Limits wrong binding codes per user and hour, so codes cannot be guessed by brute force.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "binding_attempts",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_binding_attempts")),
    )
    op.create_index("ix_binding_attempts_user_at", "binding_attempts", ["user_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_binding_attempts_user_at", table_name="binding_attempts")
    op.drop_table("binding_attempts")
