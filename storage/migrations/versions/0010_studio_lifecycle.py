"""studio lifecycle: renewed support periods, heritage targets, acceptance, revocation

第九条第一项 (a heritage studio's targets by year, with the reason), 第十二条 (acceptance and
the plaque), 第十六条第二款 (a renewed support period beside the first), 第十七、十八条 (the
decision that ends the title: ground, 文号, date, who decided, equipment to recover).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _studio_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["studio_id"], ["studios.id"], name=op.f(f"fk_{table}_studio_id_studios")
    )


def upgrade() -> None:
    op.create_table(
        "support_periods",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("studio_id", big_id, nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("first_year", sa.Integer(), nullable=False),
        sa.Column("renewal", sa.Boolean(), nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=False),
        sa.Column("document_number", sa.String(64), nullable=True),
        _studio_fk("support_periods"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_periods")),
        sa.UniqueConstraint("studio_id", "first_year", name="uq_support_periods_year"),
    )
    op.create_index(op.f("ix_support_periods_studio_id"), "support_periods", ["studio_id"])
    op.create_table(
        "studio_targets",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("studio_id", big_id, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("trainees", sa.Integer(), nullable=False),
        sa.Column("certified", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("set_by", sa.BigInteger(), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        _studio_fk("studio_targets"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_studio_targets")),
        sa.UniqueConstraint("studio_id", "year", name="uq_studio_targets_year"),
    )
    op.create_index(op.f("ix_studio_targets_studio_id"), "studio_targets", ["studio_id"])
    op.create_table(
        "studio_acceptances",
        sa.Column("studio_id", big_id, nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        _studio_fk("studio_acceptances"),
        sa.PrimaryKeyConstraint("studio_id", name=op.f("pk_studio_acceptances")),
    )
    op.create_table(
        "revocation_decisions",
        sa.Column("studio_id", big_id, nullable=False),
        sa.Column("ground", sa.String(32), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("document_number", sa.String(500), nullable=False),
        sa.Column("decided_by", sa.String(500), nullable=False),
        sa.Column("equipment_to_recover", sa.String(500), nullable=False),
        sa.Column("recorded_by", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        _studio_fk("revocation_decisions"),
        sa.PrimaryKeyConstraint("studio_id", name=op.f("pk_revocation_decisions")),
    )


def downgrade() -> None:
    op.drop_table("revocation_decisions")
    op.drop_table("studio_acceptances")
    op.drop_index(op.f("ix_studio_targets_studio_id"), table_name="studio_targets")
    op.drop_table("studio_targets")
    op.drop_index(op.f("ix_support_periods_studio_id"), table_name="support_periods")
    op.drop_table("support_periods")
