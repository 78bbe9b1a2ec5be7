"""Two long-polling processes on one token: Telegram tells one of them 409; with
ON_CONFLICT=exit it ends with one line, with standby it waits, and nothing is answered twice."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from tests.bot.instances_rig import ROOT
from tests.e2e.harness import Harness

RUNTIMES = ["aiogram", "ptb"]


async def _second(bot: Harness, on_conflict: str) -> asyncio.subprocess.Process:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("STAFF_IDS", "WEBHOOK_URL")},
        "PYTHONPATH": ROOT,
        "BOT_TOKEN": bot.emu.token,
        "TELEGRAM_API_URL": bot.emu.base_url,
        "DATABASE_URL": bot.database_url,
        "BOT_RUNTIME": bot.runtime,
        "ON_CONFLICT": on_conflict,
        "LOG_LEVEL": "WARNING",
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run",
        env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


@pytest.mark.parametrize("runtime", RUNTIMES)
async def test_with_on_conflict_exit_the_second_poller_ends_with_one_line(
    runtime: str, sqlite_db: str
) -> None:
    bot = Harness(runtime, sqlite_db)
    await bot.start()
    assert bot.app is not None
    # The first poller may be the one told 409 first (an older long poll is the one ended): it
    # stands by, the second polls, is told 409 in turn and exits. How long the first stands by
    # is not the point here (test_polling's is), so it asks again soon instead of after 5 s.
    bot.app.poller.standby = (0.2, 0.2)
    try:
        second = await _second(bot, "exit")
        assert second.stderr is not None
        err = await asyncio.wait_for(second.stderr.read(), 120)  # the bound only stops a hang
        assert await second.wait() == 1
        errors = [line for line in err.decode().splitlines() if " ERROR " in line]
        assert len(errors) == 1 and "another instance is polling this token" in errors[0]
        [reply] = await bot.user().ask("/help", timeout=30)
        assert "/cancel" in reply.plain
    finally:
        await bot.close()


async def test_with_standby_the_second_poller_waits_and_nothing_is_answered_twice(
    sqlite_db: str,
) -> None:
    bot = Harness("aiogram", sqlite_db)
    await bot.start()
    second = await _second(bot, "standby")
    try:
        assert await bot.emu.world.signal.wait_for(
            lambda: bot.emu.count("getUpdates", status=409) > 0, 60
        ), "Telegram told one of them"
        alice = bot.user()
        for _ in range(5):
            await alice.ask("/help", timeout=60)
        assert len(alice.inbox) == 5 and second.returncode is None
    finally:
        second.terminate()
        await second.wait()
        await bot.close()
