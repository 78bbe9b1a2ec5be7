"""Shared fixtures: real databases (SQLite and PostgreSQL) and a unit-of-work factory.

Each database is a copy of a template migrated once per test process (tests/databases.py); on
PostgreSQL a copy a test finished with is emptied and reused."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork
from tests.databases import REQUIRE_POSTGRES, Templates

os.environ.setdefault("PTB_TIMEDELTA", "1")  # what bot.cli.main sets for the bot's process


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is alive once the tests are collected (the modules imported, SQLAlchemy's and
    pydantic's classes) lives to the end: frozen, the full collections the tests trigger no
    longer walk it again each time. Objects the tests make are collected as before."""
    gc.freeze()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("templates"))
    yield made
    asyncio.run(made.close())


async def _postgres_url(templates: Templates) -> str:
    try:
        return await templates.postgres()
    except (OSError, Exception) as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here but did not answer: {exc}")
        pytest.skip(f"PostgreSQL not reachable ({exc}); set REQUIRE_POSTGRES=1 to fail instead")


@contextlib.asynccontextmanager
async def _postgres(templates: Templates) -> AsyncIterator[str]:
    url = await _postgres_url(templates)
    try:
        yield url
    finally:
        templates.release(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, templates: Templates
) -> AsyncIterator[str]:
    """A migrated, empty database of each kind; storage tests run on both."""
    if request.param == "sqlite":
        yield await templates.sqlite(str(tmp_path))
        return
    async with _postgres(templates) as url:
        yield url


@pytest.fixture
async def pg_url(templates: Templates) -> AsyncIterator[str]:
    async with _postgres(templates) as url:
        yield url


@pytest.fixture
async def sqlite_db(tmp_path: Path, templates: Templates) -> str:
    return await templates.sqlite(str(tmp_path))


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
