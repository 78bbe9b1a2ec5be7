"""Eligibility: falsification findings and anonymous check outcomes (issue 3).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("subject_kind", sa.String(8), nullable=False),
        sa.Column("subject_code", sa.String(18), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index(op.f("ix_findings_subject_code"), "findings", ["subject_code"])
    op.create_table(
        "eligibility_outcomes",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("verdict", sa.String(24), nullable=False),
        sa.Column("failed", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eligibility_outcomes")),
    )
    op.create_index(op.f("ix_eligibility_outcomes_at"), "eligibility_outcomes", ["at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_eligibility_outcomes_at"), table_name="eligibility_outcomes")
    op.drop_table("eligibility_outcomes")
    op.drop_index(op.f("ix_findings_subject_code"), table_name="findings")
    op.drop_table("findings")
