"""The review console's queue: submissions of any state, filtered and paged.

Open submissions come the one waiting longest first (as /pending lists them); decided ones the
most recent first, which is what a reviewer looking back wants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, true

from storage.models import Submission
from storage.repos.base import Repository
from storage.repos.reviews import OPEN


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Each field narrows the queue when given; None lets everything through."""

    kind: str | None = None
    status: str | None = OPEN
    category: str | None = None
    division: str | None = None
    year: int | None = None

    def where(self) -> ColumnElement[bool]:
        wanted = {
            Submission.kind: self.kind,
            Submission.status: self.status,
            Submission.category: self.category,
            Submission.division: self.division,
            Submission.year: self.year,
        }
        given = (column == value for column, value in wanted.items() if value is not None)
        return and_(true(), *given)


class ReviewQueueRepo(Repository):
    async def count(self, wanted: QueueFilter) -> int:
        stmt = select(func.count(Submission.id)).where(wanted.where())
        return int(await self.session.scalar(stmt) or 0)

    async def page(self, wanted: QueueFilter, offset: int, limit: int) -> list[Submission]:
        rows = await self.session.scalars(
            _ordered(select(Submission), wanted).offset(offset).limit(limit)
        )
        return list(rows)

    async def years(self) -> list[int]:
        """Every year something was handed in for, the latest first."""
        rows = await self.session.scalars(
            select(Submission.year).distinct().order_by(Submission.year.desc())
        )
        return [int(year) for year in rows]


def _ordered(stmt: Select[Any], wanted: QueueFilter) -> Select[Any]:
    stmt = stmt.where(wanted.where())
    if wanted.status == OPEN:
        return stmt.order_by(Submission.updated_at, Submission.id)
    return stmt.order_by(Submission.updated_at.desc(), Submission.id.desc())
