"""the master files the plan: a studio's master account and binding codes by role

第九条(六): the studio's leading master (领办人) files the year's work plan, beside the unit's
contact. A studio gets the master's Telegram account; a binding code names whom it binds (the
unit's contact or the master), one live code per studio and role. Codes issued before are the
unit contact's. 第十八条: a decision to keep a title put before staff is recorded too.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

LIVE = "used_by IS NULL AND revoked_at IS NULL"


def upgrade() -> None:
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "title_kept_decisions",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("studio_id", big_id, nullable=False),
        sa.Column("through_year", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_title_kept_decisions_studio_id_studios")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_title_kept_decisions")),
    )
    op.create_index(
        op.f("ix_title_kept_decisions_studio_id"), "title_kept_decisions", ["studio_id"]
    )
    with op.batch_alter_table("studios") as batch_op:
        batch_op.add_column(sa.Column("master_user_id", sa.BigInteger(), nullable=True))
        batch_op.create_index("ix_studios_master_user_id", ["master_user_id"])
    op.drop_index("uq_binding_codes_live_studio", table_name="binding_codes")
    with op.batch_alter_table("binding_codes") as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(16), nullable=False, server_default="unit_contact")
        )
    op.create_index(
        "uq_binding_codes_live_studio_role",
        "binding_codes",
        ["studio_id", "role"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )


def downgrade() -> None:
    """Masters' live codes are revoked: one live code per studio holds again."""
    op.get_bind().execute(
        sa.text(
            f"UPDATE binding_codes SET revoked_at = :now WHERE role = 'master' AND {LIVE}"
        ).bindparams(sa.bindparam("now", type_=UTCDateTime())),
        {"now": datetime.now(UTC)},
    )
    op.drop_index("uq_binding_codes_live_studio_role", table_name="binding_codes")
    with op.batch_alter_table("binding_codes") as batch_op:
        batch_op.drop_column("role")
    op.create_index(
        "uq_binding_codes_live_studio",
        "binding_codes",
        ["studio_id"],
        unique=True,
        sqlite_where=sa.text(LIVE),
        postgresql_where=sa.text(LIVE),
    )
    with op.batch_alter_table("studios") as batch_op:
        batch_op.drop_index("ix_studios_master_user_id")
        batch_op.drop_column("master_user_id")
    op.drop_index(op.f("ix_title_kept_decisions_studio_id"), table_name="title_kept_decisions")
    op.drop_table("title_kept_decisions")
