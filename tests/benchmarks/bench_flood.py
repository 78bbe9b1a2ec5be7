"""100 messages to one private chat under Telegram's limits (1/s per chat with a burst, 30/s
overall): how long, and how many 429s — ours beside the frameworks' own tools, in one run.

- ours: the outbox sender and FloodLimiter on each runtime (the path every notice takes);
- aiogram: no limiter, retrying after each TelegramRetryAfter as aiogram's docs suggest;
- python-telegram-bot: its AIORateLimiter (overall and per-group limits, none per chat).
The emulator's per-chat bucket allows 3 at once, then 1/s: the ideal for 100 is 97 s.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from emulator import Emulator, FloodLimits
from services.messages.actions import Send as SendAction
from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork
from tests.benchmarks.common import scratch_database
from tests.bot.outbox_rig import Rig, build_sender, make_runtime

MESSAGES = int(os.environ.get("FLOOD_MESSAGES", "100"))
CHAT = 1001
Send = Callable[[], Awaitable[None]]


@asynccontextmanager
async def _ours(emu: Emulator, runtime_name: str) -> AsyncIterator[Send]:
    """The real sender loop; the clock covers enqueueing (one transaction) to last delivery."""
    async with scratch_database() as url:
        runtime = make_runtime(runtime_name, emu, request_timeout=30)
        await runtime.start()
        engine = create_engine(url)
        sessions = session_factory(engine)
        rig = Rig(emu, runtime, engine, sessions, build_sender(sessions, runtime))

        async def send_all() -> None:
            async with UnitOfWork(sessions) as uow:
                for n in range(MESSAGES):
                    text = f"message {n}"
                    action = SendAction(chat_id=CHAT, text=text).model_dump(mode="json")
                    await uow.outbox.enqueue(f"flood:{n}", CHAT, action)
                await uow.commit()
            stop = asyncio.Event()
            loop = asyncio.create_task(rig.sender.run(stop))
            rig.sender.wake()
            await emu.world.signal.wait_for(lambda: len(emu.messages(CHAT)) >= MESSAGES, 600)
            stop.set()
            rig.sender.wake()
            await loop

        try:
            yield send_all
        finally:
            await runtime.close()
            await engine.dispose()


@asynccontextmanager
async def _aiogram_bare(emu: Emulator) -> AsyncIterator[Send]:
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.exceptions import TelegramRetryAfter

    bot = Bot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))

    async def send_all() -> None:
        for n in range(MESSAGES):
            while True:
                try:
                    await bot.send_message(CHAT, f"message {n}")
                    break
                except TelegramRetryAfter as exc:
                    await asyncio.sleep(exc.retry_after)

    try:
        yield send_all
    finally:
        await bot.session.close()


@asynccontextmanager
async def _ptb_rate_limiter(emu: Emulator) -> AsyncIterator[Send]:
    from telegram.ext import AIORateLimiter, ExtBot

    bot: ExtBot[Any] = ExtBot(
        emu.token,
        base_url=f"{emu.base_url}/bot",
        rate_limiter=AIORateLimiter(max_retries=10),
    )

    async def send_all() -> None:
        for n in range(MESSAGES):
            await bot.send_message(CHAT, f"message {n}")

    async with bot:
        yield send_all


async def measure(
    name: str, contender: Callable[[Emulator], AbstractAsyncContextManager[Send]]
) -> dict[str, Any]:
    """Time from the first message handed over to the last one delivered; set-up excluded."""
    emu = Emulator(flood=FloodLimits())
    await emu.start()
    emu.user(CHAT)
    try:
        async with contender(emu) as send_all:
            started = time.monotonic()
            await send_all()
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
