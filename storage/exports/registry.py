"""Sheets are discovered by module: each module of `storage.exports.sheets` defines `SHEET`.

A sheet's `rows` is either an async function returning its rows (a short sheet) or an async
generator yielding them as the database streams them (`streamed`): a sheet that grows with the
submissions never holds them all in memory.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Row as DbRow
from sqlalchemy.ext.asyncio import AsyncSession

SHEETS_PACKAGE = "storage.exports.sheets"
STREAM_CHUNK = 1_000
Row = Sequence[object]
FetchRows = Callable[[AsyncSession], Awaitable[Sequence[Row]] | AsyncIterator[Row]]


@dataclass(frozen=True, slots=True)
class Sheet:
    order: int
    title: str
    headers: tuple[str, ...]
    rows: FetchRows


@dataclass(frozen=True, slots=True)
class SheetData:
    title: str
    headers: tuple[str, ...]
    rows: list[Row]


async def streamed(
    session: AsyncSession, stmt: Select[*tuple[Any, ...]]
) -> AsyncIterator[DbRow[Any]]:
    """The statement's rows through a server-side cursor, a chunk at a time.

    Taken by partition: each step of an async result crosses into SQLAlchemy's greenlet and
    back, which cost more than the row itself when it was done for every row."""
    result = await session.stream(stmt.execution_options(yield_per=STREAM_CHUNK))
    async for partition in result.partitions():
        for row in partition:
            yield row


async def rows_of(sheet: Sheet, session: AsyncSession) -> AsyncIterator[Row]:
    """A sheet's rows one by one, whichever way the sheet gives them."""
    found = sheet.rows(session)
    if inspect.isawaitable(found):
        for row in await found:
            yield row
        return
    async for row in found:
        yield row


@cache
def registered() -> tuple[Sheet, ...]:
    """All sheets in `order`; a module without `SHEET` is a helper, not a sheet."""
    package = importlib.import_module(SHEETS_PACKAGE)
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{SHEETS_PACKAGE}.{info.name}")
        sheet = getattr(module, "SHEET", None)
        if isinstance(sheet, Sheet):
            found.append(sheet)
    return tuple(sorted(found, key=lambda s: (s.order, s.title)))
