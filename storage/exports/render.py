"""Writing sheets to xlsx, in streaming mode so memory stays flat for long sheets.

Every workbook the bot hands out is written here (the agency's export and the import template),
so every text cell goes through `cells.text_cell` and can never become a formula.
Runs in a worker thread: it touches no database and no event loop.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from storage.exports.cells import text_cell
from storage.exports.registry import SheetData

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 50


def _cell(ws: object, value: object, tz: tzinfo) -> object:
    if isinstance(value, str):
        return text_cell(ws, value)
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=value.astimezone(tz).replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _width(values: Sequence[object]) -> int:
    """Roughly how wide a column must be; CJK characters take two columns."""
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in values), default=8)
    return min(max(longest + 2, 8), MAX_WIDTH)


def render(sheets: Sequence[SheetData], tz: tzinfo) -> bytes:
    wb = Workbook(write_only=True)
    for data in sheets:
        ws = wb.create_sheet(title=data.title[:31])
        sample = [data.headers, *data.rows[:200]]
        for index in range(len(data.headers)):
            ws.column_dimensions[get_column_letter(index + 1)].width = _width(
                [r[index] if index < len(r) else "" for r in sample]
            )
        ws.freeze_panes = "A2"
        header = []
        for title in data.headers:
            cell = text_cell(ws, title)
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
        for row in data.rows:
            ws.append([_cell(ws, value, tz) for value in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
