"""Writing sheets to xlsx, streamed, so memory stays flat however long a sheet grows.

Every workbook the bot hands out is written here (the agency's export, the plans sent with the
aggregate reminder, the import template), so every text cell passes `cells.clean_text` and
`cells.looks_like_formula`: text is written as an inline string (`t="inlineStr"`, never a `<f>`
element), and one that merely looks like a formula gets the `quotePrefix` style, so Excel and WPS
show it as typed and compute nothing (see `cells`).

The package is written directly as SpreadsheetML parts into a zip stream: a sheet's rows become
XML text a chunk at a time, which costs a few microseconds a cell where openpyxl's write-only
mode spent tens (50,000 submissions took over a minute there). `openpyxl` still reads every file
back in the tests. `render` writes rows already in hand; `write_streamed` takes them as the
database streams them, gathering a chunk on the event loop and writing it in a worker thread.
Writing imports nothing of openpyxl, so the running bot does not carry it.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any, Final
from xml.sax.saxutils import escape, quoteattr

from storage.exports.cells import clean_text, looks_like_formula
from storage.exports.registry import Row, SheetData

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 50
SAMPLE = 200  # rows that set the column widths
CHUNK = 2_000  # rows written per trip to the worker thread
SHORT = 40  # characters: a text this short is kept once written (labels, states)

# Cell styles (indexes into styles.xml's cellXfs)
PLAIN, BOLD, DATE, DATETIME, AS_TYPED, BOLD_AS_TYPED = range(6)
EXCEL_EPOCH: Final = date(1899, 12, 30)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

STYLES = (
    XML_HEAD + f'<styleSheet xmlns="{MAIN}">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
    f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/>'
    "</fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"'
    ' quotePrefix="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _serial(value: date) -> str:
    """Excel's day number (1900 system), with the time of day as a fraction, as openpyxl does."""
    days = (value.date() if isinstance(value, datetime) else value) - EXCEL_EPOCH
    if not isinstance(value, datetime):
        return str(days.days)
    t: time = value.time()
    seconds = t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 10**6
    return repr(days.days + seconds / 86_400)


def _text(ref: str, text: str, bold: bool = False) -> str:
    return f'<c r="{ref}"{_text_body(text, bold)}'


def _text_body(text: str, bold: bool = False) -> str:
    """A text cell after its reference; short texts (labels repeat thousands of times) are
    written once and kept."""
    return _short_body(text, bold) if len(text) <= SHORT else _make_body(text, bold)


def _make_body(text: str, bold: bool) -> str:
    value = clean_text(text)
    style = (
        (BOLD_AS_TYPED if bold else AS_TYPED)
        if looks_like_formula(value)
        else (BOLD if bold else PLAIN)
    )
    s = f' s="{style}"' if style else ""
    return f' t="inlineStr"{s}><is><t xml:space="preserve">{escape(value)}</t></is></c>'


_short_body = lru_cache(maxsize=4096)(_make_body)


def _str(ref: str, value: str, tz: tzinfo) -> str:
    return f'<c r="{ref}"{_text_body(value)}' if value else ""


def _number(ref: str, value: object, tz: tzinfo) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def _bool(ref: str, value: bool, tz: tzinfo) -> str:
    return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'


def _datetime(ref: str, value: datetime, tz: tzinfo) -> str:
    local = value.astimezone(tz).replace(tzinfo=None)
    return f'<c r="{ref}" s="{DATETIME}"><v>{_serial(local)}</v></c>'


def _date(ref: str, value: date, tz: tzinfo) -> str:
    return f'<c r="{ref}" s="{DATE}"><v>{_serial(value)}</v></c>'


def _cell(ref: str, value: object, tz: tzinfo) -> str:
    if value is None or value == "":
        return ""  # an empty cell, as openpyxl leaves it
    if isinstance(value, str):
        return _str(ref, value, tz)
    if isinstance(value, bool):
        return _bool(ref, value, tz)
    if isinstance(value, datetime):
        return _datetime(ref, value, tz)
    if isinstance(value, date):
        return _date(ref, value, tz)
    if isinstance(value, int | float | Decimal):
        return _number(ref, value, tz)
    return _str(ref, str(value), tz)


CELLS: Final[dict[type, Callable[[str, Any, tzinfo], str]]] = {
    str: _str,
    int: _number,
    float: _number,
    Decimal: _number,
    bool: _bool,
    datetime: _datetime,
    date: _date,
}
"""How a cell of each exact type is written: a row is a dict lookup per cell, not a chain of
isinstance tests (anything else, a subclass too, goes through `_cell`)."""


def _letters(n: int) -> str:
    """The column's letters (1 → A, 27 → AA), as Excel names it."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _width(values: Sequence[object]) -> int:
    """Roughly how wide a column must be; CJK characters take two columns."""
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v)) for v in values), default=8)
    return min(max(longest + 2, 8), MAX_WIDTH)


class _SheetWriter:
    """One worksheet part, open in the zip, taking rows until `close`."""

    def __init__(
        self, part: IO[bytes], headers: tuple[str, ...], sample: Sequence[Row], tz: tzinfo
    ) -> None:
        self.part, self.tz, self.row = part, tz, 1
        self.letters = [_letters(i + 1) for i in range(max(len(headers), 1))]
        rows = [headers, *sample[:SAMPLE]]
        cols = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{_width([r[i] if i < len(r) else "" for r in rows])}" customWidth="1"/>'  # noqa: E501
            for i in range(len(headers))
        )
        self._write(
            XML_HEAD + f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        )
        self.header(headers)

    def _write(self, text: str) -> None:
        self.part.write(text.encode("utf-8"))

    def _letter(self, index: int) -> str:
        while index >= len(self.letters):
            self.letters.append(_letters(len(self.letters) + 1))
        return self.letters[index]

    def header(self, headers: tuple[str, ...]) -> None:
        cells = "".join(_text(f"{self._letter(i)}1", h, bold=True) for i, h in enumerate(headers))
        self._write(f'<row r="1">{cells}</row>')
        self.row = 2

    def rows(self, rows: Sequence[Row]) -> None:
        out = []
        tz, number, cells = self.tz, self.row, CELLS
        self._letter(max(map(len, rows), default=1) - 1)
        letters = self.letters
        for row in rows:
            n = str(number)
            out.append(f'<row r="{n}">')
            out += [
                cells.get(type(value), _cell)(letter + n, value, tz)
                for letter, value in zip(letters, row, strict=False)
                if value is not None
            ]
            out.append("</row>")
            number += 1
        self.row = number
        self._write("".join(out))

    def close(self) -> None:
        self._write("</sheetData></worksheet>")
        self.part.close()


class Workbook:
    """An xlsx package written into ``target`` as it goes; one sheet open at a time."""

    def __init__(self, target: IO[bytes]) -> None:
        self.zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.titles: list[str] = []

    def sheet(
        self, title: str, headers: tuple[str, ...], sample: Sequence[Row], tz: tzinfo
    ) -> _SheetWriter:
        self.titles.append(title[:31])
        name = f"xl/worksheets/sheet{len(self.titles)}.xml"
        return _SheetWriter(self.zip.open(name, "w", force_zip64=True), headers, sample, tz)

    def close(self) -> None:
        n = len(self.titles)
        sheets = "".join(
            f'<sheet name={quoteattr(t)} sheetId="{i}" r:id="rId{i}"/>'
            for i, t in enumerate(self.titles, start=1)
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT}.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        parts = {
            "xl/workbook.xml": XML_HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            "<workbookPr/><bookViews><workbookView/></bookViews>"
            f"<sheets>{sheets}</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": XML_HEAD + f'<Relationships xmlns="{PKG_REL}">{rels}'
            f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
            "</Relationships>",
            "xl/styles.xml": STYLES,
            "_rels/.rels": XML_HEAD + f'<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
            "[Content_Types].xml": XML_HEAD
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>'
            f"{overrides}</Types>",
        }
        for name, text in parts.items():
            self.zip.writestr(name, text.encode("utf-8"))
        self.zip.close()


def render(sheets: Sequence[SheetData], tz: tzinfo) -> bytes:
    """Sheets whose rows are in hand, as xlsx bytes (call it in a worker thread)."""
    out = io.BytesIO()
    wb = Workbook(out)
    for data in sheets:
        ws = wb.sheet(data.title, data.headers, data.rows, tz)
        ws.rows(data.rows)
        ws.close()
    wb.close()
    return out.getvalue()


StreamedSheet = tuple[str, tuple[str, ...], AsyncIterator[Row]]


async def _chunk(rows: AsyncIterator[Row], size: int) -> list[Row]:
    out: list[Row] = []
    async for row in rows:
        out.append(row)
        if len(out) >= size:
            break
    return out


async def write_streamed(sheets: Sequence[StreamedSheet], tz: tzinfo, target: IO[bytes]) -> None:
    """Every sheet into ``target`` (a file or buffer), its rows taken a chunk at a time."""
    wb = Workbook(target)
    for title, headers, rows in sheets:
        chunk = await _chunk(rows, CHUNK)
        ws = await asyncio.to_thread(wb.sheet, title, headers, chunk, tz)
        while chunk:
            await asyncio.to_thread(ws.rows, chunk)
            chunk = await _chunk(rows, CHUNK)
        await asyncio.to_thread(ws.close)
    await asyncio.to_thread(wb.close)
