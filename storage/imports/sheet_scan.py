"""A streaming pass over a worksheet or shared-strings part, before openpyxl reads it.

openpyxl keeps a cell's whole text in memory while it parses it (a 300 MB cell cost 695 MB) and
fills in every row up to the last row number it meets (one `<row r="1048576">` means a million
rows), so this pass counts rows and measures every cell's text as expat streams the part,
holding nothing but counters, and stops at the first limit crossed. The parser refuses any
document type declaration, as defusedxml does: no entity expansion, no external reference.
"""

from __future__ import annotations

import zipfile
from typing import IO, Final
from xml.parsers import expat

from storage.imports.limits import EXCEL_CELL_LIMIT, WorkbookRefused

CHUNK: Final = 64 * 1024
TEXT: Final = frozenset({"v", "t", "f"})
_ROW_DIGITS: Final = 7


def _refuse_dtd(*_args: object) -> int:
    raise WorkbookRefused(
        "文件含有文档类型声明（DTD/实体），不予读取", "the file declares a DTD or entities"
    )


class _Scan:
    """Counters for one part: rows met, the highest row number, the current cell's text."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.root: str | None = None
        self.rows = self.row = self.text = self.depth = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition("}")[2]
        if self.root is None:
            self.root = local
        if local == "row":
            self._row(attrs.get("r"))
        elif local in {"c", "si"}:
            self.text = 0
        elif local in TEXT:
            self.depth += 1

    def end(self, name: str) -> None:
        if name.rpartition("}")[2] in TEXT:
            self.depth -= 1

    def chars(self, data: str) -> None:
        if self.depth > 0:
            self.text += len(data)
            if self.text > EXCEL_CELL_LIMIT:
                where = f"第 {self.row} 行" if self.row else "共享字符串中"
                raise WorkbookRefused(
                    f"{where}有单元格超过 {EXCEL_CELL_LIMIT} 字（电子表格单元格的上限）",
                    f"a cell {f'in row {self.row} ' if self.row else ''}holds more than "
                    f"{EXCEL_CELL_LIMIT} characters, more than a spreadsheet cell can",
                )

    def _row(self, number: str | None) -> None:
        self.rows += 1
        digits = number if number and number.isdigit() and len(number) <= _ROW_DIGITS else ""
        self.row = int(digits) if digits else self.row + 1
        if max(self.rows, self.row) > self.max_rows:
            raise WorkbookRefused(
                f"行数超过上限（最多 {self.max_rows} 行）",
                f"more rows than allowed (at most {self.max_rows})",
            )


def _parser(scan: _Scan) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.UnparsedEntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.chars
    return parser


def scan_part(stream: IO[bytes], max_rows: int) -> str | None:
    """Stream one XML part through the limits; its root element's name (None if empty)."""
    scan = _Scan(max_rows)
    parser = _parser(scan)
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise WorkbookRefused("文件中有格式错误的 XML", "the file holds malformed XML") from None
    return scan.root


def scan_archive(archive: zipfile.ZipFile, max_rows: int) -> set[str]:
    """Every XML part of the package through the limits; the root element names met."""
    roots = set()
    for info in archive.infolist():
        with archive.open(info) as stream:
            head = stream.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()
        if not head.startswith((b"<", b"\xff\xfe", b"\xfe\xff")):
            continue
        with archive.open(info) as stream:
            root = scan_part(stream, max_rows)
        if root is not None:
            roots.add(root)
    return roots
