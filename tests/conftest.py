"""Shared fixtures: real databases (SQLite and PostgreSQL) and a unit-of-work factory."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork
from tests.databases import (
    REQUIRE_POSTGRES,
    create_pg_database,
    drop_pg_database,
    migrated,
    sqlite_url,
)

os.environ.setdefault("PTB_TIMEDELTA", "1")  # what bot.cli.main sets for the bot's process


async def _postgres_url() -> str:
    try:
        return await create_pg_database()
    except (OSError, Exception) as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here but did not answer: {exc}")
        pytest.skip(f"PostgreSQL not reachable ({exc}); set REQUIRE_POSTGRES=1 to fail instead")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: object) -> AsyncIterator[str]:
    """A migrated, empty database of each kind; storage tests run on both."""
    if request.param == "sqlite":
        yield await migrated(sqlite_url(str(tmp_path)))
        return
    url = await _postgres_url()
    try:
        yield await migrated(url)
    finally:
        await drop_pg_database(url)


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    url = await _postgres_url()
    try:
        yield await migrated(url)
    finally:
        await drop_pg_database(url)


@pytest.fixture
async def sqlite_db(tmp_path: object) -> str:
    return await migrated(sqlite_url(str(tmp_path)))


@pytest.fixture
async def sessions(db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(db_url)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def uow(sessions: async_sessionmaker[AsyncSession]) -> Callable[[], UnitOfWork]:
    return lambda: UnitOfWork(sessions)
