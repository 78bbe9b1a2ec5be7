"""Import the agency's list of studios that existed before the bot (xlsx, row by row).

Every row is checked on its own: good rows are imported, bad rows are reported with their row
number and what is wrong, in both languages. A studio is identified by name + unit, so importing
the same list again updates the rows instead of duplicating them.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

from policy.categories import StudioCategory
from policy.categories import label as category_label
from policy.divisions import parse_division
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from storage.imports.studio_columns import COLUMNS, header_key
from storage.repos.studios import StudioFacts, StudiosRepo

HEADER_SEARCH_ROWS = 5


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # as Excel numbers it
    message_zh: str
    message_en: str


@dataclass
class ParsedList:
    rows: list[tuple[int, StudioFacts]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: int
    updated: int
    errors: list[RowError]


def parse_category(text: str) -> StudioCategory | None:
    """A category by its Chinese or English label, with or without 类, or by its code."""
    folded = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    for category in StudioCategory:
        names = {category.value, category_label(category, "zh"), category_label(category, "en")}
        names |= {category_label(category, "zh").removesuffix("类")}
        if folded in {n.casefold().replace(" ", "") for n in names}:
            return category
    return None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _date(value: object, today: date) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value > today:
            raise FieldError("date.too_late", "批准日期不能晚于今天", "cannot lie in the future")
        return value
    return parse_date(_text(value), not_after=today)


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """The header row (0-based) and the column index of each known header."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {key: i for i, cell in enumerate(row) if (key := header_key(cell)) is not None}
        if all(c.key in found for c in COLUMNS if c.required):
            return index, found
    return None


def _facts(cells: dict[str, object], today: date) -> StudioFacts:
    """One row as a studio, or FieldError naming the first column that is wrong."""
    texts = {key: _text(value) for key, value in cells.items()}
    for column in COLUMNS:
        if column.required and not texts.get(column.key):
            raise FieldError(
                "import.missing", f"“{column.header}”未填写", f"{column.key} is empty"
            )
    category = parse_category(texts["category"])
    if category is None:
        raise FieldError(
            "import.category",
            f"类别“{texts['category']}”无法识别（现代技术类/传统工艺类/文化创意类）",
            f"unknown category {texts['category']!r} "
            "(modern_tech / traditional_craft / cultural_creative)",
        )
    division = None
    if texts.get("division"):
        found = parse_division(texts["division"])
        if found is None:
            raise FieldError(
                "import.division",
                f"所属区县“{texts['division']}”不是郑州市的县级行政区",
                f"{texts['division']!r} is not a county-level division of Zhengzhou",
            )
        division = found.value
    try:
        approved_on = _date(cells.get("approved_on"), today)
    except FieldError as exc:
        raise FieldError(
            exc.code, f"批准日期：{exc.message_zh}", f"approval date: {exc.message_en}"
        ) from None
    return StudioFacts(
        name=texts["name"][:128],
        category=category,
        leader_name=texts["leader"][:64],
        unit_name=texts["unit"][:128],
        approved_on=approved_on,
        division=division,
    )


def read_studios(data: bytes, today: date) -> ParsedList:
    """Parse the first sheet; row numbers in errors are those Excel shows."""
    parsed = ParsedList()
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        parsed.errors.append(
            RowError(0, "文件不是有效的 xlsx 工作簿", "not a valid xlsx workbook")
        )
        return parsed
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    header = _header(rows)
    if header is None:
        names = "、".join(c.header for c in COLUMNS if c.required)
        parsed.errors.append(
            RowError(1, f"找不到表头，需要列：{names}", "header row not found; see the template")
        )
        return parsed
    header_index, columns = header
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = {key: row[i] if i < len(row) else None for key, i in columns.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        try:
            facts = _facts(cells, today)
        except FieldError as exc:
            parsed.errors.append(RowError(index, exc.message_zh, exc.message_en))
            continue
        identity = (facts.name, facts.unit_name)
        if identity in seen:
            parsed.errors.append(
                RowError(
                    index,
                    f"与第 {seen[identity]} 行重复（工作室名称和所在单位相同）",
                    f"duplicates row {seen[identity]} (same name and unit)",
                )
            )
            continue
        seen[identity] = index
        parsed.rows.append((index, facts))
    return parsed


async def import_studios(repo: StudiosRepo, parsed: ParsedList) -> ImportReport:
    """Create or update each good row; the caller's unit of work commits."""
    created = updated = 0
    for _row, facts in parsed.rows:
        _studio, is_new = await repo.upsert(facts)
        created += int(is_new)
        updated += int(not is_new)
    return ImportReport(created, updated, list(parsed.errors))
