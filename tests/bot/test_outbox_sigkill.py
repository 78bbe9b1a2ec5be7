"""SIGKILL between enqueue and send: after a restart the message goes out, once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from emulator import Emulator
from services.messages.actions import Send
from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork

ROOT = str(Path(__file__).resolve().parents[2])
CHAT = 1001


async def _bot_process(
    emu: Emulator, database_url: str, runtime: str
) -> asyncio.subprocess.Process:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("STAFF_IDS",)},
        "PYTHONPATH": ROOT,
        "BOT_TOKEN": emu.token,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": database_url,
        "BOT_RUNTIME": runtime,
        # Short, so the restarted process finds the lease over when it first looks; the killed
        # one cannot claim the row again meanwhile: its sender is inside the swallowed send.
        "OUTBOX_LEASE": "1",
        "REQUEST_TIMEOUT": "120",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run",
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def _until(condition: Callable[[], Awaitable[bool]], guard: float = 60.0) -> None:
    """Wait for a condition; `guard` only stops a hang, it is not a performance bound."""
    for _ in range(int(guard / 0.05)):
        if await condition():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("condition not reached")


@pytest.mark.parametrize("runtime", ["aiogram", "ptb"])
async def test_a_message_claimed_by_a_killed_process_goes_out_once_after_restart(
    sqlite_db: str, runtime: str
) -> None:
    engine = create_engine(sqlite_db)
    sessions = session_factory(engine)
    emu = Emulator()
    await emu.start()
    emu.user(CHAT)
    async with UnitOfWork(sessions) as uow:
        action = Send(chat_id=CHAT, text="decision: approved").model_dump(mode="json")
        await uow.outbox.enqueue("decision:1", CHAT, action)
        await uow.commit()

    async def row_status() -> str:
        async with UnitOfWork(sessions) as uow:
            row = await uow.outbox.by_key("decision:1")
            assert row is not None
            return row.status

    async def request_arrived() -> bool:
        return len(emu.faults) == 0

    async def sent() -> bool:
        return await row_status() == "sent"

    # Telegram swallows the first attempt: the process is inside the send when it dies.
    emu.faults.add("sendMessage", status=504, delay=30.0, times=1)
    first = await _bot_process(emu, sqlite_db, runtime)
    try:
        await _until(request_arrived)
        first.send_signal(signal.SIGKILL)
        await first.wait()
        assert await row_status() == "sending", "claimed, not sent, when the process died"
        second = await _bot_process(emu, sqlite_db, runtime)
        try:
            await _until(sent)
        finally:
            second.send_signal(signal.SIGTERM)
            await second.wait()
        assert [m.plain for m in emu.messages(CHAT)] == ["decision: approved"]
        async with UnitOfWork(sessions) as uow:
            row = await uow.outbox.by_key("decision:1")
            assert row is not None and row.attempts == 2
    finally:
        if first.returncode is None:
            first.kill()
        await emu.stop()
        await engine.dispose()
