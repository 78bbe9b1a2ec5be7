"""Reminder sweeps over 10,000 studios, and 1,000 reminders fanned out under flood limits.

`bench_sweep`: the first sweep of a reminder day queues one row per studio; the next sweep of
the same moment finds everything queued (the steady state every 15 minutes); the overdue sweep
adds the staff digest; the 14-day preview is the same logic in dry-run mode.

`bench_fanout`: a sweep queues 1,000 plan reminders to 1,000 chats; the real OutboxSender with
the FloodLimiter at Telegram's 30 messages/s delivers them through a runtime (aiogram) to the
emulator with its flood buckets on. The ideal is 1,000 / 30 = 33.3 s; a 429 would mean our
limiter let a send through that Telegram would have refused.
"""

from __future__ import annotations

import asyncio
import time
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery import Deliverer
from bot.limiter import FloodLimiter
from bot.runtimes.aiogram_runtime import AiogramRuntime
from bot.sender import OutboxSender
from emulator import Emulator, FloodLimits
from policy.support import support_period
from scheduler.sweep import preview, run_sweep
from services.recipients import Recipients
from storage.db import create_engine, session_factory
from storage.models import Studio
from storage.uow import UnitOfWork
from tests.benchmarks.common import scratch_database

SH = ZoneInfo("Asia/Shanghai")
CONFIG = Recipients(staff_ids=frozenset({9001, 9002}), tz=SH)
RATE = 30.0


async def add_studios(sessions: async_sessionmaker[AsyncSession], n: int, first: int) -> None:
    approved = date(2024, 6, 1)
    rows = [
        {
            "name": f"Studio {i}",
            "category": "modern_tech",
            "leader_name": "L",
            "unit_name": f"Unit {i}",
            "approved_on": approved,
            "support_ends_on": support_period(approved).end,
            "construction_cap": 150_000,
            "contact_user_id": first + i,
            "status": "active",
            "source": "import",
            "intangible_heritage": False,
            "created_at": datetime.now(SH),
        }
        for i in range(n)
    ]
    async with UnitOfWork(sessions) as uow:
        await uow.session.execute(insert(Studio), rows)
        await uow.commit()


async def _timed(coro: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = await coro
    return time.perf_counter() - started, result


async def bench_sweep(n_studios: int = 10_000) -> dict[str, Any]:
    async with scratch_database() as url:
        engine = create_engine(url)
        sessions = session_factory(engine)
        try:
            await add_studios(sessions, n_studios, 100_000)
            day = datetime(2027, 1, 10, 9, 0, tzinfo=SH)
            first, queued = await _timed(run_sweep(sessions, CONFIG, day))
            again, requeued = await _timed(run_sweep(sessions, CONFIG, day + timedelta(hours=1)))
            overdue, digest = await _timed(
                run_sweep(sessions, CONFIG, datetime(2027, 1, 21, 9, tzinfo=SH))
            )
            async with UnitOfWork(sessions) as uow:
                look, coming = await _timed(preview(uow, CONFIG, day))
        finally:
            await engine.dispose()
    result = {
        "studios": n_studios,
        "first_sweep_s": first,
        "first_sweep_queued": len(queued),
        "repeat_sweep_s": again,
        "repeat_sweep_queued": len(requeued),
        "overdue_sweep_s": overdue,
        "overdue_sweep_queued": len(digest),
        "preview_14d_s": look,
        "preview_14d_reminders": len(coming),
    }
    print(f"  sweep over {n_studios:,} studios: {result}", flush=True)
    return result


async def _all_sent(sessions: async_sessionmaker[AsyncSession], n: int) -> None:
    while True:
        async with UnitOfWork(sessions) as uow:
            counts = await uow.outbox.counts()
        if counts.get("sent", 0) + counts.get("failed", 0) >= n:
            return
        await asyncio.sleep(0.2)


async def bench_fanout(n: int = 1000) -> dict[str, Any]:
    emu = Emulator(
        flood=FloodLimits(chat_rate=1.0, chat_burst=3, global_rate=RATE, global_burst=30),
        settle=0.0,
    )
    await emu.start()
    async with scratch_database() as url:
        engine = create_engine(url)
        sessions = session_factory(engine)
        runtime = AiogramRuntime(emu.token, emu.base_url)
        try:
            await runtime.start()
            for i in range(n):
                emu.user(200_000 + i, f"U{i}")
            await add_studios(sessions, n, 200_000)
            config = Recipients(tz=SH)  # no staff: exactly n reminders
            queued = await run_sweep(sessions, config, datetime(2026, 1, 10, 9, tzinfo=SH))
            sender = OutboxSender(sessions, Deliverer(runtime.call, FloodLimiter(RATE, 1.0, 3)))
            stop = asyncio.Event()
            before = len(emu.calls)
            started = time.perf_counter()
            task = asyncio.create_task(sender.run(stop))
            sender.wake()
            await _all_sent(sessions, len(queued))
            duration = time.perf_counter() - started
            stop.set()
            await task
            async with UnitOfWork(sessions) as uow:
                counts = await uow.outbox.counts()
        finally:
            await runtime.close()
            await engine.dispose()
            await emu.stop()
    calls = emu.calls[before:]
    result = {
        "reminders": len(queued),
        "sent": counts.get("sent", 0),
        "failed": counts.get("failed", 0),
        "duration_s": duration,
        "ideal_s": len(queued) / RATE,
        "rate_per_s": len(queued) / duration,
        "http_429": sum(1 for c in calls if c.status == 429),
    }
    print(f"  fan-out of {n:,} reminders: {result}", flush=True)
    return result


async def run() -> None:
    print("Reminders", flush=True)
    await bench_sweep()
    await bench_fanout()


if __name__ == "__main__":
    asyncio.run(run())
