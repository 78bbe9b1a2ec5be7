"""Decisions race safely on both databases: of two reviewers deciding at once, one wins."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from storage.repos.reviews import Decision, ReviewsRepo
from storage.uow import UnitOfWork
from tests.handlers.review.builders import add_submission

Uow = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)


async def _decide(
    uow: Uow, sid: int, by: int, decision: Decision, barrier: asyncio.Barrier | None
) -> bool:
    async with uow() as u:
        repo = u.repo(ReviewsRepo)
        seen = await repo.get(sid)
        assert seen is not None
        if barrier is not None:
            await barrier.wait()  # both transactions have read the open submission
        won = await repo.decide(sid, 1, decision, by, NOW, reason=f"by {by}")
        await u.commit()
        return won


async def test_two_concurrent_decisions_one_wins(uow: Uow) -> None:
    """Two reviewers confirm at once, each having seen version 1 open.

    On PostgreSQL both transactions are open before either writes (the second UPDATE waits for
    the first's row lock, then re-checks). SQLite has one connection per engine here, so "at
    once" means queued for it: the second runs after the first committed, and must see that.
    """
    sid = await add_submission(uow)
    async with uow() as u:
        postgres = u.repo(ReviewsRepo).dialect == "postgresql"
    barrier = asyncio.Barrier(2) if postgres else None
    results = await asyncio.gather(
        _decide(uow, sid, 9001, "approved", barrier),
        _decide(uow, sid, 9002, "rejected", barrier),
    )
    assert sorted(results) == [False, True]
    winner = 9001 if results[0] else 9002
    async with uow() as u:
        sub = await u.repo(ReviewsRepo).get(sid)
        assert sub is not None and sub.decided_by == winner
        assert sub.status == ("approved" if winner == 9001 else "rejected")
        assert sub.decision_reason == f"by {winner}"


async def test_a_decision_for_an_old_version_does_not_land(uow: Uow) -> None:
    sid = await add_submission(uow)
    async with uow() as u:
        repo = u.repo(ReviewsRepo)
        assert not await repo.decide(sid, 2, "approved", 9001, NOW)
        assert await repo.decide(sid, 1, "returned", 9001, NOW, "fix", ["unit_name"])
        assert not await repo.decide(sid, 1, "approved", 9002, NOW)
        await u.commit()
    async with uow() as u:
        sub = await u.repo(ReviewsRepo).get(sid)
        assert sub is not None and sub.status == "returned" and sub.fields_to_fix == ["unit_name"]


async def test_pending_is_oldest_first_and_excludes_decided(uow: Uow) -> None:
    late = await add_submission(uow, minutes=10)
    early = await add_submission(uow, minutes=1)
    decided = await add_submission(uow, minutes=0)
    async with uow() as u:
        repo = u.repo(ReviewsRepo)
        await repo.decide(decided, 1, "rejected", 9001, NOW, "no")
        await u.commit()
    async with uow() as u:
        repo = u.repo(ReviewsRepo)
        assert await repo.pending_count() == 2
        assert [s.id for s in await repo.pending_page(0, 10)] == [early, late]
        assert [s.id for s in await repo.pending_page(1, 10)] == [late]
