"""Webhook beside long polling in the same run, on both runtimes (SQLite); then two webhook
instances on PostgreSQL, one SIGKILLed mid-way, with what landed counted.

The load is bench_throughput's: 50 users x 20 `/start` queued at once, then one user x 100
sequential. In webhook mode the emulator pushes up to `max_connections` (40) chats at once,
one update at a time per chat, as Telegram does; in polling mode the bot fetches batches.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

from emulator import Emulator
from tests.benchmarks.bench_throughput import measure_once
from tests.benchmarks.common import Goal, our_bot, summary_ms
from tests.bot.webhook_rig import free_port, webhook_settings
from tests.databases import create_pg_database, drop_pg_database, migrated

RUNTIMES = ("aiogram", "ptb")


async def measure(runtime: str, webhook: bool) -> dict[str, Any]:
    def bot(emu: Emulator) -> Any:
        extra = webhook_settings(free_port()) if webhook else {}
        return our_bot(emu, runtime, **extra)

    found = await measure_once(bot, "/start", polling=not webhook, with_paced=False)
    name = f"{runtime} {'webhook' if webhook else 'polling'}"
    print(
        f"  {name:<16} {found['rate']:8.1f} updates/s | under load: {summary_ms(found['loaded'])}"
        f" | one user: {summary_ms(found['single'])}"
        + (f" | 503s: {found['retried']}" if webhook else ""),
        flush=True,
    )
    return found


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
        lost = figures.unprocessed + figures.given_up
        lost += figures.stream_expected - min(figures.stream_replies, figures.stream_expected)
        lost += figures.notices_expected - min(figures.notices, figures.notices_expected)
        lost += figures.reminders_expected - min(figures.reminders, figures.reminders_expected)
        print(Goal(f"lost on kill -9, two instances on PostgreSQL ({runtime})", 0, "").line(lost))


async def run() -> None:
    print("Webhook vs long polling: 50 users x 20 /start at once, then 1 user x 100 in turn")
    for runtime in RUNTIMES:
        for webhook in (False, True):
            await measure(runtime, webhook)
    print("Two webhook instances on PostgreSQL behind one URL:")
    await two_instances()


if __name__ == "__main__":
    asyncio.run(run())
