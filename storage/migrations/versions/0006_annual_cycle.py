"""annual cycle: assessments, subsidies, calendar overrides (issue 6)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("studio_id", big_id, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("assessed_by", sa.BigInteger(), nullable=False),
        sa.Column("assessed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_assessments_studio_id_studios")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("studio_id", "year", name="uq_assessments_studio_year"),
    )
    op.create_index(op.f("ix_assessments_studio_id"), "assessments", ["studio_id"])
    op.create_table(
        "subsidies",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("studio_id", big_id, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("booked_by", sa.BigInteger(), nullable=False),
        sa.Column("booked_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_subsidies_studio_id_studios")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidies")),
        sa.UniqueConstraint("studio_id", "year", "kind", name="uq_subsidies_studio_year_kind"),
    )
    op.create_index(op.f("ix_subsidies_studio_id"), "subsidies", ["studio_id"])
    op.create_table(
        "calendar_overrides",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("plan_due", sa.Date(), nullable=True),
        sa.Column("aggregate_due", sa.Date(), nullable=True),
        sa.Column("assessment", sa.Date(), nullable=True),
        sa.Column("set_by", sa.BigInteger(), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_overrides")),
    )


def downgrade() -> None:
    op.drop_table("calendar_overrides")
    op.drop_index(op.f("ix_subsidies_studio_id"), table_name="subsidies")
    op.drop_table("subsidies")
    op.drop_index(op.f("ix_assessments_studio_id"), table_name="assessments")
    op.drop_table("assessments")
