"""`bot`: the whole bot on each runtime against the emulator, on a fresh SQLite database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.e2e.harness import LIFTED_RATES, Harness
from tests.handlers.conftest import Clock
from tests.handlers.conftest import clock as clock  # re-exported fixture

RUNTIMES = ["aiogram", "ptb"]


async def _running(harness: Harness) -> AsyncIterator[Harness]:
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()


@pytest.fixture(params=RUNTIMES)
async def bot(
    request: pytest.FixtureRequest, sqlite_db: str, clock: Clock
) -> AsyncIterator[Harness]:
    """The bot with the send rates lifted (LIFTED_RATES), as a local Bot API server allows.

    At Telegram's 1 message/s per chat (3 at once) every exchange past the third waits about a
    second for its slot, and a long conversation meets the 30/s overall limit too; the
    conversation is the same, and the limiter still orders every send, so the tests that are
    not about the rate use this. `telegram_rate_bot` keeps Telegram's.
    """
    harness = Harness(request.param, sqlite_db, clock=clock, **LIFTED_RATES)
    async for running in _running(harness):
        yield running


@pytest.fixture
def fast_bot(bot: Harness) -> Harness:
    """The name the long-form tests were written with: `bot`, whose rate is lifted already."""
    return bot


@pytest.fixture(params=RUNTIMES)
async def telegram_rate_bot(
    request: pytest.FixtureRequest, sqlite_db: str, clock: Clock
) -> AsyncIterator[Harness]:
    """The bot at the default CHAT_RATE (Telegram's 1 message/s per chat, 3 at once)."""
    async for running in _running(Harness(request.param, sqlite_db, clock=clock)):
        yield running
