"""Import the agency's list of studios that existed before the bot (xlsx, row by row).

The file is untrusted: `package_check` refuses it whole, with one line, unless it is a plain
xlsx workbook within the limits; only then is it opened, in openpyxl's streaming read-only mode,
and read one row at a time (memory stays flat in the row count, and at most `max_rows` rows and
`MAX_COLUMNS` columns are ever read). Good rows are imported, bad rows are reported with the
row number Excel shows and what is wrong. A studio is identified by name + unit, so importing
the same list again updates the rows instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from itertools import chain, islice
from typing import Any, Final

from policy.validators.errors import FieldError
from storage.imports.limits import ImportLimits, WorkbookRefused
from storage.imports.package_check import NOT_XLSX, check_workbook
from storage.imports.studio_columns import COLUMNS, header_key
from storage.imports.studio_rows import cell_text, parse_category, row_facts
from storage.repos.studios import StudioFacts, StudiosRepo

HEADER_SEARCH_ROWS: Final = 5
MAX_COLUMNS: Final = 50
"""Headers are looked for in the first 50 columns; cells further right are never read."""
BATCH: Final = 500

__all__ = ["ImportReport", "ParsedList", "RowError", "import_studios", "parse_category"]


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # as Excel numbers it; 0: the whole file
    message_zh: str
    message_en: str


Item = tuple[int, StudioFacts] | RowError


@dataclass
class ParsedList:
    rows: list[tuple[int, StudioFacts]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def __iter__(self) -> Iterator[Item]:
        yield from self.rows
        yield from self.errors


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: int
    updated: int
    errors: list[RowError]

    @property
    def refused(self) -> RowError | None:
        """The reason the whole file was refused, if it was (nothing of it may be kept)."""
        return next((e for e in self.errors if e.row == 0), None)


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """The header row (0-based) and the column index of each known header."""
    for index, row in enumerate(rows):
        found = {key: i for i, cell in enumerate(row) if (key := header_key(cell)) is not None}
        if all(c.key in found for c in COLUMNS if c.required):
            return index, found
    return None


class _Rows:
    """Turns sheet rows into items, remembering which studios it has met (duplicates)."""

    def __init__(self, columns: dict[str, int], today: date, limits: ImportLimits) -> None:
        self.columns, self.today, self.limits = columns, today, limits
        self.seen: dict[tuple[str, str], int] = {}

    def item(self, index: int, row: tuple[Any, ...]) -> Item | None:
        cells = {key: row[i] if i < len(row) else None for key, i in self.columns.items()}
        if all(cell_text(v) == "" for v in cells.values()):
            return None
        try:
            facts = row_facts(cells, self.today, self.limits.max_cell)
        except FieldError as exc:
            return RowError(index, exc.message_zh, exc.message_en)
        identity = (facts.name, facts.unit_name)
        if identity in self.seen:
            first = self.seen[identity]
            return RowError(
                index,
                f"与第 {first} 行重复（工作室名称和所在单位相同）",
                f"duplicates row {first} (same name and unit)",
            )
        self.seen[identity] = index
        return index, facts


def _sheet_items(
    rows: Iterator[tuple[Any, ...]], today: date, limits: ImportLimits
) -> Iterator[Item]:
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    header = _header(head)
    if header is None:
        names = "、".join(c.header for c in COLUMNS if c.required)
        yield RowError(1, f"找不到表头，需要列：{names}", "header row not found; see the template")
        return
    header_index, columns = header
    reader = _Rows(columns, today, limits)
    body = chain(head[header_index + 1 :], rows)
    for index, row in enumerate(body, start=header_index + 2):
        if (item := reader.item(index, row)) is not None:
            yield item


def iter_studios(data: bytes, today: date, limits: ImportLimits) -> Iterator[Item]:
    """Every row of the first sheet as facts or an error; a file refused whole is row 0."""
    from openpyxl import load_workbook  # only here: the running bot rarely reads a workbook

    try:
        check_workbook(data, limits, HEADER_SEARCH_ROWS)
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except WorkbookRefused as exc:
        yield RowError(0, exc.zh, exc.en)
        return
    except Exception:  # openpyxl's many ways to fail on a file it cannot read
        yield RowError(0, NOT_XLSX.zh, NOT_XLSX.en)
        return
    try:
        rows = workbook.worksheets[0].iter_rows(
            max_row=limits.max_rows + HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS, values_only=True
        )
        yield from _sheet_items(rows, today, limits)
    except Exception:
        yield RowError(0, NOT_XLSX.zh, NOT_XLSX.en)
    finally:
        workbook.close()


def read_studios(data: bytes, today: date, limits: ImportLimits | None = None) -> ParsedList:
    """The whole list in memory: for small lists and tests; `iter_studios` streams."""
    parsed = ParsedList()
    for item in iter_studios(data, today, limits or ImportLimits()):
        if isinstance(item, RowError):
            parsed.errors.append(item)
        else:
            parsed.rows.append(item)
    return parsed


async def import_studios(repo: StudiosRepo, items: Iterable[Item]) -> ImportReport:
    """Create or update each good row, `BATCH` rows at a time; the caller's unit of work
    commits (or rolls back: a file refused whole keeps nothing)."""
    created = total = 0
    errors: list[RowError] = []
    batch: list[StudioFacts] = []
    for item in items:
        if isinstance(item, RowError):
            errors.append(item)
            continue
        batch.append(item[1])
        if len(batch) == BATCH:
            created, total, batch = created + await repo.upsert_many(batch), total + BATCH, []
    if batch:
        created, total = created + await repo.upsert_many(batch), total + len(batch)
    return ImportReport(created, total - created, errors)
