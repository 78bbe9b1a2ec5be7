"""An update's arrival (whether it was handled, its sender's row, their conversation), on
SQLite and PostgreSQL, where it is one statement; the claim comes later, with the replies."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from storage.models import Conversation, User
from storage.repos.arrivals import Arrival, ArrivalsRepo
from storage.uow import UnitOfWork

Uow = Callable[[], UnitOfWork]


async def _arrive(uow: Uow, update_id: int, name: str = "Alice", by: str = "a") -> Arrival | None:
    """An arrival and, if it was the first, the claim that ends its handling."""
    async with uow() as u:
        found = await u.repo(ArrivalsRepo).arrive(update_id, 1001, name, "alice", "en-GB")
        if found is not None:
            assert await u.updates.claim(update_id, by, [])
        await u.commit()
        return found


async def test_the_first_arrival_records_the_sender_and_claims_nothing(uow: Uow) -> None:
    async with uow() as u:
        found = await u.repo(ArrivalsRepo).arrive(1, 1001, "Alice", "alice", "en-GB")
        await u.commit()
    assert found is not None and found.conversation is None
    assert (found.seen.language, found.seen.is_staff) == (None, False)
    async with uow() as u:
        user = await u.users.get(1001)
        assert await u.updates.get(1) is None
    assert user is not None and (user.first_name, user.telegram_language) == ("Alice", "en-GB")


async def test_an_update_claimed_before_returns_nothing_and_writes_nothing(uow: Uow) -> None:
    await _arrive(uow, 1)
    assert await _arrive(uow, 1, name="Mallory", by="b") is None
    async with uow() as u:
        user = await u.users.get(1001)
        claim = await u.updates.get(1)
    assert user is not None and user.first_name == "Alice"
    assert claim is not None and claim.handled_by == "a" and claim.replied_at is None


async def test_a_known_sender_is_refreshed_keeping_what_the_bot_knows(uow: Uow) -> None:
    await _arrive(uow, 1)
    async with uow() as u:
        user = await u.users.get(1001)
        assert user is not None
        user.language, user.is_staff, user.unreachable = "zh", True, "blocked"
        await u.commit()
    found = await _arrive(uow, 2, name="Alice B")
    assert found is not None and (found.seen.language, found.seen.is_staff) == ("zh", True)
    async with uow() as u:
        user = await u.users.get(1001)
    assert user is not None and (user.first_name, user.unreachable) == ("Alice B", None)


async def test_the_open_conversation_comes_with_the_arrival_and_saves_with_it(uow: Uow) -> None:
    await _arrive(uow, 1)
    async with uow() as u:
        await u.conversations.open(1001, "check", "age", {"a": 1})
        await u.commit()
    async with uow() as u:
        found = await u.repo(ArrivalsRepo).arrive(2, 1001, "Alice", None, None)
        assert found is not None and isinstance(found.conversation, Conversation)
        assert (found.conversation.flow, found.conversation.data) == ("check", {"a": 1})
        await u.conversations.save(found.conversation, "done", {"a": 2})
        await u.commit()
    async with uow() as u:
        row = await u.conversations.get(1001)
    assert row is not None and (row.step, row.data, row.seq) == ("done", {"a": 2}, 2)


async def test_racing_handlings_of_one_update_yield_one_claim(uow: Uow) -> None:
    async def handling(by: str) -> bool:
        async with uow() as u:
            found = await u.repo(ArrivalsRepo).arrive(99, 1001, "Alice", None, None)
            claimed = found is not None and await u.updates.claim(99, by, [{"kind": "send"}])
            await u.commit()
            return claimed

    assert sorted(await asyncio.gather(*(handling(str(i)) for i in range(4)))) == [
        False,
        False,
        False,
        True,
    ]


async def test_telegram_fields_are_cut_to_the_columns(uow: Uow) -> None:
    async with uow() as u:
        await u.repo(ArrivalsRepo).arrive(3, 5, "名" * 300, "u" * 100, "zh-hans-" * 9)
        await u.commit()
    async with uow() as u:
        user = await u.session.get(User, 5)
    assert (
        user is not None
        and len(user.first_name) == 128
        and len(user.telegram_language or "") == 16
    )
