"""An update id is claimed once, even by two handlers racing for it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]


async def _claim(uow: Uow, update_id: int) -> bool:
    async with uow() as u:
        claimed = await u.updates.claim(update_id)
        await u.commit()
        return claimed


async def test_second_claim_of_an_update_fails(uow: Uow) -> None:
    assert await _claim(uow, 42)
    assert not await _claim(uow, 42)


async def test_racing_claims_yield_one_winner(uow: Uow) -> None:
    results = await asyncio.gather(*(_claim(uow, 99) for _ in range(4)))
    assert sorted(results) == [False, False, False, True]


async def test_replies_are_kept_until_delivered(uow: Uow) -> None:
    await _claim(uow, 5)
    async with uow() as u:
        await u.updates.store_replies(5, [{"kind": "send", "chat_id": 1, "text": "x"}])
        await u.commit()
    async with uow() as u:
        row = await u.updates.get(5)
        assert row is not None and row.replies and row.replied_at is None
        await u.updates.mark_replied(5)
        await u.commit()
    async with uow() as u:
        row = await u.updates.get(5)
        assert row is not None and row.replied_at is not None and row.replies is None


async def test_many_updates_are_marked_delivered_at_once_and_no_other(uow: Uow) -> None:
    for update_id in (1, 2, 3, 4):
        await _claim(uow, update_id)
        async with uow() as u:
            await u.updates.store_replies(update_id, [{"kind": "send", "chat_id": 1, "text": "x"}])
            await u.commit()
    async with uow() as u:
        await u.updates.mark_replied(1, 3, 4)
        await u.commit()
    async with uow() as u:
        rows = {i: await u.updates.get(i) for i in (1, 2, 3, 4)}
    delivered = {i for i, row in rows.items() if row is not None and row.replied_at is not None}
    assert delivered == {1, 3, 4}
    assert rows[2] is not None and rows[2].replies
