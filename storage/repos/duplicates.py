"""The studios and open applications a new application is checked against (policy.duplicates).

Studios are matched by the master's identity number and the unit's credit code as stored; open
applications by the same answers of their current version (policy/forms/application.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select

from policy.duplicates import ExistingStudioFacts, app_live, studio_live
from policy.states import StudioState, SubmissionStatus
from storage.models import Studio, Submission, SubmissionVersion
from storage.repos.application_facts import LEADER_ID, STUDIO_NAME, UNIT_CREDIT_CODE, answer
from storage.repos.base import Repository

KIND = "application"


@dataclass(frozen=True, slots=True)
class OnRecord:
    """A studio or an open application, with what a unit is shown about it."""

    facts: ExistingStudioFacts
    name: str
    receipt: str | None


class DuplicatesRepo(Repository):
    async def on_record(self, exclude_submission: int | None = None) -> list[OnRecord]:
        """Every studio holding its title and every open application, except one's own."""
        return [*await self._studios(), *await self._applications(exclude_submission)]

    async def _studios(self) -> list[OnRecord]:
        rows = await self.session.execute(
            select(Studio, Submission.receipt_no).outerjoin(
                Submission, Submission.id == Studio.application_id
            )
        )
        found = []
        for studio, receipt in rows:
            live = studio_live(StudioState(studio.status))
            facts = ExistingStudioFacts(
                f"studio:{studio.id}", studio.leader_id_number, studio.unit_credit_code, live
            )
            found.append(OnRecord(facts, studio.name, receipt))
        return found

    async def _applications(self, exclude: int | None) -> list[OnRecord]:
        open_statuses = [s for s in SubmissionStatus if app_live(s)]
        stmt = (
            select(Submission, SubmissionVersion.answers)
            .join(
                SubmissionVersion,
                and_(
                    SubmissionVersion.submission_id == Submission.id,
                    SubmissionVersion.version == Submission.version,
                ),
            )
            .where(Submission.kind == KIND, Submission.status.in_(open_statuses))
        )
        if exclude is not None:
            stmt = stmt.where(Submission.id != exclude)
        found = []
        for submission, answers in await self.session.execute(stmt):
            facts = ExistingStudioFacts(
                f"submission:{submission.id}",
                answer(answers, LEADER_ID),
                answer(answers, UNIT_CREDIT_CODE),
                True,
            )
            name = answer(answers, STUDIO_NAME) or submission.title
            found.append(OnRecord(facts, name, submission.receipt_no))
        return found
