"""100 messages to one private chat under Telegram's limits (1/s per chat with a burst, 30/s
overall): how long, and how many 429s — ours beside the frameworks' own tools, in one run.

- ours: the outbox sender and FloodLimiter on each runtime (the path every notice takes);
- aiogram: no limiter, retrying after each TelegramRetryAfter as aiogram's docs suggest;
- python-telegram-bot: its AIORateLimiter (overall and per-group limits, none per chat).
The emulator's per-chat bucket allows 3 at once, then 1/s: the ideal for 100 is 97 s.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.emulator import Emulator, FloodLimits
from storage.db import create_engine, session_factory
from tests.benchmarks.common import scratch_database
from tests.bot.outbox_rig import Rig, build_sender, ignore, make_runtime

MESSAGES = 100
CHAT = 1001


async def _ours(emu: Emulator, runtime_name: str) -> None:
    async with scratch_database() as url:
        runtime = make_runtime(runtime_name, emu, request_timeout=30)
        await runtime.start(ignore)
        engine = create_engine(url)
        sessions = session_factory(engine)
        rig = Rig(emu, runtime, engine, sessions, build_sender(sessions, runtime))
        try:
            for n in range(MESSAGES):
                await rig.enqueue(f"flood:{n}", CHAT, f"message {n}")
            await rig.drain(guard=600)
        finally:
            await runtime.close()
            await engine.dispose()


async def _aiogram_bare(emu: Emulator) -> None:
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.exceptions import TelegramRetryAfter

    bot = Bot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    try:
        for n in range(MESSAGES):
            while True:
                try:
                    await bot.send_message(CHAT, f"message {n}")
                    break
                except TelegramRetryAfter as exc:
                    await asyncio.sleep(exc.retry_after)
    finally:
        await bot.session.close()


async def _ptb_rate_limiter(emu: Emulator) -> None:
    from telegram.ext import AIORateLimiter, ExtBot

    bot: ExtBot[None] = ExtBot(
        emu.token,
        base_url=f"{emu.base_url}/bot",
        rate_limiter=AIORateLimiter(max_retries=10),
    )
    async with bot:
        for n in range(MESSAGES):
            await bot.send_message(CHAT, f"message {n}")


async def measure(name: str, send: Callable[[Emulator], Awaitable[None]]) -> dict[str, Any]:
    emu = Emulator(flood=FloodLimits())
    await emu.start()
    emu.user(CHAT)
    try:
        started = time.monotonic()
        await send(emu)
        seconds = time.monotonic() - started
    finally:
        await emu.stop()
    delivered = len(emu.messages(CHAT))
    floods = emu.count("sendMessage", 429)
    print(f"  {name:<36} {seconds:6.1f} s  {floods:3d} x 429  {delivered} delivered", flush=True)
    return {"seconds": seconds, "429": floods, "delivered": delivered}


async def run() -> dict[str, dict[str, Any]]:
    print(f"Flood: {MESSAGES} messages to one chat, emulator limits {FloodLimits()}")
    return {
        "ours-aiogram": await measure(
            "ours (outbox + limiter) on aiogram", lambda e: _ours(e, "aiogram")
        ),
        "ours-ptb": await measure("ours (outbox + limiter) on ptb", lambda e: _ours(e, "ptb")),
        "aiogram": await measure("aiogram, no limiter", _aiogram_bare),
        "ptb": await measure("python-telegram-bot + AIORateLimiter", _ptb_rate_limiter),
    }


if __name__ == "__main__":
    asyncio.run(run())
