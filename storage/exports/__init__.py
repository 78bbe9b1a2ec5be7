"""The agency's workbook: one sheet per registered module, Chinese headers (DESIGN.md, storage/).

How to add a sheet: create a module in `storage/exports/sheets/` that defines

    SHEET = Sheet(order=30, title="年度计划", headers=("受理编号", ...), rows=fetch_rows)

where `fetch_rows(session)` is an async function returning plain row tuples from ONE query
(select the columns you need; never load ORM objects with their relations). The module is found
by name, no registration needed; `order` places the sheet (applications 10, studios 20; leave
gaps). Cell values may be str, int, float, Decimal, date or datetime (shown in the programme's
time zone) or None.

Building never blocks the bot: rows are fetched on the event loop, then the workbook is written
in a worker thread (`asyncio.to_thread`) with openpyxl's streaming write-only mode.
"""

from __future__ import annotations

import asyncio
from datetime import tzinfo

from sqlalchemy.ext.asyncio import AsyncSession

from storage.exports.registry import SheetData, registered
from storage.exports.render import render


async def export_workbook(session: AsyncSession, tz: tzinfo) -> bytes:
    """Every registered sheet, as xlsx bytes."""
    data = [SheetData(s.title, s.headers, list(await s.rows(session))) for s in registered()]
    return await asyncio.to_thread(render, data, tz)


__all__ = ["export_workbook"]
