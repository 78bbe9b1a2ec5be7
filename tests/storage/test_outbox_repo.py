"""Outbox claims on SQLite and PostgreSQL: unique keys, exclusive claims, leases that expire."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

from storage.types import utcnow
from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]
SEND = {"kind": "send", "chat_id": 7, "text": "hi"}


async def _enqueue(uow: Uow, key: str, chat: int = 7, **kw: object) -> bool:
    async with uow() as u:
        queued = await u.outbox.enqueue(key, chat, SEND, **kw)  # type: ignore[arg-type]
        await u.commit()
        return queued


async def _claim(uow: Uow, worker: str, lease: float = 60, limit: int = 10) -> list[int]:
    async with uow() as u:
        rows = await u.outbox.claim(worker, timedelta(seconds=lease), limit)
        await u.commit()
        return [r.id for r in rows]


async def test_a_key_is_queued_once(uow: Uow) -> None:
    assert await _enqueue(uow, "reminder:2027:plan:1")
    assert not await _enqueue(uow, "reminder:2027:plan:1")
    async with uow() as u:
        assert (await u.outbox.counts()) == {"pending": 1}


async def test_concurrent_claimers_never_share_a_row(uow: Uow) -> None:
    for i in range(30):
        await _enqueue(uow, f"k{i}", chat=100 + i)
    claims = await asyncio.gather(*(_claim(uow, f"w{i}", limit=7) for i in range(5)))
    flat = [row for claim in claims for row in claim]
    assert len(flat) == len(set(flat))
    assert len(flat) == 30


async def test_rows_not_yet_due_wait(uow: Uow) -> None:
    await _enqueue(uow, "later", not_before=utcnow() + timedelta(hours=1))
    assert await _claim(uow, "w") == []


async def test_an_expired_lease_is_claimed_again(uow: Uow) -> None:
    await _enqueue(uow, "k")
    first = await _claim(uow, "dead-worker", lease=0)
    await asyncio.sleep(0.01)
    assert await _claim(uow, "alive-worker") == first


async def test_a_live_lease_is_respected(uow: Uow) -> None:
    await _enqueue(uow, "k")
    assert await _claim(uow, "w1", lease=60)
    assert await _claim(uow, "w2") == []


async def test_sent_rows_are_not_claimed_and_a_stale_worker_cannot_mark(uow: Uow) -> None:
    await _enqueue(uow, "k")
    [row] = await _claim(uow, "w1", lease=0)
    await asyncio.sleep(0.01)
    assert await _claim(uow, "w2") == [row]
    async with uow() as u:
        await u.outbox.mark_sent(row, "w1")  # the old claimant lost its lease
        await u.commit()
    async with uow() as u:
        assert (await u.outbox.counts()) == {"sending": 1}
        await u.outbox.mark_sent(row, "w2")
        await u.commit()
    assert await _claim(uow, "w3") == []


async def test_a_chat_gets_its_messages_in_order_even_across_retries(uow: Uow) -> None:
    for key in ("first", "second", "third"):
        await _enqueue(uow, key, chat=5)
    await _enqueue(uow, "other chat", chat=6)
    [first, other] = await _claim(uow, "w")
    async with uow() as u:
        await u.outbox.retry_later(first, "w", utcnow() + timedelta(hours=1), "429")
        await u.outbox.mark_sent(other, "w")
        await u.commit()
    assert await _claim(uow, "w") == [], "the second message waits for the first"
    async with uow() as u:
        await u.outbox.give_up(first, "w", "never")  # a failed head stops blocking
        await u.commit()
    [second] = await _claim(uow, "w")
    assert second == first + 1
