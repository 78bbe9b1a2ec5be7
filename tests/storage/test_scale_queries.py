"""The set-based queries the sweeps lean on at 10,000 studios answer as the one-by-one ones did."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import insert

from storage.models import Studio
from storage.repos.reminders import STUDIO_KEY, RemindersRepo
from storage.types import utcnow
from storage.uow import UnitOfWork
from tests.storage.studio_rows import studio_row

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
        studio_row(n, contact_user_id=contact, master_user_id=master)
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


async def test_many_messages_keep_their_actions_and_times_exactly(
    uow: Callable[[], UnitOfWork],
) -> None:
    later = utcnow() + timedelta(hours=2)
    odd = {"kind": "send", "chat_id": 5_000_000_001, "text": '引号 "q" \\ 换行\n<b>&', "x": None}
    async with uow() as u:
        new = await u.outbox.enqueue_many([("now", 1, ACTION, None), ("later", 2, odd, later)])
        await u.commit()
    assert new == {"now", "later"}
    async with uow() as u:
        stored = await u.outbox.by_key("later")
        due = [c.key for c in await u.outbox.claim("w", timedelta(minutes=1), 10)]
    assert stored is not None and stored.action == odd and stored.not_before == later
    assert due == ["now"], "a row not due yet is not claimed"


async def test_messages_filled_from_forms_carry_their_chat_and_text(
    uow: Callable[[], UnitOfWork],
) -> None:
    zh = {"kind": "send", "chat_id": 0, "text": "", "keyboard": [[{"label": "填报"}]]}
    en = {"kind": "send", "chat_id": 0, "text": "", "keyboard": [[{"label": "File"}]]}
    at = utcnow() - timedelta(minutes=1)
    rows = [
        ("a", 5_000_000_001, '甲 "工作室" \\ &lt;b&gt;\n', 0),
        ("b", 102, "B studio", 1),
        ("a", 103, "a key found twice is queued once", 1),
    ]
    async with uow() as u:
        assert await u.outbox.enqueue("b", 102, ACTION)
        new = await u.outbox.enqueue_filled([zh, en], rows, at)
        await u.commit()
    assert new == {"a"}
    async with uow() as u:
        a, b = await u.outbox.by_key("a"), await u.outbox.by_key("b")
        claimed = await u.outbox.claim("w", timedelta(minutes=1), 10)
    assert a is not None and b is not None
    assert a.action == {**zh, "chat_id": 5_000_000_001, "text": '甲 "工作室" \\ &lt;b&gt;\n'}
    assert (a.chat_id, a.not_before, a.status) == (5_000_000_001, at, "pending")
    assert [c.action for c in claimed if c.key == "a"] == [a.action], "due, and sent as stored"
    assert b.action == ACTION, "a key queued already is left as it is"
