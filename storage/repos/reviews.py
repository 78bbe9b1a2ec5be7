"""The review queue and the decisions on submissions (第七条, 第八条).

A decision is one conditional UPDATE: it only lands while the submission is still `submitted`
at the version the reviewer saw. Two reviewers deciding at once therefore cannot both win, on
SQLite (writers are serialised) and on PostgreSQL (the second UPDATE waits for the first to
commit, then re-checks its WHERE clause and finds nothing to change).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import CursorResult, func, select, update

from policy.submission_status import DECISIONS, OPEN, SubmissionStatus
from storage.models import Submission, SubmissionVersion
from storage.repos.base import Repository

__all__ = ["DECISIONS", "OPEN", "Decision", "ReviewsRepo"]

Decision = Literal[SubmissionStatus.APPROVED, SubmissionStatus.RETURNED, SubmissionStatus.REJECTED]


class ReviewsRepo(Repository):
    async def pending_count(self) -> int:
        stmt = select(func.count(Submission.id)).where(Submission.status == OPEN)
        return int(await self.session.scalar(stmt) or 0)

    async def pending_page(self, offset: int, limit: int) -> list[Submission]:
        """Open submissions, the one waiting longest first (a resubmission waits anew)."""
        rows = await self.session.scalars(
            select(Submission)
            .where(Submission.status == OPEN)
            .order_by(Submission.updated_at, Submission.id)
            .offset(offset)
            .limit(limit)
        )
        return list(rows)

    async def get(self, submission_id: int) -> Submission | None:
        return await self.session.get(Submission, submission_id)

    async def fresh(self, submission_id: int) -> Submission | None:
        """The row as committed now, not as this session first saw it (after a lost race)."""
        return await self.session.scalar(
            select(Submission)
            .where(Submission.id == submission_id)
            .execution_options(populate_existing=True)
        )

    async def version(self, submission_id: int, version: int) -> SubmissionVersion | None:
        return await self.session.scalar(
            select(SubmissionVersion).where(
                SubmissionVersion.submission_id == submission_id,
                SubmissionVersion.version == version,
            )
        )

    async def decide(
        self,
        submission_id: int,
        version: int,
        decision: Decision,
        by: int,
        at: datetime,
        reason: str | None = None,
        fields_to_fix: list[str] | None = None,
    ) -> bool:
        """Record the decision if the submission is still open at `version`; True if it won."""
        result = await self.session.execute(
            update(Submission)
            .where(
                Submission.id == submission_id,
                Submission.status == OPEN,
                Submission.version == version,
            )
            .values(
                status=decision,
                decided_by=by,
                decided_at=at,
                updated_at=at,
                decision_reason=reason,
                fields_to_fix=fields_to_fix,
            )
            .execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult)
        won = result.rowcount == 1
        if won:
            await self.fresh(submission_id)
        return won
