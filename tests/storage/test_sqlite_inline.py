"""SQLite answers in the event loop's own thread (storage.sqlite_inline), and what SQLAlchemy asks
of a driver still holds there: transactions, rollbacks, streaming, and a clear error when the
file is locked by another process."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork

COUNT_TO_2500 = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)"
    " SELECT i FROM n"
)


async def test_statements_run_in_the_loops_thread(sqlite_db: str) -> None:
    engine = create_engine(sqlite_db)
    threads: list[int] = []
    try:
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            await driver.create_function(
                "whose_thread", 0, lambda: threads.append(threading.get_ident()) or 0
            )
            await conn.execute(text("SELECT whose_thread()"))
        assert threads == [threading.get_ident()]
    finally:
        await engine.dispose()


async def test_a_rolled_back_unit_of_work_leaves_nothing(sqlite_db: str) -> None:
    engine = create_engine(sqlite_db)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            assert await uow.updates.claim(7)
        async with UnitOfWork(session_factory(engine)) as uow:
            assert await uow.updates.claim(7)  # the first was never committed
            await uow.commit()
        async with UnitOfWork(session_factory(engine)) as uow:
            assert not await uow.updates.claim(7)
    finally:
        await engine.dispose()


async def test_rows_stream_in_chunks(sqlite_db: str) -> None:
    engine = create_engine(sqlite_db)
    try:
        async with engine.connect() as conn:
            result = await conn.stream(text(COUNT_TO_2500))
            chunks = [len(rows) async for rows in result.partitions(1000)]
        assert chunks == [1000, 1000, 500]
    finally:
        await engine.dispose()


async def test_a_file_another_process_holds_gives_an_error_not_a_hang(
    sqlite_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.db.SQLITE_BUSY_MS", 200)
    path = sqlite_db.split("///", 1)[1]
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the write lock, as another process would hold it
    engine = create_engine(sqlite_db)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            with pytest.raises(Exception, match="locked"):
                await uow.updates.claim(8)
    finally:
        other.rollback()
        other.close()
        await engine.dispose()


async def test_autocommit_can_be_asked_for(sqlite_db: str) -> None:
    engine = create_engine(sqlite_db)
    try:
        async with engine.connect() as conn:
            auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await auto.execute(text("CREATE TABLE kept (x INTEGER)"))
            await auto.execute(text("INSERT INTO kept VALUES (9)"))
        async with engine.connect() as conn:
            assert await conn.scalar(text("SELECT x FROM kept")) == 9
    finally:
        await engine.dispose()
