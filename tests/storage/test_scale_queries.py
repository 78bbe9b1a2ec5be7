"""The set-based queries the sweeps lean on at 10,000 studios answer as the one-by-one ones did."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import insert

from policy.states import StudioState
from storage.models import Studio
from storage.repos.reminders import STUDIO_KEY, RemindersRepo
from storage.types import utcnow
from storage.uow import UnitOfWork

ACTION = {"kind": "send", "chat_id": 1, "text": "hi"}


async def test_many_messages_queue_each_key_once_and_name_the_new_ones(
    uow: Callable[[], UnitOfWork],
) -> None:
    async with uow() as u:
        assert await u.outbox.enqueue("k1", 1, ACTION)
        new = await u.outbox.enqueue_many(
            [("k1", 1, ACTION, None), ("k2", 2, ACTION, None), ("k2", 2, ACTION, None)]
        )
        await u.commit()
    assert new == {"k2"}
    async with uow() as u:
        assert (await u.outbox.counts()) == {"pending": 2}


async def test_of_the_keys_asked_those_in_the_outbox_are_found(
    uow: Callable[[], UnitOfWork],
) -> None:
    async with uow() as u:
        await u.outbox.enqueue_many([(k, 1, ACTION, None) for k in ("a", "b", "B", "c")])
        await u.commit()
    async with uow() as u:
        found = await u.repo(RemindersRepo).queued_among(["b", "c", "d", "A"])
    assert found == {"b", "c"}


async def test_contacts_and_masters_already_reminded_of_a_moment_are_left_out(
    uow: Callable[[], UnitOfWork],
) -> None:
    prefix = "rem:plan:2027:2027-01-10:"
    rows = [
        {
            "id": n,
            "name": f"S{n}",
            "category": "modern_tech",
            "leader_name": "L",
            "unit_name": "U",
            "approved_on": date(2024, 6, 1),
            "support_ends_on": date(2027, 12, 31),
            "construction_cap": 1,
            "contact_user_id": contact,
            "master_user_id": master,
            "status": StudioState.ACTIVE,
            "source": "import",
            "intangible_heritage": False,
            "created_at": utcnow(),
        }
        for n, contact, master in ((1, 101, 201), (2, 102, 102), (3, None, 203), (4, None, None))
    ]
    async with uow() as u:
        await u.session.execute(insert(Studio), rows)
        for studio, chat in ((1, 101), (3, 203)):
            key = STUDIO_KEY.format(prefix=prefix, studio=studio, chat=chat)
            await u.outbox.enqueue(key, chat, ACTION)
        await u.commit()
    async with uow() as u:
        repo = u.repo(RemindersRepo)
        every = [s.id for s in await repo.studios_without("plan", 2027)]
        contacts = [(s.id, s.chat_id) for s in await repo.recipients_without("plan", 2027)]
        people = await repo.recipients_without("plan", 2027, masters=True)
        unqueued = await repo.recipients_without("plan", 2027, prefix, masters=True)
    assert every == [1, 2, 3, 4]
    assert contacts == [(1, 101), (2, 102)]
    assert [(s.id, s.chat_id) for s in people] == [(1, 101), (1, 201), (2, 102), (3, 203)]
    assert [(s.id, s.chat_id) for s in unqueued] == [(1, 201), (2, 102)]
