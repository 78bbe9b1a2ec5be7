"""Counts for the agency's /stats: applications, studios and eligibility checks."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute

from policy.studio_status import HOLDING_TITLE
from storage.models import Studio, Submission
from storage.repos.base import Repository
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo, EligibilitySummary

APPLICATION = "application"


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything /stats shows; keys are stored codes (None: not filled in)."""

    by_status: dict[str | None, int]
    by_category: dict[str | None, int]
    by_division: dict[str | None, int]
    studios_by_category: dict[str | None, int]
    eligibility: EligibilitySummary


class StatsRepo(Repository):
    async def figures(self) -> Figures:
        return Figures(
            by_status={
                str(k): v for k, v in (await self._applications(Submission.status)).items()
            },
            by_category=await self._applications(Submission.category),
            by_division=await self._applications(Submission.division),
            studios_by_category=await self._studios_by_category(),
            eligibility=await EligibilityOutcomesRepo(self.session).summary(),
        )

    async def _applications(
        self, column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None]
    ) -> dict[str | None, int]:
        rows = await self.session.execute(
            select(column, func.count(Submission.id))
            .where(Submission.kind == APPLICATION)
            .group_by(column)
        )
        return {key: int(count) for key, count in rows}

    async def _studios_by_category(self) -> dict[str | None, int]:
        rows = await self.session.execute(
            select(Studio.category, func.count(Studio.id))
            .where(Studio.status.in_(HOLDING_TITLE))
            .group_by(Studio.category)
        )
        return {key: int(count) for key, count in rows}
