"""One row of the agency's studio list checked and turned into a studio's facts.

Every row is checked on its own and a bad one names its first wrong column, in both languages;
a cell longer than the import's cell limit is refused with its row, not the whole file.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from policy.categories import StudioCategory
from policy.categories import label as category_label
from policy.divisions import parse_division
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from storage.imports.studio_columns import COLUMNS
from storage.repos.studios import StudioFacts


def parse_category(text: str) -> StudioCategory | None:
    """A category by its Chinese or English label, with or without 类, or by its code."""
    folded = "".join(unicodedata.normalize("NFKC", text).casefold().split())
    for category in StudioCategory:
        names = {category.value, category_label(category, "zh"), category_label(category, "en")}
        names |= {category_label(category, "zh").removesuffix("类")}
        if folded in {n.casefold().replace(" ", "") for n in names}:
            return category
    return None


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _check_lengths(texts: dict[str, str], max_cell: int) -> None:
    for column in COLUMNS:
        if len(texts.get(column.key, "")) > max_cell:
            raise FieldError(
                "import.too_long",
                f"“{column.header}”超过 {max_cell} 字",
                f"{column.key} is longer than {max_cell} characters",
            )


def _date(value: object, today: date) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value > today:
            raise FieldError("date.too_late", "批准日期不能晚于今天", "cannot lie in the future")
        return value
    return parse_date(cell_text(value), not_after=today)


def row_facts(cells: dict[str, object], today: date, max_cell: int) -> StudioFacts:
    """One row as a studio, or FieldError naming the first column that is wrong."""
    texts = {key: cell_text(value) for key, value in cells.items()}
    _check_lengths(texts, max_cell)
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
