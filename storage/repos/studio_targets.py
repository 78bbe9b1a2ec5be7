"""A studio's targets for a year (第九条), read in one place by the report, /assess and the export.

The heritage flag is the studio's (recorded, or its heritage sector: 第二条); the agency's figures
are those set for the year, else the older per-studio figures an import may have brought.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from sqlalchemy import and_, select, tuple_

from policy.categories import StudioCategory
from policy.targets import TargetOverride, Targets, carries_heritage, targets_for
from storage.models import Studio, Submission, YearTargets
from storage.repos.base import Repository


class StudioTargetFacts(Protocol):
    """What of a studio decides its targets (a Studio row or an export row)."""

    @property
    def category(self) -> str: ...
    @property
    def sector(self) -> str | None: ...
    @property
    def intangible_heritage(self) -> bool: ...
    @property
    def min_trainees(self) -> int | None: ...
    @property
    def min_certified(self) -> int | None: ...


def resolve(studio: StudioTargetFacts, year_row: YearTargets | None) -> Targets:
    """第九条: the year's targets from the studio's facts and the agency's figures, if any."""
    override = None
    if year_row is not None:
        override = TargetOverride(year_row.trainees, year_row.certified, year_row.reason)
    elif studio.min_trainees is not None:
        override = TargetOverride(studio.min_trainees, studio.min_certified)
    heritage = carries_heritage(studio.sector, bool(studio.intangible_heritage))
    return targets_for(StudioCategory(studio.category), heritage=heritage, override=override)


class StudioTargetsRepo(Repository):
    async def row(self, studio_id: int, year: int) -> YearTargets | None:
        return await self.session.scalar(
            select(YearTargets).where(YearTargets.studio_id == studio_id, YearTargets.year == year)
        )

    async def rows(self, keys: Collection[tuple[int, int]]) -> dict[tuple[int, int], YearTargets]:
        """(studio id, year) → the agency's figures, in one query for a whole sheet."""
        if not keys:
            return {}
        found = await self.session.scalars(
            select(YearTargets).where(tuple_(YearTargets.studio_id, YearTargets.year).in_(keys))
        )
        return {(r.studio_id, r.year): r for r in found}

    async def for_filed(self, kind: str) -> dict[tuple[int, int], YearTargets]:
        """(studio id, year) → the agency's figures, for every year a ``kind`` was filed for.

        The same figures `rows` gives for those keys, found by a join rather than a list of
        keys, so a sheet can stream its submissions after asking.
        """
        filed = (
            select(Submission.studio_id, Submission.year)
            .where(Submission.kind == kind)
            .distinct()
            .subquery()
        )
        found = await self.session.scalars(
            select(YearTargets).join(
                filed,
                and_(filed.c.studio_id == YearTargets.studio_id, filed.c.year == YearTargets.year),
            )
        )
        return {(r.studio_id, r.year): r for r in found}

    async def for_year(self, studio: Studio, year: int) -> Targets:
        return resolve(studio, await self.row(studio.id, year))

    async def by_studio(self, studio_id: int) -> list[YearTargets]:
        found = await self.session.scalars(
            select(YearTargets)
            .where(YearTargets.studio_id == studio_id)
            .order_by(YearTargets.year)
        )
        return list(found)

    async def put(
        self, studio_id: int, year: int, override: TargetOverride, by: int, at: datetime
    ) -> None:
        """Set (or replace) the year's figures; the audit keeps what they were."""
        row = await self.row(studio_id, year)
        if row is None:
            row = YearTargets(studio_id=studio_id, year=year)
            self.session.add(row)
        row.trainees, row.certified = override.trainees, override.certified
        row.reason, row.set_by, row.set_at = override.reason or "", by, at
        await self.session.flush()
