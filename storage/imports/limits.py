"""How much of an untrusted workbook the import will read, and the refusal when it is too much.

The list comes from outside the bot (kept by hand, mailed around), so it is read as hostile:
every limit has a default here and a setting in the shell (`IMPORT_MAX_*`, README).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MB: Final = 1024 * 1024
EXCEL_CELL_LIMIT: Final = 32_767
"""Excel and WPS cannot hold more in one cell: a longer one was not made by a spreadsheet."""
MAX_PARTS: Final = 1_000


@dataclass(frozen=True, slots=True)
class ImportLimits:
    max_bytes: int = 10 * MB
    max_rows: int = 100_000
    max_cell: int = 2_000
    max_sheets: int = 20
    max_unzipped: int = 256 * MB
    max_ratio: int = 100


class WorkbookRefused(Exception):
    """The whole file is refused, for one reason given in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def file_too_big(size: int, allowed: int) -> WorkbookRefused:
    return WorkbookRefused(
        f"文件为 {_size(size)}，超过 {_size(allowed)} 的上限",
        f"the file is {_size(size)}, over the {_size(allowed)} limit",
    )
