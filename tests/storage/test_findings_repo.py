"""A falsification finding bars its subject for three years after the day it was made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from storage.repos.findings import FindingsRepo
from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]
CODE = "91350100M000100Y43"


async def test_bar_runs_three_years_from_the_latest_finding(uow: Uow) -> None:
    async with uow() as u:
        repo = u.repo(FindingsRepo)
        await repo.record("unit", CODE.lower(), date(2020, 1, 5), "old", 9001)
        await repo.record("unit", CODE, date(2024, 6, 1), "forged certificates", 9001)
        await u.commit()
    async with uow() as u:
        repo = u.repo(FindingsRepo)
        # the finding day is not counted: barred through 2027-06-01, free from 2027-06-02
        assert await repo.barred_from("unit", CODE, date(2027, 6, 1)) == date(2027, 6, 2)
        assert await repo.barred_from("unit", CODE, date(2027, 6, 2)) is None
        assert await repo.barred_from("person", CODE, date(2025, 1, 1)) is None
