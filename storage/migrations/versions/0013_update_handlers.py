"""which process handled an update: a copy delivered to another process waits for its replies

A redelivered update that another process handled and is still answering must neither be
handled again nor replay replies the first process is sending; a copy in the process that
handled it replays at once (any earlier copy there has finished). This replaces a PostgreSQL
advisory lock taken around every update on a connection of its own.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.add_column(sa.Column("handled_by", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("processed_updates") as batch_op:
        batch_op.drop_column("handled_by")
