"""The columns of the studio list the agency imports, and the template that shows them.

Headers are matched loosely (spaces, full-width forms and the usual synonyms), because the list
is kept by hand in Excel/WPS and headers drift between years.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Final

from policy.categories import StudioCategory
from policy.categories import label as category_label
from storage.exports.registry import SheetData
from storage.exports.render import render


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    required: bool
    aliases: tuple[str, ...]
    hint: str


COLUMNS: Final = (
    Column("name", "工作室名称", True, ("名称", "工作室"), "例：张三数控技能大师工作室"),
    Column(
        "category",
        "类别",
        True,
        ("工作室类别", "类型", "category"),
        "现代技术类 / 传统工艺类 / 文化创意类（或 modern_tech 等代码）",
    ),
    Column(
        "leader", "领办人", True, ("技能大师", "领衔人", "带头人", "大师姓名", "leader"), "姓名"
    ),
    Column(
        "unit",
        "所在单位",
        True,
        ("依托单位", "申报单位", "单位名称", "单位", "unit"),
        "单位全称",
    ),
    Column(
        "approved_on",
        "批准日期",
        True,
        ("认定日期", "命名日期", "批准时间", "approved"),
        "2021-12-20 或 2021年12月20日",
    ),
    Column(
        "division",
        "所属区县",
        False,
        ("区县", "县(市、区)", "县市区", "division"),
        "可不填；例：金水区、高新区",
    ),
)


EXAMPLE: Final = (
    "张三数控技能大师工作室",
    category_label(StudioCategory.MODERN_TECH, "zh"),
    "张三",
    "郑州某某机械有限公司",
    "2021-12-20",
    "金水区",
)


def header_key(text: object) -> str | None:
    """Which column a header cell names, if any."""
    if text is None:
        return None
    folded = "".join(unicodedata.normalize("NFKC", str(text)).casefold().split())
    folded = folded.rstrip("*")
    for column in COLUMNS:
        names = (column.header, *column.aliases)
        if any(folded == unicodedata.normalize("NFKC", n).casefold() for n in names):
            return column.key
    return None


def template_bytes() -> bytes:
    """A workbook with the headers to fill in, and a sheet explaining each column.

    Written by the export's one writer, so no cell of it can hold a formula either.
    """
    notes: list[Sequence[object]] = [
        (c.header, "必填" if c.required else "选填", c.hint) for c in COLUMNS
    ]
    notes += [
        (),
        ("示例（请填在“工作室名单”表中，从第 2 行起每行一个工作室）：",),
        EXAMPLE,
        ("同一工作室名称 + 所在单位再次导入时更新原记录，不会重复。",),
    ]
    headers = tuple(c.header + ("*" if c.required else "") for c in COLUMNS)
    return render(
        [
            SheetData("工作室名单", headers, []),
            SheetData("填写说明", ("列", "是否必填", "说明"), notes),
        ],
        UTC,
    )
