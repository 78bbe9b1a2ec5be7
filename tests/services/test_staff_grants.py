"""Granting and revoking staff through services.staff_grants: typed outcomes, the audit entry
and the welcome, and STAFF_IDS that the bot cannot change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from services import recipients, staff_grants
from services.staff_grants import Changed, Outcome, StaffChange
from storage.uow import UnitOfWork

Db = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
FIXED = frozenset({9001})


async def change(db: Db, user_id: int, adding: bool, ref: str = "1") -> Changed:
    async with db() as uow:
        done = await staff_grants.change(uow, StaffChange(user_id, adding, 9001, FIXED, ref), NOW)
        await uow.commit()
        return done


async def test_a_grant_is_audited_welcomed_and_listed(uow: Db) -> None:
    done = await change(uow, 4242, adding=True)
    assert (done.outcome, done.notified) == (Outcome.DONE, 1)
    async with uow() as u:
        assert await recipients.staff_ids(u, FIXED) == [4242, 9001]
        audit = await u.audit.for_object("user", 4242)
        welcome = await u.outbox.by_key("staff-granted:4242:1")
    assert [a.action for a in audit] == ["staff.granted"] and welcome is not None


async def test_what_cannot_change_says_why_and_writes_nothing(uow: Db) -> None:
    assert (await change(uow, 9001, adding=True)).outcome is Outcome.ALREADY
    assert (await change(uow, 9001, adding=False)).outcome is Outcome.FIXED
    assert (await change(uow, 5555, adding=False)).outcome is Outcome.NOT_STAFF
    await change(uow, 4242, adding=True)
    assert (await change(uow, 4242, adding=True, ref="2")).outcome is Outcome.ALREADY
    async with uow() as u:
        assert await staff_grants.may_revoke(u, 4242, FIXED) is Outcome.DONE
        assert await staff_grants.may_revoke(u, 9001, FIXED) is Outcome.FIXED
        assert len(await u.audit.for_object("user", 4242)) == 1


async def test_a_revoked_grant_leaves_the_list(uow: Db) -> None:
    await change(uow, 4242, adding=True)
    done = await change(uow, 4242, adding=False)
    assert (done.outcome, done.notified) == (Outcome.DONE, 0)
    async with uow() as u:
        assert await recipients.staff_ids(u, FIXED) == [9001]
