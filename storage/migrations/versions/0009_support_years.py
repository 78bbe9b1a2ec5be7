"""support years: a studio's support period ends on 31 December of its third assessment year

The support period is now counted in assessment years (policy/support.py, 第十三条, 第十六条):
it starts with the December of the year of approval, or of the next year for a studio approved
on or after 1 November, and ends on 31 December of the third. Stored ends are recomputed; the
downgrade restores the earlier reading (the day before the third anniversary). The rule is
written out here, not imported, so that this revision keeps meaning what it meant.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

studios = sa.table(
    "studios",
    sa.column("id", sa.BigInteger()),
    sa.column("approved_on", sa.Date()),
    sa.column("support_ends_on", sa.Date()),
)


def _by_assessment_years(approved_on: date) -> date:
    first = approved_on.year + (1 if (approved_on.month, approved_on.day) >= (11, 1) else 0)
    return date(first + 2, 12, 31)


def _by_anniversary(approved_on: date) -> date:
    try:
        third = approved_on.replace(year=approved_on.year + 3)
    except ValueError:  # 29 February
        third = date(approved_on.year + 3, 3, 1)
    return third - timedelta(days=1)


def _recompute(end_of: Callable[[date], date]) -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(studios.c.id, studios.c.approved_on)).all()
    for studio_id, approved_on in rows:
        bind.execute(
            studios.update()
            .where(studios.c.id == studio_id)
            .values(support_ends_on=end_of(approved_on))
        )


def upgrade() -> None:
    _recompute(_by_assessment_years)


def downgrade() -> None:
    _recompute(_by_anniversary)
