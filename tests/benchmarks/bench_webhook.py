"""Webhook beside long polling in the same run, on both runtimes (SQLite); then two webhook
instances on PostgreSQL, one SIGKILLed mid-way, with what landed counted.

The load is bench_throughput's: 50 users x 20 `/start` queued at once, then one user x 100
sequential. In webhook mode the emulator pushes up to `max_connections` (40) chats at once,
one update at a time per chat, as Telegram does; in polling mode the bot fetches batches.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from typing import Any

from bot.app import BotApp
from bot.settings import Settings
from emulator import Emulator
from tests.benchmarks.bench_throughput import load, one_at_a_time
from tests.benchmarks.common import scratch_database, summary_ms
from tests.bot.webhook_rig import free_port, webhook_settings
from tests.databases import create_pg_database, drop_pg_database, migrated

RUNTIMES = ("aiogram", "ptb")


@asynccontextmanager
async def our_bot(emu: Emulator, runtime: str, webhook: bool) -> AsyncIterator[None]:
    async with scratch_database() as url:
        settings = Settings(
            _env_file=None,
            bot_token=emu.token,
            telegram_api_url=emu.base_url,  # type: ignore[arg-type]
            database_url=url,
            bot_runtime=runtime,  # type: ignore[arg-type]
            send_rate=1_000_000,
            chat_rate=1_000_000,
            chat_burst=1_000,
            log_level="WARNING",
            **(webhook_settings(free_port()) if webhook else {}),
        )
        app, stop = BotApp(settings), asyncio.Event()
        task = asyncio.create_task(app.run(stop))
        await app.ready.wait()
        try:
            yield
        finally:
            stop.set()
            await task


async def measure(runtime: str, webhook: bool) -> dict[str, Any]:
    emu = Emulator(settle=0.0)
    await emu.start()
    try:
        async with our_bot(emu, runtime, webhook):
            if not webhook:
                await emu.wait_polling()
            await one_at_a_time(emu.user(19_999, "Warm"), "/start")
            emu.calls.clear()
            loaded = await load(emu, "/start")
            single = await one_at_a_time(emu.user(19_998, "Solo"), "/start")
    finally:
        await emu.stop()
    rate = loaded["updates"] / loaded["seconds"]
    name = f"{runtime} {'webhook' if webhook else 'polling'}"
    retried = sum(1 for d in emu.delivery.log if d.error)  # a 503: the update came again
    print(
        f"  {name:<16} {rate:8.1f} updates/s | under load: {summary_ms(loaded['latencies'])}"
        f" | one user: {summary_ms(single)}" + (f" | 503s: {retried}" if webhook else ""),
        flush=True,
    )
    return {"rate": rate}


async def two_instances() -> None:
    from tests.bot.instances_rig import run_two_instances

    for runtime in RUNTIMES:
        url = await create_pg_database()
        try:
            figures = await run_two_instances(await migrated(url), runtime)
        finally:
            await drop_pg_database(url)
        found = asdict(figures)
        found["deliveries"] = dict(figures.deliveries)
        found["duplicate_stream_replies"] = figures.stream_replies - figures.stream_expected
        print(f"  two instances, one SIGKILLed ({runtime}): {found}", flush=True)


async def run() -> None:
    print("Webhook vs long polling: 50 users x 20 /start at once, then 1 user x 100 in turn")
    for runtime in RUNTIMES:
        for webhook in (False, True):
            await measure(runtime, webhook)
    print("Two webhook instances on PostgreSQL behind one URL:")
    await two_instances()


if __name__ == "__main__":
    asyncio.run(run())
