"""Plans and reports: one submission per studio, kind and year; a new filing is a new version.

Filing again (not only after a return for revision) appends a version, so what was handed in
before stays as it was (第八条). Filing also withdraws the reminders about it that are still
waiting in the outbox for the morning: a reminder stops once the thing is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from storage.models import Submission
from storage.repos.base import Repository
from storage.repos.drafts import DraftsRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.submissions import SUBMITTED, SubmissionsRepo

REMINDER_SERIES = {"plan": ("plan", "plan_overdue"), "report": ("report",)}


class AnnualFilingsRepo(Repository):
    async def find(self, kind: str, studio_id: int, year: int) -> Submission | None:
        return await self.session.scalar(
            select(Submission)
            .where(
                Submission.kind == kind,
                Submission.studio_id == studio_id,
                Submission.year == year,
            )
            .order_by(Submission.id)
            .limit(1)
        )

    async def add_version(
        self,
        submission: Submission,
        draft_id: int,
        answers: Mapping[str, Any],
        by: int,
        now: datetime,
    ) -> Submission | None:
        """The next version of ``submission`` from the draft; None if it was handed in already."""
        drafts = DraftsRepo(self.session)
        draft = await drafts.get(draft_id)
        if draft is None:
            return None
        submissions = SubmissionsRepo(self.session)
        files = await submissions.snapshot_files(draft)
        if not await drafts.claim(draft):
            return None
        submission.version += 1
        submission.status = SUBMITTED
        submission.updated_at = now
        submissions.append_version(submission, answers, files, by, now)
        await self.session.flush()
        return submission

    async def withdraw_reminders(self, kind: str, studio_id: int, year: int) -> int:
        """Cancel this studio's reminders about ``kind`` of ``year`` not sent yet."""
        cancelled = 0
        for series in REMINDER_SERIES.get(kind, ()):
            key = f"rem:{series}:{year}:%:s{studio_id}:%"
            cancelled += await OutboxRepo(self.session).cancel_pending(key)
        return cancelled
