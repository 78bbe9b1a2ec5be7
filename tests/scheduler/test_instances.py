"""Two instances at once, the real APScheduler, moved dates, and the 14-day preview."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest
from apscheduler.triggers.date import DateTrigger

from scheduler.service import SWEEP_JOB, ReminderScheduler
from scheduler.sweep import preview, run_sweep
from storage.db import create_engine, session_factory
from storage.models import Draft
from storage.repos.annual import CalendarRepo
from tests.scheduler.world import CONFIG, SH, World, at


@pytest.mark.postgres
async def test_two_instances_sweeping_at_once_queue_each_reminder_once(pg_url: str) -> None:
    engines = [create_engine(pg_url), create_engine(pg_url)]
    try:
        world = World(session_factory(engines[0]))
        for n in range(40):
            await world.studio(f"S{n}", 2000 + n)
        instances = [ReminderScheduler(session_factory(e), CONFIG) for e in engines]
        claimed = 0
        for now in (at(1, 21, 9), at(1, 21, 10), at(2, 3, 9)):
            results = await asyncio.gather(*(i.sweep(now) for i in instances))
            assert len({r.key for batch in results for r in batch}) == sum(map(len, results))
            claimed += sum(map(len, results))
        keys = await world.keys()
        assert len(keys) == len(set(keys)) == claimed == 2 * (40 + 1) + 1
    finally:
        for engine in engines:
            await engine.dispose()


async def test_the_real_apscheduler_fires_the_registered_sweep(world: World) -> None:
    await world.studio("A", 1001)
    woken = asyncio.Event()
    service = ReminderScheduler(world.sessions, CONFIG, wake=woken.set, clock=lambda: at(1, 10))
    trigger = DateTrigger(run_date=datetime.now(SH) + timedelta(seconds=0.2), timezone=SH)
    scheduler = service.build(trigger)
    assert [job.id for job in scheduler.get_jobs()] == [SWEEP_JOB]
    scheduler.start()
    try:
        await asyncio.wait_for(woken.wait(), timeout=30)
    finally:
        scheduler.shutdown(wait=False)
        await asyncio.sleep(0)
    assert await world.keys() == ["rem:plan:2027:2027-01-10:s1:u1001"]


async def test_the_service_catches_up_at_start_and_stops(world: World) -> None:
    await world.studio("A", 1001)
    stop = asyncio.Event()
    woken = asyncio.Event()
    service = ReminderScheduler(world.sessions, CONFIG, wake=woken.set, clock=lambda: at(1, 11))
    task = asyncio.create_task(service.run(stop))
    await asyncio.wait_for(woken.wait(), timeout=30)
    stop.set()
    await task
    assert await world.keys() == ["rem:plan:2027:2027-01-10:s1:u1001"]


async def test_a_moved_deadline_moves_the_reminders(world: World) -> None:
    await world.studio("A", 1001)
    async with world.uow() as uow:
        await uow.repo(CalendarRepo).set(2027, "plan_due", date(2027, 1, 25), 9001, at(1, 1))
        await uow.commit()
    [on_15th] = await run_sweep(world.sessions, CONFIG, at(1, 15, 9))
    assert on_15th.key == "rem:plan:2027:2027-01-15:s1:u1001"
    assert await run_sweep(world.sessions, CONFIG, at(1, 20, 9)) == [], "20 January is no day"
    [queued] = await run_sweep(world.sessions, CONFIG, at(1, 25, 9))
    assert "2027年1月25日" in queued.action.text
    [overdue, digest] = await run_sweep(world.sessions, CONFIG, at(1, 26, 9))
    assert (overdue.series, digest.chat_id) == ("plan_overdue", 9001)


async def test_the_preview_lists_the_coming_fortnight_without_queueing(world: World) -> None:
    a = await world.studio("A", 1001)
    await world.studio("B", 1002)
    await world.file(a, "plan")
    async with world.uow() as uow:
        coming = await preview(uow, CONFIG, at(1, 12, 10))
    assert [(r.send_at, r.chat_id) for r in coming] == [
        (at(1, 17), 1002),
        (at(1, 19), 1002),
        (at(1, 20), 1002),
        (at(1, 21), 1002),
        (at(1, 21), 9001),
    ]
    assert await world.keys() == []


async def test_the_aggregate_reminder_carries_the_plans_workbook(world: World) -> None:
    a = await world.studio("A", 1001)
    await world.studio("B", 1002)
    await world.file(a, "plan")
    queued = await run_sweep(world.sessions, CONFIG, at(2, 3, 9))
    [reminder] = [r for r in queued if r.series == "aggregate"]
    action = reminder.action.model_dump()
    assert action["kind"] == "document" and action["content"][:2] == b"PK"
    assert "已报送 1 个，未报送 1 个" in action["caption"]


async def test_idle_plan_drafts_are_nudged_by_the_same_service(world: World) -> None:
    async with world.uow() as uow:
        uow.session.add(
            Draft(owner_id=1001, kind="plan", scope="s1y2027", updated_at=at(1, 2), answers={})
        )
        await uow.commit()
    service = ReminderScheduler(world.sessions, CONFIG)
    await service.sweep(at(1, 8, 23))
    [row] = await world.outbox()
    assert row.key.startswith("draft-idle:") and row.not_before == at(1, 9, 8)
    assert row.action["keyboard"][0][0]["payload"] == "plan::open"
