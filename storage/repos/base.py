"""What every repository shares: a session it never commits, the dialect's INSERT (with its
ON CONFLICT clauses), a portable insert-or-ignore, and statements built once per dialect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

Insert = Callable[[Table | type[DeclarativeBase]], Any]
INSERTS: Final[dict[str, Insert]] = {"sqlite": sqlite_insert, "postgresql": pg_insert}
T = TypeVar("T")


def table_of(model: type[DeclarativeBase]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def per_dialect(build: Callable[[Insert], T]) -> dict[str, T]:
    """A statement built at import for each dialect: for the statements every update runs,
    where building one costs more than running it."""
    return {name: build(insert) for name, insert in INSERTS.items()}


class Repository:
    """Hides queries from handlers; the unit of work decides when to commit."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def dialect(self) -> str:
        return self.session.bind.dialect.name if self.session.bind else "sqlite"

    @property
    def insert(self) -> Insert:
        """This database's INSERT, the one with ON CONFLICT."""
        return INSERTS[self.dialect]

    async def insert_ignore(self, model: type[DeclarativeBase], values: dict[str, Any]) -> bool:
        """Insert unless a unique key already exists; True if this call inserted the row."""
        stmt = self.insert(table_of(model)).values(**values).on_conflict_do_nothing()
        result = await self.session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))
