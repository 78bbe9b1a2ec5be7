"""Anonymous eligibility outcomes add up to the staff's statistics, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect

from policy.eligibility import ConditionCode, Verdict
from storage.models import EligibilityOutcome
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo, EligibilitySummary
from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]
C = ConditionCode
V = Verdict
JAN = datetime(2027, 1, 15, tzinfo=UTC)
MAR = datetime(2027, 3, 15, tzinfo=UTC)


async def _record(
    uow: Uow, *outcomes: tuple[Verdict, tuple[ConditionCode, ...], datetime]
) -> None:
    async with uow() as u:
        repo = u.repo(EligibilityOutcomesRepo)
        for verdict, failed, at in outcomes:
            await repo.record(verdict, failed, at=at)
        await u.commit()


async def test_summary_counts_verdicts_and_failing_conditions(uow: Uow) -> None:
    await _record(
        uow,
        (V.ELIGIBLE, (), JAN),
        (V.EXCEPTIONAL_ONLY, (C.B1,), JAN),
        (V.NOT_ELIGIBLE, (C.B1, C.EXC), MAR),
        (V.NOT_ELIGIBLE, (C.R1, C.R2, C.R3, C.EXC), MAR),
        (V.BARRED, (C.BAR,), MAR),
    )
    async with uow() as u:
        summary = await u.repo(EligibilityOutcomesRepo).summary()
    assert (summary.total, summary.passed, summary.exceptional) == (5, 1, 1)
    assert (summary.not_eligible, summary.barred) == (2, 1)
    assert summary.failing_counts == {"B1": 2, "EXC": 2, "R1": 1, "R2": 1, "R3": 1, "BAR": 1}
    assert summary.most_common_failure == "B1"  # tie with EXC: the earlier condition wins


async def test_summary_of_a_period(uow: Uow) -> None:
    await _record(uow, (V.ELIGIBLE, (), JAN), (V.NOT_ELIGIBLE, (C.B2,), MAR))
    async with uow() as u:
        repo = u.repo(EligibilityOutcomesRepo)
        march = await repo.summary(since=datetime(2027, 3, 1, tzinfo=UTC))
        january = await repo.summary(until=datetime(2027, 2, 1, tzinfo=UTC))
        assert await repo.count() == 2
    assert (march.total, march.passed, march.failing_counts) == (1, 0, {"B2": 1})
    assert (january.total, january.passed, january.most_common_failure) == (1, 1, None)


async def test_empty_summary(uow: Uow) -> None:
    async with uow() as u:
        assert await u.repo(EligibilityOutcomesRepo).summary() == EligibilitySummary()


async def test_an_unfinished_check_is_not_counted(uow: Uow) -> None:
    async with uow() as u:
        with pytest.raises(ValueError, match="finished"):
            await u.repo(EligibilityOutcomesRepo).record(V.INCOMPLETE, ())


def test_outcomes_cannot_name_who_ran_the_check() -> None:
    columns = {c.key for c in inspect(EligibilityOutcome).columns}
    assert columns == {"id", "at", "verdict", "failed"}
