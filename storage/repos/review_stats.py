"""Counts for the agency's /stats: applications, studios and eligibility checks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

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
    """Counts are `count(*)` so the database answers from its indexes alone (index-only scans
    of `ix_submissions_kind_status_category_division` and `ix_studios_status_category`)."""

    async def figures(self) -> Figures:
        by_status: Counter[str | None] = Counter()
        by_category: Counter[str | None] = Counter()
        by_division: Counter[str | None] = Counter()
        for status, category, division, count in await self._applications():
            by_status[str(status)] += count
            by_category[category] += count
            by_division[division] += count
        return Figures(
            by_status=dict(by_status),
            by_category=dict(by_category),
            by_division=dict(by_division),
            studios_by_category=await self._studios_by_category(),
            eligibility=await EligibilityOutcomesRepo(self.session).summary(),
        )

    async def _applications(self) -> list[tuple[str, str | None, str | None, int]]:
        """Applications counted by status, category and division at once: one walk of the
        index, a few hundred groups, where three counts walked it three times."""
        columns = (Submission.status, Submission.category, Submission.division)
        rows = await self.session.execute(
            select(*columns, func.count()).where(Submission.kind == APPLICATION).group_by(*columns)
        )
        return [(status, category, division, int(n)) for status, category, division, n in rows]

    async def _studios_by_category(self) -> dict[str | None, int]:
        rows = await self.session.execute(
            select(Studio.category, func.count())
            .where(Studio.status.in_(HOLDING_TITLE))
            .group_by(Studio.category)
        )
        return {key: int(count) for key, count in rows}
