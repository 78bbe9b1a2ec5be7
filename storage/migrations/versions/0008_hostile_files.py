"""hostile files: one live binding code per studio, attempt outcomes, studio lookup (issue 15)

Codes: a studio may hold only one live code (not used, not revoked), enforced by a partial
unique index; older live codes are revoked first. Codes count the wrong tries aimed at them.
Attempts record their outcome (ok | wrong | locked) and the studio they aimed at, and are
counted across accounts by time. Studios get an index on (name, unit_name), the import's key.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LIVE = "used_by IS NULL AND revoked_at IS NULL"
NEWEST_LIVE = sa.text(
    "UPDATE binding_codes SET revoked_at = :now WHERE used_by IS NULL AND code <> ("
    " SELECT b.code FROM binding_codes AS b"
    " WHERE b.studio_id = binding_codes.studio_id AND b.used_by IS NULL"
    " ORDER BY b.expires_at DESC, b.code DESC LIMIT 1)"
).bindparams(sa.bindparam("now", type_=UTCDateTime()))


def upgrade() -> None:
    with op.batch_alter_table("binding_codes") as batch_op:
        batch_op.add_column(sa.Column("revoked_at", UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("wrong_tries", sa.Integer(), nullable=False, server_default="0")
        )
    op.get_bind().execute(NEWEST_LIVE, {"now": datetime.now(UTC)})
    op.create_index(
        "uq_binding_codes_live_studio",
        "binding_codes",
        ["studio_id"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )
    with op.batch_alter_table("binding_attempts") as batch_op:
        batch_op.add_column(
            sa.Column("outcome", sa.String(16), nullable=False, server_default="wrong")
        )
        batch_op.add_column(sa.Column("studio_id", sa.BigInteger(), nullable=True))
    op.execute("UPDATE binding_attempts SET outcome = 'ok' WHERE ok")
    op.create_index("ix_binding_attempts_at", "binding_attempts", ["at"])
    op.create_index("ix_studios_name_unit", "studios", ["name", "unit_name"])


def downgrade() -> None:
    op.drop_index("ix_studios_name_unit", table_name="studios")
    op.drop_index("ix_binding_attempts_at", table_name="binding_attempts")
    with op.batch_alter_table("binding_attempts") as batch_op:
        batch_op.drop_column("studio_id")
        batch_op.drop_column("outcome")
    op.drop_index("uq_binding_codes_live_studio", table_name="binding_codes")
    with op.batch_alter_table("binding_codes") as batch_op:
        batch_op.drop_column("wrong_tries")
        batch_op.drop_column("revoked_at")
