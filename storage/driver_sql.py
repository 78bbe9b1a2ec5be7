"""The statements of every update, sent on the session's asyncpg connection as they are.

SQLAlchemy's execution of a statement (the ORM's compile state, the cache lookup, processing
the result, the hop into its greenlet) costs the bot several times what asyncpg spends sending
it and reading the answer. For the statements every update runs on PostgreSQL inside
`storage.alone` blocks (the arrival, the claim, the delivered mark) that was a third of the
bot's CPU per update. They are compiled once, by SQLAlchemy for asyncpg, and sent on the
session's own connection: in its transaction if one has begun on the server, otherwise alone,
since asyncpg sends no BEGIN of its own, which is what `alone` asks of them. Outside an `alone`
block the repositories go through SQLAlchemy as usual.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

_DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call]
_KEY = "asyncpg connection"


class DriverStatement:
    """`statement` compiled for asyncpg; its parameters are given as the values asyncpg takes
    (aware datetimes, JSON as text), by the names of the statement's bind parameters."""

    def __init__(self, statement: Any) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        self.sql = str(compiled)
        self.names = tuple(compiled.positiontup or ())
        self.defaults = {n: b.value for n, b in compiled.binds.items() if not b.required}

    def args(self, params: dict[str, Any]) -> list[Any]:
        given = {**self.defaults, **params}
        return [given[name] for name in self.names]

    async def fetchrow(self, session: AsyncSession, params: dict[str, Any]) -> Any:
        return await (await _driver(session)).fetchrow(self.sql, *self.args(params))

    async def execute(self, session: AsyncSession, params: dict[str, Any]) -> int:
        """The number of rows the statement wrote."""
        status = await (await _driver(session)).execute(self.sql, *self.args(params))
        return int(status.rsplit(" ", 1)[-1])


async def _driver(session: AsyncSession) -> Any:
    """The session's asyncpg connection, looked up once per transaction (two hops into
    SQLAlchemy's greenlet each time otherwise)."""
    info = session.sync_session.info
    found = info.get(_KEY)
    if found is None:
        pooled = await (await session.connection()).get_raw_connection()
        found = info[_KEY] = pooled.driver_connection
    return found


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, _transaction: Any) -> None:
    """The transaction's connection goes back to the pool with it."""
    session.info.pop(_KEY, None)
