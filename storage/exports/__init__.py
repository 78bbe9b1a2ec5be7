"""The agency's workbook: one sheet per registered module, Chinese headers (DESIGN.md, storage/).

How to add a sheet: create a module in `storage/exports/sheets/` that defines

    SHEET = Sheet(order=30, title="年度计划", headers=("受理编号", ...), rows=fetch_rows)

where `fetch_rows(session)` gives plain row tuples from ONE query (select the columns you need;
never load ORM objects with their relations): an async function returning them, or, for a sheet
that grows with the submissions, an async generator over `registry.streamed(session, stmt)`, so
the rows come through a server-side cursor and are never all in memory. The module is found by
name, no registration needed; `order` places the sheet (applications 10, studios 20; leave
gaps). Cell values may be str, int, float, Decimal, date or datetime (shown in the programme's
time zone) or None.

Building never blocks the bot for long: rows are fetched on the event loop a chunk at a time and
each chunk is written in a worker thread as SpreadsheetML (`render.write_streamed`).
`write_workbook` writes into a file; `export_workbook` returns bytes.
"""

from __future__ import annotations

import io
from datetime import tzinfo
from typing import IO

from sqlalchemy.ext.asyncio import AsyncSession

from storage.exports.registry import registered, rows_of
from storage.exports.render import write_streamed


async def write_workbook(session: AsyncSession, tz: tzinfo, target: IO[bytes]) -> None:
    """Every registered sheet into ``target``; memory does not grow with the row count."""
    sheets = [(s.title, s.headers, rows_of(s, session)) for s in registered()]
    await write_streamed(sheets, tz, target)


async def export_workbook(session: AsyncSession, tz: tzinfo) -> bytes:
    """Every registered sheet, as xlsx bytes."""
    out = io.BytesIO()
    await write_workbook(session, tz, out)
    return out.getvalue()


__all__ = ["export_workbook", "write_workbook"]
