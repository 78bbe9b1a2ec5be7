"""The console's queries on both databases: the filtered queue and studios' years."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from storage.repos.annual import AssessmentsRepo, SubsidiesRepo
from storage.repos.review_queue import QueueFilter, ReviewQueueRepo
from storage.repos.reviews import ReviewsRepo
from storage.repos.studio_state import StudioStateRepo, YearRecord
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.handlers.review.builders import ANSWERS, add_submission

Uow = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)


async def test_the_queue_filters_and_orders(uow: Uow) -> None:
    old = await add_submission(uow, answers={**ANSWERS, "division": "erqi"}, minutes=0)
    new = await add_submission(uow, answers={**ANSWERS, "studio_name": "B"}, minutes=5)
    plan = await add_submission(uow, kind="plan", answers={"studio_name": "P"}, minutes=9)
    async with uow() as u:
        assert await u.repo(ReviewsRepo).decide(old, 1, "approved", 9001, NOW)
        await u.commit()
    async with uow() as u:
        repo = u.repo(ReviewQueueRepo)
        assert [s.id for s in await repo.page(QueueFilter(), 0, 10)] == [new, plan]
        everything = QueueFilter(status=None)
        assert [s.id for s in await repo.page(everything, 0, 10)] == [old, plan, new]
        assert [s.id for s in await repo.page(everything, 1, 1)] == [plan]
        erqi = QueueFilter(status=None, kind="application", division="erqi")
        assert await repo.count(erqi) == 1
        assert await repo.count(QueueFilter(category="modern_tech", year=2027)) == 1
        assert await repo.count(QueueFilter(status="approved", year=2026)) == 0
        assert await repo.years() == [2027]


async def test_studio_years_gather_assessments_and_booked_subsidies(uow: Uow) -> None:
    first, second = await add_studio(uow), await add_studio(uow, name="乙工作室")
    async with uow() as u:
        await u.repo(AssessmentsRepo).record(first, 2025, True, "", 9001, NOW)
        await u.repo(SubsidiesRepo).settle(first, 2025, 20_000, 9001, NOW)
        await u.repo(SubsidiesRepo).settle(first, 2026, 20_000, 9001, NOW)
        await u.repo(SubsidiesRepo).settle(first, 2026, 0, 9001, NOW)  # cancelled again
        await u.repo(AssessmentsRepo).record(first, 2026, False, "", 9001, NOW)
        await u.commit()
    async with uow() as u:
        records = await u.repo(StudioStateRepo).records([first, second])
        assert records == {
            first: {2025: YearRecord(True, 20_000), 2026: YearRecord(False, 0)},
            second: {},
        }
        assert await u.repo(StudioStateRepo).records([]) == {}
