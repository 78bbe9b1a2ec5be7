"""Updates per second and update-to-reply latency: our bot beside each framework's bare echo bot.

Same emulator, same load, same run. Ours handles `/start`, which reads and writes the database
(user, roles, conversation, the processed-update record with its replies) and replies with a
menu; the bare bots only echo. Flood limits are off in the emulator and lifted in our limiter
(SEND_RATE/CHAT_RATE), to measure raw capacity as DESIGN.md allows for benchmarks.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from bot.app import BotApp
from bot.settings import Settings
from emulator import Emulator, SimUser
from tests.benchmarks.common import scratch_database, summary_ms

USERS = 50
PER_USER = 20
SEQUENTIAL = 100
Runner = Callable[[Emulator], Any]


@asynccontextmanager
async def our_bot(emu: Emulator, runtime: str) -> AsyncIterator[None]:
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
        )
        app, stop = BotApp(settings), asyncio.Event()
        task = asyncio.create_task(app.run(stop))
        await app.ready.wait()
        try:
            yield
        finally:
            stop.set()
            await task


@asynccontextmanager
async def bare_aiogram(emu: Emulator) -> AsyncIterator[None]:
    from aiogram import Bot, Dispatcher
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import Message

    bot = Bot(emu.token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    task = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    try:
        yield
    finally:
        await dispatcher.stop_polling()
        with contextlib.suppress(Exception):
            await task
        await bot.session.close()


@asynccontextmanager
async def bare_ptb(emu: Emulator) -> AsyncIterator[None]:
    from telegram import Update
    from telegram.ext import Application, ContextTypes, MessageHandler, filters

    async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    app = (
        Application.builder()
        .token(emu.token)
        .base_url(f"{emu.base_url}/bot")
        .base_file_url(f"{emu.base_url}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.ALL, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=25)
    try:
        yield
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def _replies(emu: Emulator, expected: int) -> None:
    def done() -> bool:
        sent = sum(1 for c in emu.calls if c.method == "sendMessage" and c.status == 200)
        return sent >= expected

    if not await emu.world.signal.wait_for(done, 120):
        raise TimeoutError("replies did not all arrive")


async def load(emu: Emulator, text: str) -> dict[str, Any]:
    """All updates queued at once; throughput, and latency including queueing."""
    users = [emu.user(20_000 + i, f"U{i}") for i in range(USERS)]
    pushed: dict[int, list[float]] = defaultdict(list)
    started = time.monotonic()
    for _ in range(PER_USER):
        for user in users:
            pushed[user.chat_id].append(time.monotonic())
            await user.send(text)
    await _replies(emu, USERS * PER_USER)
    elapsed = time.monotonic() - started
    latencies = _latencies(emu, pushed)
    return {"updates": USERS * PER_USER, "seconds": elapsed, "latencies": latencies}


def _latencies(emu: Emulator, pushed: dict[int, list[float]]) -> list[float]:
    """The k-th reply in a chat answers its k-th update: replies keep per-chat order."""
    replies: dict[int, list[float]] = defaultdict(list)
    for call in emu.calls:
        if call.method == "sendMessage" and call.status == 200:
            replies[int(call.params["chat_id"])].append(call.at)
    return [
        r - p for chat, sent in pushed.items() for p, r in zip(sent, replies[chat], strict=True)
    ]


async def one_at_a_time(user: SimUser, text: str) -> list[float]:
    """A single user who waits for each reply: latency with no queue."""
    samples = []
    for _ in range(SEQUENTIAL):
        marker = user.mark()
        started = time.monotonic()
        await user.send(text)
        await user.wait_messages(marker, 1, timeout=30)
        samples.append(time.monotonic() - started)
    return samples


async def measure(name: str, bot: Callable[[Emulator], Any], text: str) -> dict[str, Any]:
    emu = Emulator(settle=0.0)
    await emu.start()
    try:
        async with bot(emu):
            await emu.wait_polling()
            warm = emu.user(19_999, "Warm")
            await one_at_a_time(warm, text)
            emu.calls.clear()
            loaded = await load(emu, text)
            single = await one_at_a_time(emu.user(19_998, "Solo"), text)
    finally:
        await emu.stop()
    rate = loaded["updates"] / loaded["seconds"]
    print(
        f"  {name:<28} {rate:8.1f} updates/s | under load: {summary_ms(loaded['latencies'])}"
        f" | one user: {summary_ms(single)}",
        flush=True,
    )
    return {"rate": rate, "loaded": loaded["latencies"], "single": single}


async def run() -> dict[str, float]:
    print(f"Throughput: {USERS} users x {PER_USER} updates queued at once, then one user x "
          f"{SEQUENTIAL} sequential updates")  # fmt: skip
    ratios: dict[str, float] = {}
    for runtime, bare in (("aiogram", bare_aiogram), ("ptb", bare_ptb)):
        ours = await measure(
            f"ours on {runtime} (/start)", partial(our_bot, runtime=runtime), "/start"
        )
        theirs = await measure(f"bare {runtime} echo", bare, "hello")
        ratios[runtime] = ours["rate"] / theirs["rate"]
        print(f"  ratio ours/bare on {runtime}: {ratios[runtime]:.2f}", flush=True)
    return ratios


if __name__ == "__main__":
    asyncio.run(run())
