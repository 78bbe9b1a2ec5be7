"""One copy of an update at a time, so a duplicate waits instead of replying a second time.

Telegram may deliver an update again while the first copy is still being handled (a webhook
retried after a time-out, a restart mid-batch). The copy that comes second waits here until the
first has sent its replies and marked them delivered, then finds them delivered and stays
silent. Within a process an asyncio lock does it; across processes on PostgreSQL a session
advisory lock, held on a connection of its own: if the holder dies, the server drops its
connection and the lock with it, and the waiting copy replays the stored replies at once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

HELD_AT_ONCE = 8


@dataclass
class _Local:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class UpdateLocks:
    def __init__(self, engine: AsyncEngine, held_at_once: int = HELD_AT_ONCE) -> None:
        self._local: dict[int, _Local] = {}
        self._engine: AsyncEngine | None = None
        if engine.dialect.name == "postgresql":
            # A pool of its own: a lock held through the sending of replies must never take
            # the connection the handling of another update is waiting for.
            self._engine = create_async_engine(
                engine.url, pool_size=held_at_once, max_overflow=0, pool_pre_ping=True
            )
        self._slots = asyncio.Semaphore(held_at_once)

    @contextlib.asynccontextmanager
    async def hold(self, update_id: int) -> AsyncIterator[None]:
        local = self._local.setdefault(update_id, _Local())
        local.users += 1
        try:
            async with local.lock:
                if self._engine is None:
                    yield
                else:
                    async with self._slots, self._engine.connect() as conn:
                        await _advisory(conn, "pg_advisory_lock", update_id)
                        try:
                            yield
                        finally:
                            await _release(conn, update_id)
        finally:
            local.users -= 1
            if local.users == 0:
                del self._local[update_id]

    async def close(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()


async def _advisory(conn: AsyncConnection, function: str, key: int) -> None:
    await conn.execute(text(f"SELECT {function}(:key)"), {"key": key})
    await conn.commit()  # the lock belongs to the session and outlives this transaction


async def _release(conn: AsyncConnection, key: int) -> None:
    try:
        await _advisory(conn, "pg_advisory_unlock", key)
    except BaseException:
        # Broken or cancelled: closing the connection is what frees the lock then; one still
        # holding it must never go back to the pool.
        await conn.invalidate()
        raise
