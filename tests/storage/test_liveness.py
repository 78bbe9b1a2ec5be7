"""A bot process is alive while it holds its lock: its copies of updates are waited for then,
and replayed at once when it is gone."""

from __future__ import annotations

import uuid

import pytest

from storage.db import create_engine
from storage.liveness import Liveness


@pytest.mark.postgres
async def test_a_process_is_alive_while_it_runs_and_gone_once_it_stops(pg_url: str) -> None:
    engine = create_engine(pg_url)
    running, asking = Liveness(engine), Liveness(engine)
    name = uuid.uuid4().hex
    try:
        assert not await asking.alive(name)  # never started
        await running.hold(name)
        assert await asking.alive(name)
        assert await asking.alive(name)  # asking does not take the lock away
        assert not await asking.alive(uuid.uuid4().hex)
        await running.close()
        assert not await asking.alive(name)
    finally:
        await running.close()
        await asking.close()
        await engine.dispose()


async def test_on_sqlite_another_process_counts_as_gone(sqlite_db: str) -> None:
    engine = create_engine(sqlite_db)
    liveness = Liveness(engine)
    try:
        await liveness.hold("a")
        assert not await liveness.alive("b")
    finally:
        await liveness.close()
        await engine.dispose()
