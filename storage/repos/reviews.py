"""The review queue and the decisions on submissions (第七条, 第八条).

A decision is one conditional UPDATE: it only lands while the submission is still `submitted`
at the version the reviewer saw. Two reviewers deciding at once therefore cannot both win, on
SQLite (writers are serialised) and on PostgreSQL (the second UPDATE waits for the first to
commit, then re-checks its WHERE clause and finds nothing to change).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from sqlalchemy import CursorResult, func, select, update

from policy.submission_status import DECISIONS, OPEN, SubmissionStatus, return_stands
from storage.models import Submission, SubmissionVersion
from storage.repos.base import Repository

__all__ = [
    "DECISIONS",
    "OPEN",
    "REASON_COLUMN",
    "Decision",
    "DecisionNote",
    "ReturnNote",
    "ReviewsRepo",
    "decision_note",
    "return_note",
]

Decision = Literal[SubmissionStatus.APPROVED, SubmissionStatus.RETURNED, SubmissionStatus.REJECTED]

REASON_COLUMN: Final = Submission.decision_reason
"""The reason of a submission's last decision, for reports that read it in SQL (the workbook)."""


@dataclass(frozen=True, slots=True)
class DecisionNote:
    """What staff wrote with a submission's last decision: the reason of a return or a
    rejection, and the fields a return asked to fix (in the form's order)."""

    reason: str | None
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReturnNote:
    """What staff asked to fix and why when they returned a submission (第七条), as long as it
    stands (:func:`policy.submission_status.return_stands`)."""

    submission_id: int
    receipt: str
    reason: str | None
    fields: tuple[str, ...]
    revised: bool
    """The unit has handed in the revision, which now awaits review."""


def decision_note(submission: Submission) -> DecisionNote:
    return DecisionNote(submission.decision_reason, tuple(submission.fields_to_fix or ()))


def return_note(submission: Submission) -> ReturnNote | None:
    """The return that stands on the submission, if one does."""
    status = SubmissionStatus(submission.status)
    if not return_stands(status, submission.version):
        return None
    note = decision_note(submission)
    revised = status == OPEN
    return ReturnNote(submission.id, submission.receipt_no, note.reason, note.fields, revised)


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
