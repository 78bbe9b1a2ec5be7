"""The studio's leading master files the annual plan (第九条(六)), so the plan's reminders and
overdue notices reach the master as well as the unit's contact: once each, once in all to
someone who is both."""

from __future__ import annotations

from collections import Counter

from scheduler.service import ReminderScheduler
from tests.scheduler.world import CONFIG, World, at, series_of


async def _recipients(world: World, series: str) -> Counter[int]:
    return Counter(row.chat_id for row in await world.outbox() if series_of(row.key) == series)


async def test_the_master_is_reminded_of_the_plan_beside_the_contact(world: World) -> None:
    await world.studio("A", 1001, master=2001)
    await world.studio("B", 1002, master=1002)  # one person is both
    await world.studio("C", None, master=2003)  # no contact bound yet
    filed = await world.studio("D", 1004, master=2004)
    await world.file(filed, "plan")
    service = ReminderScheduler(world.sessions, CONFIG)
    queued = await service.sweep(at(1, 10, 9))
    again = await service.sweep(at(1, 10, 15))
    assert sorted(r.chat_id for r in queued) == [1001, 1002, 2001, 2003]
    assert again == []
    assert await _recipients(world, "plan") == Counter({1001: 1, 1002: 1, 2001: 1, 2003: 1})


async def test_the_master_hears_the_plan_is_overdue_once(world: World) -> None:
    await world.studio("A", 1001, master=2001)
    service = ReminderScheduler(world.sessions, CONFIG)
    for now in (at(1, 21, 9), at(1, 21, 12), at(1, 21, 18)):
        await service.sweep(now)
    assert await _recipients(world, "plan_overdue") == Counter({1001: 1, 2001: 1, 9001: 1})
    texts = {row.chat_id: row.action["text"] for row in await world.outbox()}
    assert texts[2001] == texts[1001]
    assert "plan::open" in str(
        next(r.action for r in await world.outbox() if r.chat_id == 2001)["keyboard"]
    )
