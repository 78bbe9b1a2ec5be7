"""Idle drafts get one nudge per idle stretch, outside quiet hours, through the outbox."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from scheduler.sweeps.idle_drafts import nudge_idle_drafts
from services.recipients import Recipients
from storage.models import OutboxMessage
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2027, 3, 1, 10, 0, tzinfo=SHANGHAI)
UowFactory = Callable[[], UnitOfWork]
BOT = Recipients(tz=SHANGHAI)


async def _setup(uow: UowFactory) -> int:
    async with uow() as u:
        await u.users.seen(1001, "Alice", None, "en")
        await u.users.seen(1002, "Bob", None, "zh")
        drafts = u.repo(DraftsRepo)
        idle = await drafts.create(1001, "application", START)
        await drafts.create(1002, "application", START + timedelta(days=2))  # still fresh
        await drafts.create(1003, "plan", START)  # other kinds are nudged by their own sweeps
        await u.commit()
        return idle.id


async def _sweep(uow: UowFactory, now: datetime, to: Recipients = BOT) -> int:
    async with uow() as u:
        count = await nudge_idle_drafts(u, to, now)
        await u.commit()
        return count


async def _queued(uow: UowFactory) -> list[OutboxMessage]:
    async with uow() as u:
        return list(await u.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_a_draft_idle_for_three_days_gets_one_nudge(uow: UowFactory) -> None:
    draft_id = await _setup(uow)
    assert await _sweep(uow, START + timedelta(days=2, hours=23)) == 0
    assert await _sweep(uow, START + timedelta(days=3, hours=1)) == 1
    assert await _sweep(uow, START + timedelta(days=3, hours=2)) == 0  # once per stretch
    assert await _sweep(uow, START + timedelta(days=9)) == 1  # Bob's draft in its turn
    by_chat = {r.chat_id: r for r in await _queued(uow)}
    assert set(by_chat) == {1001, 1002}
    assert by_chat[1001].key.startswith(f"draft-idle:{draft_id}:")
    assert "3 days" in by_chat[1001].action["text"] and "/apply" in by_chat[1001].action["text"]
    assert "apply::open" in str(by_chat[1001].action["keyboard"])
    assert "继续填写" in by_chat[1002].action["text"]


async def test_touching_the_draft_starts_a_new_idle_stretch(uow: UowFactory) -> None:
    draft_id = await _setup(uow)
    assert await _sweep(uow, START + timedelta(days=4)) == 1
    async with uow() as u:
        draft = await u.repo(DraftsRepo).get(draft_id)
        assert draft is not None
        draft.updated_at = START + timedelta(days=5)
        await u.commit()
    assert await _sweep(uow, START + timedelta(days=6)) == 1  # Bob, idle since day 2
    assert await _sweep(uow, START + timedelta(days=8, hours=1)) == 1  # Alice again


async def test_nudges_wait_for_the_morning(uow: UowFactory) -> None:
    await _setup(uow)
    night = datetime(2027, 3, 4, 23, 30, tzinfo=SHANGHAI)
    assert await _sweep(uow, night) == 1
    (row,) = await _queued(uow)
    assert row.not_before == datetime(2027, 3, 5, 8, 0, tzinfo=SHANGHAI)


async def test_a_racing_sweep_is_stopped_by_the_outbox_key(uow: UowFactory) -> None:
    """Another instance that read the draft before our commit still finds the key taken."""
    draft_id = await _setup(uow)
    now = START + timedelta(days=4)
    assert await _sweep(uow, now) == 1
    async with uow() as u:  # as that instance saw it: not nudged yet
        draft = await u.repo(DraftsRepo).get(draft_id)
        assert draft is not None
        draft.nudged_at = None
        await u.commit()
    assert await _sweep(uow, now) == 0
    assert len(await _queued(uow)) == 1


async def test_nudges_follow_the_configured_locale_and_time_zone(uow: UowFactory) -> None:
    """Nothing is hard-coded: LOCALE for someone without a language, TIMEZONE's night."""
    async with uow() as u:
        await u.users.seen(1004, "Dan", None, None)
        await u.repo(DraftsRepo).create(1004, "application", START)
        await u.commit()
    night_in_shanghai = datetime(2027, 3, 4, 23, 30, tzinfo=SHANGHAI)
    english_utc = Recipients(default_lang="en", tz=ZoneInfo("UTC"))
    assert await _sweep(uow, night_in_shanghai, english_utc) == 1
    (row,) = await _queued(uow)
    assert "3 days" in row.action["text"]
    assert row.not_before == night_in_shanghai  # 15:30 in UTC: no quiet hours to wait out
