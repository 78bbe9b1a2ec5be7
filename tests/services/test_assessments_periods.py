"""The support periods drive the assessment's money and notices (第十三条, 第十六条, 第十七条):
three subsidies per period, three more after a renewal, the end announced with the period's last
assessment, and a revoked studio neither listed nor paid; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from policy.money import WORK_SUBSIDY
from policy.revocation import RevocationGround
from policy.states import StudioState
from services import studio_decisions as decide
from services import studios
from services.assessments import (
    AssessmentInput,
    AssessmentRefused,
    assessable_studios,
    record_assessment,
    support_year,
)
from services.recipients import Recipients
from storage.repos.annual import SubsidiesRepo
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio, revocation

Db = Callable[[], UnitOfWork]
STAFF = 9001
APPROVED = date(2024, 3, 1)  # assessed 2024, 2025, 2026


def _at(year: int) -> datetime:
    return datetime(year, 12, 16, 2, 0, tzinfo=UTC)


async def _assess(db: Db, sid: int, year: int, passed: bool = True) -> tuple[int, bool, str]:
    """Record the year's result; (subsidy booked, period's end announced, state after)."""
    opinion = "" if passed else "加强带徒"
    data = AssessmentInput(sid, year, passed, opinion, STAFF, Recipients(frozenset({STAFF})))
    async with db() as u:
        outcome = await record_assessment(u, data, _at(year))
        await u.commit()
    async with db() as u:
        state = (await studios.studio(u, sid)).status
    return outcome.subsidy, outcome.period_ends, state


async def _renew(db: Db, sid: int, start: date) -> None:
    async with db() as u:
        await decide.renew(
            u, decide.Renew(sid, start, STAFF, "郑人社〔2027〕1号", default_lang="zh"), _at(2026)
        )
        await u.commit()


# year → (subsidy, end announced, state after), for a studio renewed on 10 January 2027
RENEWED = [
    (2024, WORK_SUBSIDY, False, StudioState.ACTIVE),
    (2025, WORK_SUBSIDY, False, StudioState.ACTIVE),
    (2026, WORK_SUBSIDY, True, StudioState.SUPPORT_ENDED),  # with the last assessment, not later
    (2027, WORK_SUBSIDY, False, StudioState.ACTIVE),  # a renewed period gives three more
    (2028, WORK_SUBSIDY, False, StudioState.ACTIVE),
    (2029, WORK_SUBSIDY, True, StudioState.SUPPORT_ENDED),
    (2030, 0, False, StudioState.SUPPORT_ENDED),  # still assessed, no subsidy
]


async def test_a_renewed_period_pays_three_more_and_ends_with_its_last_assessment(
    uow: Db,
) -> None:
    sid = await add_studio(uow, approved_on=APPROVED)
    seen = []
    for year, *_ in RENEWED:
        if year == 2027:
            await _renew(uow, sid, date(2027, 1, 10))
        async with uow() as u:
            listed = sid in {s.id for s in await assessable_studios(u, year)}
        assert listed, f"{year}: a studio holding the title is assessed"
        seen.append((year, *await _assess(uow, sid, year)))
    assert seen == RENEWED
    async with uow() as u:
        notices = {
            key: await u.outbox.by_key(f"support_end:{sid}:{key}:1001")
            for key in ("2026-12-31", "2029-12-31")
        }
    assert all(n is not None for n in notices.values()), "each period's end reaches the unit"


async def test_without_renewal_the_fourth_year_is_assessed_but_not_paid(uow: Db) -> None:
    sid = await add_studio(uow, approved_on=APPROVED)
    results = [await _assess(uow, sid, year) for year in (2024, 2025, 2026, 2027)]
    assert [r[0] for r in results] == [WORK_SUBSIDY] * 3 + [0]
    assert [r[1] for r in results] == [False, False, True, False]


@pytest.mark.parametrize(
    ("approved_on", "year", "listed", "index"),
    [
        (date(2024, 12, 2), 2024, False, None),  # confirmed in December: first assessed 2025
        (date(2024, 12, 2), 2025, True, 1),
        (date(2024, 3, 1), 2024, True, 1),
        (date(2024, 3, 1), 2026, True, 3),
        (date(2024, 3, 1), 2027, True, None),  # past its period: still owes the report
        (date(2024, 3, 1), 2023, False, None),
    ],
)
async def test_who_the_assessment_lists_follows_the_reports_owed(
    uow: Db, approved_on: date, year: int, listed: bool, index: int | None
) -> None:
    sid = await add_studio(uow, approved_on=approved_on)
    async with uow() as u:
        covered = {s.id for s in await assessable_studios(u, year)}
        found = await studios.studio(u, sid)
        assert (sid in covered, await support_year(u, found, year)) == (listed, index)


async def test_a_revoked_studio_is_not_assessed_and_gets_no_subsidy(uow: Db) -> None:
    sid = await add_studio(uow, approved_on=APPROVED)
    decision = revocation(RevocationGround.BROKE_LAW, "郑人社〔2025〕7号", date(2025, 6, 1))
    async with uow() as u:
        await decide.revoke(u, sid, decision, _at(2025), default_lang="zh")
        await u.commit()
    async with uow() as u:
        assert sid not in {s.id for s in await assessable_studios(u, 2025)}
    with pytest.raises(AssessmentRefused):
        await _assess(uow, sid, 2025)  # a forged or stale recording: nothing written, nothing paid
    async with uow() as u:
        assert await u.repo(SubsidiesRepo).booked_years(sid) == []


async def test_a_second_failure_in_the_last_year_keeps_the_studio_before_staff(uow: Db) -> None:
    """第十七条(四) wins over the period's end: the flag is not lifted by the end notice."""
    sid = await add_studio(uow, approved_on=APPROVED)
    await _assess(uow, sid, 2024)
    await _assess(uow, sid, 2025, passed=False)
    subsidy, ends, state = await _assess(uow, sid, 2026, passed=False)
    assert (subsidy, ends, state) == (0, True, StudioState.FLAGGED)
