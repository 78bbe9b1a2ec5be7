"""A real runtime, limiter and outbox sender against the emulator, for the delivery tests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.delivery import Deliverer
from bot.limiter import FloodLimiter
from bot.runtimes.aiogram_runtime import AiogramRuntime
from bot.runtimes.base import Runtime
from bot.runtimes.ptb_runtime import PtbRuntime
from bot.sender import OutboxSender
from emulator import Emulator
from services.messages.actions import Send
from storage.uow import UnitOfWork


def make_runtime(name: str, emu: Emulator, request_timeout: float = 1.0) -> Runtime:
    if name == "ptb":
        return PtbRuntime(emu.token, emu.base_url, request_timeout)
    return AiogramRuntime(emu.token, emu.base_url, request_timeout)


@dataclass
class Rig:
    emu: Emulator
    runtime: Runtime
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    sender: OutboxSender

    async def enqueue(self, key: str, chat_id: int, text: str) -> None:
        async with UnitOfWork(self.sessions) as uow:
            action = Send(chat_id=chat_id, text=text).model_dump(mode="json")
            await uow.outbox.enqueue(key, chat_id, action)
            await uow.commit()

    async def counts(self) -> dict[str, int]:
        async with UnitOfWork(self.sessions) as uow:
            return await uow.outbox.counts()

    async def drain(self, guard: float = 60.0) -> dict[str, int]:
        """Run the sender until nothing is pending; `guard` only stops a hang."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + guard
        while loop.time() < deadline:
            await self.sender.drain_once()
            counts = await self.counts()
            if not counts.get("pending") and not counts.get("sending"):
                return counts
            await asyncio.sleep(0.05)
        raise TimeoutError(f"outbox not drained: {await self.counts()}")

    def texts(self, chat_id: int) -> list[str]:
        return [m.plain for m in self.emu.messages(chat_id)]


def build_sender(
    sessions: async_sessionmaker[AsyncSession], runtime: Runtime, **kw: object
) -> OutboxSender:
    deliverer = Deliverer(runtime.call, FloodLimiter())
    return OutboxSender(
        sessions,
        deliverer,
        lease=timedelta(seconds=30),
        max_attempts=4,
        backoff_base=0.05,
        **kw,  # type: ignore[arg-type]
    )
