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
