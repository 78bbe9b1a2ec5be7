"""A migrated SQLite database with the world helpers (PostgreSQL where a test asks for it)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage.db import create_engine, session_factory
from tests.scheduler.world import World


@pytest.fixture
async def world(sqlite_db: str) -> AsyncIterator[World]:
    engine = create_engine(sqlite_db)
    try:
        yield World(session_factory(engine))
    finally:
        await engine.dispose()
