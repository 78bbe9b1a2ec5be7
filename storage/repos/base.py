"""What every repository shares: a session it never commits, and a portable insert-or-ignore."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


class Repository:
    """Hides queries from handlers; the unit of work decides when to commit."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def dialect(self) -> str:
        return self.session.bind.dialect.name if self.session.bind else "sqlite"

    async def insert_ignore(self, model: type[DeclarativeBase], values: dict[str, Any]) -> bool:
        """Insert unless a unique key already exists; True if this call inserted the row."""
        table = model.__table__
        assert isinstance(table, Table)
        insert = pg_insert if self.dialect == "postgresql" else sqlite_insert
        stmt = insert(table).values(**values).on_conflict_do_nothing()
        result = await self.session.execute(stmt)
        return bool(getattr(result, "rowcount", 0))
