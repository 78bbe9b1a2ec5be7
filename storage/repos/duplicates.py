"""The studios and open applications a new application is checked against (policy.duplicates).

Studios are matched by the master's identity number and the unit's credit code as stored; open
applications by the same answers of their current version (policy/forms/application.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

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
    async def naming_master(
        self, master_key: str, exclude_submission: int | None = None
    ) -> list[OnRecord]:
        """The studios and open applications (but one's own) whose master may be this one.

        The database narrows by the identity number containing the key, case aside, a
        superset of policy.duplicates' match (spaces around it, case); the rule decides on
        these few rather than on every studio and application loaded per summary page."""
        return [
            *await self._studios(master_key),
            *await self._applications(master_key, exclude_submission),
        ]

    async def _studios(self, master_key: str) -> list[OnRecord]:
        rows = await self.session.execute(
            select(
                Studio.id,
                Studio.status,
                Studio.leader_id_number,
                Studio.unit_credit_code,
                Studio.name,
                Submission.receipt_no,
            )
            .outerjoin(Submission, Submission.id == Studio.application_id)
            .where(func.upper(Studio.leader_id_number).contains(master_key, autoescape=True))
        )
        return [
            OnRecord(
                ExistingStudioFacts(
                    f"studio:{studio_id}", leader, unit, studio_live(StudioState(status))
                ),
                name,
                receipt,
            )
            for studio_id, status, leader, unit, name, receipt in rows
        ]

    async def _applications(self, master_key: str, exclude: int | None) -> list[OnRecord]:
        open_statuses = [s for s in SubmissionStatus if app_live(s)]
        leader = SubmissionVersion.answers[LEADER_ID].as_string()
        stmt = (
            select(
                Submission.id, Submission.title, Submission.receipt_no, SubmissionVersion.answers
            )
            .join(
                SubmissionVersion,
                and_(
                    SubmissionVersion.submission_id == Submission.id,
                    SubmissionVersion.version == Submission.version,
                ),
            )
            .where(
                Submission.kind == KIND,
                Submission.status.in_(open_statuses),
                func.upper(leader).contains(master_key, autoescape=True),
            )
        )
        if exclude is not None:
            stmt = stmt.where(Submission.id != exclude)
        found = []
        for submission_id, title, receipt, answers in await self.session.execute(stmt):
            facts = ExistingStudioFacts(
                f"submission:{submission_id}",
                answer(answers, LEADER_ID),
                answer(answers, UNIT_CREDIT_CODE),
                True,
            )
            found.append(OnRecord(facts, answer(answers, STUDIO_NAME) or title, receipt))
        return found
