"""The stairway: every revision upgrades, downgrades and upgrades again, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from storage import migrate
from storage.db import create_engine
from storage.models import Base
from tests.databases import create_pg_database, drop_pg_database, sqlite_url


async def _stairway(url: str) -> None:
    revisions = migrate.revisions()
    previous = "base"
    for revision in revisions:
        await migrate.upgrade(url, revision)
        await migrate.downgrade(url, previous)
        await migrate.upgrade(url, revision)
        previous = revision


async def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def test_stairway_on_sqlite(tmp_path: object) -> None:
    url = sqlite_url(str(tmp_path))
    await _stairway(url)
    assert set(Base.metadata.tables) <= await _tables(url)


@pytest.mark.postgres
async def test_stairway_on_postgres(pg_url: str) -> None:
    await migrate.downgrade(pg_url, "base")
    await _stairway(pg_url)
    assert set(Base.metadata.tables) <= await _tables(pg_url)


def test_revisions_form_one_line() -> None:
    revisions = migrate.revisions()
    assert revisions[0] == "0001"
    assert len(revisions) == len(set(revisions))


async def test_fresh_postgres_database_helpers_work() -> None:
    """Guards the fixtures themselves: a created database is really dropped again."""
    try:
        url = await create_pg_database()
    except OSError:
        pytest.skip("PostgreSQL not reachable")
    await drop_pg_database(url)
