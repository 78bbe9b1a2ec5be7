"""The intake as the app wires it (core, runtime, limiter, per-update locks) against the emulator,
taking raw updates fetched from the emulator through the runtime's own getUpdates."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.delivery import Deliverer
from bot.intake import Intake, Outcome
from bot.limiter import FloodLimiter
from bot.polling import handle_batch, next_offset
from bot.runtimes.base import Runtime
from emulator import Emulator
from handlers.context import Context, CoreConfig
from handlers.core import Core
from handlers.flow import Flow
from handlers.flows import all_flows, role_sources
from storage.db import create_engine, session_factory
from storage.liveness import Liveness
from storage.uow import UnitOfWork
from storage.update_locks import UpdateLocks
from tests.bot.outbox_rig import make_runtime


class Boom(Flow):
    """A command whose handler fails as a bug or a database would (`failure`)."""

    name = "boom"
    commands = ("boom",)
    failure: Exception = RuntimeError("poison")
    times: int | None = None  # fail this many times, then answer; None: always

    async def start(self, ctx: Context, args: str) -> None:
        if self.times is None or self.times > 0:
            if self.times is not None:
                self.times -= 1
            raise self.failure
        ctx.send("boom defused")


@dataclass
class IntakeRig:
    emu: Emulator
    runtime: Runtime
    core: Core
    intake: Intake
    boom: Boom
    offset: int | None = None

    async def fetch(self) -> list[Any]:
        """What Telegram hands out now, as raw JSON, confirming what was taken before."""
        return list(await self.runtime.fetch(self.offset, 0))

    async def take_batch(self, batch: Sequence[Any] | None = None) -> int | None:
        """Take a batch as polling does; returns the offset polling confirms next."""
        batch = await self.fetch() if batch is None else batch
        held = await handle_batch(batch, self.intake.take)
        self.offset = next_offset(batch, held, self.offset)
        return self.offset

    async def take_all(self) -> list[Outcome]:
        batch = await self.fetch()
        outcomes = [await self.intake.take(raw) for raw in batch]
        self.offset = next_offset(batch, [], self.offset)
        return outcomes

    def uow(self) -> UnitOfWork:
        return self.core.uow()

    def texts(self, chat_id: int) -> list[str]:
        return [m.plain for m in self.emu.messages(chat_id)]


@asynccontextmanager
async def intake_rig(
    emu: Emulator, runtime_name: str, database_url: str, max_attempts: int = 3
) -> AsyncIterator[IntakeRig]:
    """One bot process: its own engine, locks and runtime on a shared emulator and database."""
    runtime = make_runtime(runtime_name, emu, request_timeout=10)
    await runtime.start()
    engine = create_engine(database_url)
    boom = Boom()
    liveness = Liveness(engine)
    core = Core(
        session_factory(engine),
        [*all_flows(), boom],
        CoreConfig(),
        role_sources(),
        alive=liveness.alive,
    )
    await liveness.hold(core.instance)
    locks = UpdateLocks()
    # One try per reply: a failing send surfaces at once instead of after in-place retries.
    deliverer = Deliverer(runtime.call, FloodLimiter(1000.0, 1000.0, 1000), tries=1)
    intake = Intake(core, deliverer, locks, max_attempts=max_attempts)
    try:
        yield IntakeRig(emu, runtime, core, intake, boom)
    finally:
        await runtime.close()
        await liveness.close()
        await engine.dispose()
