"""Polling on both runtimes when another instance polls the same token (409 Conflict)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest

from bot.app import BotApp
from bot.polling import Poller, PollingConflict
from bot.settings import Settings
from emulator import Emulator
from tests.bot.intake_rig import IntakeRig, intake_rig

CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
RUNTIMES = ["aiogram", "ptb"]


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest.fixture(params=RUNTIMES)
async def rig(
    request: pytest.FixtureRequest, emu: Emulator, sqlite_db: str
) -> AsyncIterator[IntakeRig]:
    async with intake_rig(emu, request.param, sqlite_db) as made:
        yield made


async def test_on_a_conflict_polling_stands_by_and_then_serves_again(
    rig: IntakeRig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.polling")
    rig.emu.faults.add("getUpdates", status=409, description=CONFLICT, times=3)
    alice = rig.emu.user(1001)
    poller = Poller(rig.runtime, rig.intake.take, standby=(0.05, 0.2), timeout=1)
    stop = asyncio.Event()
    polling = asyncio.create_task(poller.run(stop))
    try:
        [reply] = await alice.ask("/help", timeout=30)
    finally:
        stop.set()
        await polling
    assert "/cancel" in reply.plain
    assert rig.emu.count("getUpdates", status=409) == 3
    said = [r.getMessage() for r in caplog.records if r.name == "bot.polling"]
    assert said.count("another instance is polling this token; standing by (ON_CONFLICT)") == 1
    assert "polling again: the other instance stopped" in said


async def test_the_standby_waits_grow_and_are_never_a_tight_loop() -> None:
    poller = Poller(source=None, take=None, standby=(5.0, 30.0))  # type: ignore[arg-type]
    waits = [poller._conflict() for _ in range(6)]
    assert waits == [5.0, 10.0, 20.0, 30.0, 30.0, 30.0]


async def test_on_a_conflict_with_on_conflict_exit_polling_ends_with_the_reason(
    rig: IntakeRig,
) -> None:
    rig.emu.faults.add("getUpdates", status=409, description=CONFLICT)
    poller = Poller(rig.runtime, rig.intake.take, on_conflict="exit", timeout=1)
    with pytest.raises(PollingConflict, match="another instance is polling this token"):
        await poller.run(asyncio.Event())


@pytest.mark.parametrize("runtime", RUNTIMES)
async def test_the_app_stops_instead_of_idling_deaf_when_polling_ends(
    emu: Emulator, sqlite_db: str, runtime: str
) -> None:
    emu.faults.add("getUpdates", status=409, description=CONFLICT)
    settings = Settings(
        bot_token=emu.token,
        telegram_api_url=emu.base_url,  # type: ignore[arg-type]
        database_url=sqlite_db,
        bot_runtime=runtime,  # type: ignore[arg-type]
        on_conflict="exit",
    )
    stop = asyncio.Event()
    with pytest.raises(PollingConflict):
        await asyncio.wait_for(BotApp(settings).run(stop), 60)  # the bound only stops a hang
    assert stop.is_set(), "the other services were told to stop"
