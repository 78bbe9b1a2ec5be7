"""Statements that are whole on their own, run without a transaction around them.

On PostgreSQL BEGIN and COMMIT are a round trip each, and every round trip costs the bot
(and the server) as much CPU as a small handler. Most updates (a command, a menu) ask nothing
of the database beyond their arrival, which reads everything they need, and their claim,
which writes their replies: two statements, each atomic by itself, so neither needs a
transaction. Inside `alone(session)` the session's statements run in the driver's autocommit,
one transaction each, as long as the session has begun none on the server; once it has (the
handler wrote, or read something more), they join it as any statement does, and the commit
makes them durable together.

What the session has staged is flushed first, inside its transaction: a change waiting for
the next statement's autoflush must never be committed on its own by the statement that
follows. Which statements run alone is the caller's choice, never the statement's: the same
claim that ends a handling alone must join a dead letter's transaction.

The switch is made as each statement goes out (`watch`, on PostgreSQL engines): with no round
trip and no hop into SQLAlchemy's greenlet of its own, and set back for the next statement
whatever became of this one. On SQLite, where a statement is a call in the bot's own thread
and no round trip, nothing changes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

_ALONE: ContextVar[bool] = ContextVar("alone", default=False)


@asynccontextmanager
async def alone(session: AsyncSession) -> AsyncIterator[None]:
    sync = session.sync_session
    if sync.new or sync.dirty or sync.deleted:
        await session.flush()
    token = _ALONE.set(True)
    try:
        yield
    finally:
        _ALONE.reset(token)


def running_alone() -> bool:
    """Inside an `alone` block: a repository may send its statement past SQLAlchemy
    (storage.driver_sql), which runs it the same way."""
    return _ALONE.get()


def watch(engine: AsyncEngine) -> None:
    """Let `alone` blocks run their statements alone on this (PostgreSQL) engine."""
    event.listen(engine.sync_engine, "before_cursor_execute", _before_statement)


def _before_statement(conn: Connection, *_: Any) -> None:
    pooled = conn.connection
    driver, asyncpg = pooled.dbapi_connection, pooled.driver_connection
    if driver is not None and asyncpg is not None:
        driver.autocommit = _ALONE.get() and not asyncpg.is_in_transaction()
