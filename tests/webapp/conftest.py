"""The bot with its HTTP server on a free port, against the emulator, for the Mini App tests."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import pytest

from tests.e2e.harness import LIFTED_RATES, Harness
from tests.handlers.conftest import Clock
from tests.handlers.conftest import chat as chat  # re-exported fixtures
from tests.handlers.conftest import clock as clock
from tests.handlers.conftest import core as core
from tests.handlers.conftest import db as db
from tests.handlers.conftest import files as files

WEBAPP_URL = "https://studio.example/app"


@contextlib.asynccontextmanager
async def web_harness(sqlite_db: str, clock: Clock) -> AsyncIterator[Harness]:
    harness = Harness(
        "aiogram",
        sqlite_db,
        clock=clock,
        webapp_url=WEBAPP_URL,
        http_listen="127.0.0.1:0",
        **LIFTED_RATES,
    )
    await harness.start()
    try:
        yield harness
    finally:
        await harness.close()


@pytest.fixture
async def web_bot(sqlite_db: str, clock: Clock) -> AsyncIterator[Harness]:
    async with web_harness(sqlite_db, clock) as harness:
        yield harness


def base_url(bot: Harness) -> str:
    assert bot.app is not None and bot.app.http is not None
    return f"http://127.0.0.1:{bot.app.http.port}"
