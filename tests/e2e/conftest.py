"""`bot`: the whole bot on each runtime against the emulator, on a fresh SQLite database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.e2e.harness import Harness
from tests.handlers.conftest import Clock
from tests.handlers.conftest import clock as clock  # re-exported fixture

RUNTIMES = ["aiogram", "ptb"]


@pytest.fixture(params=RUNTIMES)
async def bot(
    request: pytest.FixtureRequest, sqlite_db: str, clock: Clock
) -> AsyncIterator[Harness]:
    harness = Harness(request.param, sqlite_db, clock=clock)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()


@pytest.fixture(params=RUNTIMES)
async def fast_bot(
    request: pytest.FixtureRequest, sqlite_db: str, clock: Clock
) -> AsyncIterator[Harness]:
    """`bot` with the per-chat send rate lifted (CHAT_RATE), as a local Bot API server allows.

    At Telegram's 1 message/s per chat a full application (about 60 replies) takes a minute;
    the conversation is the same, so the tests that walk long forms use this.
    """
    harness = Harness(request.param, sqlite_db, clock=clock, chat_rate=200.0, chat_burst=200)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()
