"""Whether the process that handled an update is still alive: on PostgreSQL, each bot process
holds one advisory lock named after it for as long as it runs.

A copy of an update that another process handled must wait while that process may still be
sending its replies, and replay them at once if it died. The database knows which: a process's
session lock is released the moment its connection drops, so a copy that can take the lock
knows its holder is gone. One lock per process for its lifetime, asked about only when a copy
comes, instead of one taken and released around every update. SQLite serves one process, so
there the process that handled an update is always this one or gone.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine


def lock_key(instance: str) -> int:
    """A bigint from the process's name (a hex uuid, or a fixed name like "polling")."""
    digits = (
        instance if all(c in "0123456789abcdef" for c in instance) else instance.encode().hex()
    )
    return int((digits or "0")[:15], 16)


class Liveness:
    """`hold(instance)` at start; `alive(instance)` tells whether another process still runs."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine: AsyncEngine | None = None
        if engine.dialect.name == "postgresql":
            # Two connections: the one holding this process's lock, and one to ask about others.
            self._engine = create_async_engine(
                engine.url, pool_size=2, max_overflow=0, pool_pre_ping=True
            )
        self._held: AsyncConnection | None = None

    async def hold(self, instance: str) -> None:
        if self._engine is None or self._held is not None:
            return
        self._held = await self._engine.connect()
        await self._held.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key(instance)})
        await self._held.commit()  # the lock belongs to the session, not the transaction

    async def alive(self, instance: str) -> bool:
        if self._engine is None:
            return False
        async with self._engine.connect() as conn:
            key = {"k": lock_key(instance)}
            free = await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), key)
            if free:
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), key)
            await conn.commit()
        return not free

    async def close(self) -> None:
        if self._held is not None:
            await self._held.close()
            self._held = None
        if self._engine is not None:
            await self._engine.dispose()
