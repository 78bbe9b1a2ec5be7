"""The outbox under a flaky Telegram: nothing lost or repeated, limits kept, failures visible."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from emulator import Emulator, FloodLimits
from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork
from tests.bot.outbox_rig import Rig, build_sender, make_runtime

CHATS = (1001, 1002, 1003)


@pytest.fixture(params=["aiogram", "ptb"])
async def rig(request: pytest.FixtureRequest, sqlite_db: str) -> AsyncIterator[Rig]:
    emu = Emulator(flood=FloodLimits())
    await emu.start()
    for chat in CHATS:
        emu.user(chat)
    runtime = make_runtime(request.param, emu)
    await runtime.start()
    engine = create_engine(sqlite_db)
    sessions = session_factory(engine)
    try:
        yield Rig(emu, runtime, engine, sessions, build_sender(sessions, runtime))
    finally:
        await runtime.close()
        await engine.dispose()
        await emu.stop()


async def test_flood_waits_and_server_errors_lose_nothing_and_repeat_nothing(rig: Rig) -> None:
    for chat in CHATS:
        for n in range(3):
            await rig.enqueue(f"k{chat}-{n}", chat, f"notice {n}")
    rig.emu.faults.add("sendMessage", status=429, retry_after=1, times=2, chat_id=1001)
    rig.emu.faults.add("sendMessage", status=500, times=2)
    rig.emu.faults.add("sendMessage", status=502, times=1)
    assert await rig.drain() == {"sent": 9}
    for chat in CHATS:
        assert rig.texts(chat) == ["notice 0", "notice 1", "notice 2"]
    assert rig.emu.count("sendMessage", 429) == 2, "only the injected 429s, none provoked"


async def test_a_time_out_is_retried(rig: Rig) -> None:
    await rig.enqueue("slow", 1001, "after a time-out")
    rig.emu.faults.add("sendMessage", status=504, delay=3.0, times=1)
    assert await rig.drain() == {"sent": 1}
    assert rig.texts(1001) == ["after a time-out"]
    async with rig.sessions() as session:
        from storage.repos.outbox import OutboxRepo

        row = await OutboxRepo(session).by_key("slow")
        assert row is not None and row.attempts == 2


async def test_a_persistent_failure_is_given_up_visibly_after_bounded_tries(rig: Rig) -> None:
    await rig.enqueue("doomed", 1002, "never")
    await rig.enqueue("fine", 1003, "fine")
    rig.emu.faults.add("sendMessage", status=500, times=None, chat_id=1002)
    assert await rig.drain() == {"failed": 1, "sent": 1}
    async with rig.sessions() as session:
        from storage.repos.outbox import OutboxRepo

        row = await OutboxRepo(session).by_key("doomed")
        assert row is not None and row.attempts == 4
        assert row.last_error and "Internal Server Error" in row.last_error


async def test_an_unknown_chat_fails_at_once(rig: Rig) -> None:
    await rig.enqueue("nobody", 424242, "hello?")
    assert await rig.drain() == {"failed": 1}
    async with rig.sessions() as session:
        from storage.repos.outbox import OutboxRepo

        row = await OutboxRepo(session).by_key("nobody")
        assert row is not None and row.attempts == 1
        assert "chat not found" in (row.last_error or "").lower()


async def test_a_burst_to_one_chat_stays_within_telegrams_limits(rig: Rig) -> None:
    for n in range(7):
        await rig.enqueue(f"burst{n}", 1001, f"m{n}")
    assert await rig.drain() == {"sent": 7}
    assert rig.texts(1001) == [f"m{n}" for n in range(7)], "in order"
    assert rig.emu.count(status=429) == 0


async def test_a_chat_telegram_does_not_know_marks_its_user_unreachable(rig: Rig) -> None:
    await rig.enqueue("notice-1", 4242, "for someone who never started the bot")
    counts = await rig.drain()
    assert counts.get("failed") == 1
    async with UnitOfWork(rig.sessions) as uow:
        found = await uow.users.unreachable_among([4242])
    assert "chat not found" in (found[4242] or "").lower()


async def test_a_sender_leaves_rows_whose_lease_ran_out_while_they_waited(rig: Rig) -> None:
    """Forty notices to forty chats wait for slots under the 30/s overall limit longer than
    half a 1-second lease: the sender sends the first ones and leaves the rest, which another
    sender could have claimed by then; once the lease has ended they are claimed again and
    each notice arrives exactly once."""
    chats = range(5001, 5041)
    for chat in chats:
        rig.emu.user(chat)
        await rig.enqueue(f"late{chat}", chat, f"notice {chat}")
    sender = build_sender(rig.sessions, rig.runtime, batch=100)
    sender.lease = timedelta(seconds=1)
    assert await sender.drain_once() == 40
    sent_at_first = sum(len(rig.texts(chat)) for chat in chats)
    assert 0 < sent_at_first < 40, "rows left once half their lease was gone"
    assert (await rig.counts()).get("sending") == 40 - sent_at_first
    await asyncio.sleep(1.1)
    assert await rig.drain() == {"sent": 40}
    assert all(rig.texts(chat) == [f"notice {chat}"] for chat in chats)
