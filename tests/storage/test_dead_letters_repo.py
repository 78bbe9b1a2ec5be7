"""Dead letters and unreachable users, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from storage.repos.dead_letters import DeadLettersRepo
from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]
FIRST = datetime(2020, 1, 5, 8, 0, tzinfo=UTC)


async def _record(uow: Uow, error: str, attempts: int, handled: bool = False) -> None:
    async with uow() as u:
        raw = '{"update_id": 7, "message": {"text": "\\u0000\\ud800"}}'
        await u.repo(DeadLettersRepo).record(7, raw, error, attempts, FIRST, handled)
        await u.commit()


async def test_failing_again_adds_attempts_and_keeps_the_first_time(uow: Uow) -> None:
    await _record(uow, "OperationalError: database is locked", 3)
    await _record(uow, "RuntimeError: still \x00 broken", 1, handled=True)
    async with uow() as u:
        [letter] = await u.repo(DeadLettersRepo).listed()
    assert (letter.update_id, letter.attempts, letter.handled) == (7, 4, True)
    assert letter.error == "RuntimeError: still  broken" and letter.first_at == FIRST
    assert letter.last_at > FIRST and "\\ud800" in letter.raw
    async with uow() as u:
        await u.repo(DeadLettersRepo).remove(7)
        await u.commit()
    async with uow() as u:
        assert await u.repo(DeadLettersRepo).get(7) is None


async def test_what_telegram_sends_is_cut_to_the_columns(uow: Uow) -> None:
    async with uow() as u:
        await u.users.seen(5, "名" * 300, "u" * 100, "zh-hans-cn-x-" + "a" * 50)
        await u.commit()
    async with uow() as u:
        user = await u.users.get(5)
    assert user is not None
    assert len(user.first_name) == 128 and len(user.username or "") == 64
    assert user.telegram_language == "zh-hans-cn-x-aaa"


async def test_an_unreachable_user_is_reachable_again_once_they_write(uow: Uow) -> None:
    async with uow() as u:
        await u.users.mark_unreachable(9001, "permanent: Bad Request: chat not found")
        await u.users.seen(9002, "Bob", None, "zh")
        await u.commit()
    async with uow() as u:
        found = await u.users.unreachable_among([9001, 9002, 9003])
    assert found == {9001: "permanent: Bad Request: chat not found", 9003: None}
    async with uow() as u:
        await u.users.seen(9001, "Staff", None, "zh")
        await u.commit()
    async with uow() as u:
        assert await u.users.unreachable_among([9001, 9002]) == {}
