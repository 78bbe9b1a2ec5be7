"""Where each studio stands in its support period: assessments and work subsidies by year.

One query per table for a whole page of studios, keyed by studio id, so a list of studios
costs three queries however long it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from policy.money import SubsidyStatus
from storage.models import Assessment, Subsidy
from storage.repos.base import Repository


@dataclass(frozen=True, slots=True)
class YearRecord:
    """A studio's year: its assessment (None: not yet) and its booked work subsidy."""

    passed: bool | None = None
    subsidy: int = 0


class StudioStateRepo(Repository):
    async def records(self, studio_ids: Sequence[int]) -> dict[int, dict[int, YearRecord]]:
        """studio id → year → what was recorded that year (booked work subsidies only)."""
        passed: dict[tuple[int, int], bool] = {}
        booked: dict[tuple[int, int], int] = defaultdict(int)
        if studio_ids:
            rows = await self.session.execute(
                select(Assessment.studio_id, Assessment.year, Assessment.passed).where(
                    Assessment.studio_id.in_(studio_ids)
                )
            )
            passed = {(int(s), int(y)): bool(p) for s, y, p in rows}
            money = await self.session.execute(
                select(Subsidy.studio_id, Subsidy.year, Subsidy.amount).where(
                    Subsidy.studio_id.in_(studio_ids),
                    Subsidy.kind == "work",
                    Subsidy.status == SubsidyStatus.BOOKED,
                )
            )
            for studio, year, amount in money:
                booked[(int(studio), int(year))] += int(amount)
        out: dict[int, dict[int, YearRecord]] = {sid: {} for sid in studio_ids}
        for key in {*passed, *booked}:
            out[key[0]][key[1]] = YearRecord(passed.get(key), booked.get(key, 0))
        return out
