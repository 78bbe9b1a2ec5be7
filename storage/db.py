"""Engine and session factory; SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession

from storage import alone, sqlite_inline
from storage.read_ahead import TrackedSession

SQLITE_BUSY_MS = 15_000
POOL_SIZE = 20  # PostgreSQL connections a process holds
POOL_TIMEOUT = 120  # seconds a transaction may wait for one in a burst


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str) -> AsyncEngine:
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # One connection: SQLite has one writer anyway, and queueing for the pool in asyncio is
        # far cheaper than many connections sleeping in SQLite's busy handler.
        # In the loop's thread (storage.sqlite_inline): with one connection nothing else could
        # use the database while a statement runs, and a thread hop per call costs more than
        # the statement.
        extra: dict[str, Any] = {}
        if database and database != ":memory:":
            uri = make_url(url).query.get("uri") in ("true", "1")
            extra["async_creator"] = sqlite_inline.connector(database, SQLITE_BUSY_MS / 1000, uri)
        engine = create_async_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_MS / 1000},
            **extra,
            pool_size=1,
            max_overflow=0,
            pool_timeout=120,
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # No ping before each checkout: it is a round trip per transaction, as dear as a statement.
    # A connection the server dropped fails its next statement instead, which invalidates the
    # pool; an update then comes again (a transient failure, bot.intake), the sender retries.
    # No overflow: an overflow connection is closed as soon as the pool has room for it again,
    # so a burst opened and closed one every five updates (a server process started each time,
    # and every statement prepared anew on it). Past POOL_SIZE, a transaction waits its turn.
    engine = create_async_engine(
        url, pool_size=POOL_SIZE, max_overflow=0, pool_timeout=POOL_TIMEOUT
    )
    alone.watch(engine)  # statements whole alone skip BEGIN and COMMIT (storage.alone)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        engine, expire_on_commit=False, autoflush=True, sync_session_class=TrackedSession
    )
