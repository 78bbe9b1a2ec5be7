"""One contender of the throughput benchmark, alone in its own process.

Telegram is another machine: measured in the emulator's process, a bot would share its CPU
and event loop with the "Telegram" it talks to, and every figure would lean towards the
emulator's cost. Run here, the bot has a process to itself, and its CPU time per update is its
own (read by the harness from /proc). It stops when its standard input closes.

aiogram is imported first, as any aiogram bot imports it: every model built at import. Our bot
would defer those builds to first use (bot/runtimes/lazy_aiogram.py), which saves memory, not
time per update; for the conventional and bare bots it would move that build into their first
measured update instead of before their start.

    python -m tests.benchmarks.bot_process <contender> <api base url> <token> <sqlite|postgresql>
        [<database url> <webhook port>]

With a database URL and a port, ours or the conventional bot runs in webhook mode on that
database (already made, shared with another instance) instead of polling on a fresh one.
"""

from __future__ import annotations

import asyncio
import sys
from contextlib import AbstractAsyncContextManager
from types import SimpleNamespace
from typing import Any

import aiogram  # noqa: F401  (before the bot's package: every contender gets aiogram as built)

from bot.app import settle_heap
from tests.benchmarks import bench_throughput as bt
from tests.benchmarks.common import our_bot, our_bot_on
from tests.bot.webhook_rig import webhook_settings


def contender(
    name: str, kind: str, telegram: Any, shared: tuple[str, int] | None = None
) -> AbstractAsyncContextManager[Any]:
    if name.startswith("ours-") and shared is not None:
        url, port = shared
        return our_bot_on(url, telegram, name.removeprefix("ours-"), **webhook_settings(port))
    if name.startswith("ours-"):
        return our_bot(telegram, name.removeprefix("ours-"), kind)
    if name == "conventional":
        return bt.conventional_aiogram(telegram, kind, shared)
    if name == "bare-aiogram":
        return bt.bare_aiogram(telegram)
    if name == "bare-ptb":
        return bt.bare_ptb(telegram)
    raise SystemExit(f"unknown contender {name}")


async def main(name: str, base_url: str, token: str, kind: str, *shared: str) -> None:
    telegram = SimpleNamespace(base_url=base_url, token=token)
    loop = asyncio.get_running_loop()
    webhook = (shared[0], int(shared[1])) if shared else None
    async with contender(name, kind, telegram, webhook):
        if name.startswith("ours-"):
            settle_heap()  # as `studio-bot run` does once the bot is ready
        print("ready", flush=True)
        await loop.run_in_executor(None, sys.stdin.read)  # until the harness closes it


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
