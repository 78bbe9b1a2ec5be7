"""Importing the agency's studio list: row-by-row checks, row numbers, idempotent re-import."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from storage.imports.studio_columns import COLUMNS, template_bytes
from storage.imports.studios_xlsx import import_studios, parse_category, read_studios
from storage.models import Studio
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork

TODAY = date(2027, 3, 1)
HEADERS = ["工作室名称", "类别", "领办人", "所在单位", "批准日期", "所属区县"]


def workbook(rows: list[list[object]], headers: list[str] = HEADERS, title: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["郑州市技能大师工作室名单（2026年）"])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    [
        "张三数控技能大师工作室",
        "现代技术类",
        "张三",
        "郑州精工机械有限公司",
        "2021-12-20",
        "金水区",
    ],
    [
        "李四面点技能大师工作室",
        "traditional_craft",
        "李四",
        "郑州某某餐饮",
        datetime(2020, 6, 1),
        "",
    ],
    ["王五剪纸技能大师工作室", "文化创意", "王五", "荥阳剪纸协会", "2019年11月5日", "荥阳"],
]


def test_good_rows_parse_with_categories_dates_and_divisions() -> None:
    parsed = read_studios(workbook(GOOD), TODAY)
    assert parsed.errors == []
    facts = [f for _, f in parsed.rows]
    assert [f.category.value for f in facts] == [
        "modern_tech",
        "traditional_craft",
        "cultural_creative",
    ]
    assert [f.approved_on for f in facts] == [
        date(2021, 12, 20),
        date(2020, 6, 1),
        date(2019, 11, 5),
    ]
    assert [f.division for f in facts] == ["jinshui", None, "xingyang"]
    assert [row for row, _ in parsed.rows] == [2, 3, 4]


def test_bad_rows_are_reported_with_their_row_numbers() -> None:
    rows = [
        GOOD[0],
        ["", "现代技术类", "某", "某单位", "2021-01-01", ""],
        ["X工作室", "高科技类", "某", "某单位", "2021-01-01", ""],
        ["Y工作室", "现代技术类", "某", "某单位", "2021-02-30", ""],
        ["Z工作室", "现代技术类", "某", "某单位", "2030-01-01", ""],
        ["W工作室", "现代技术类", "某", "某单位", "2021-01-01", "洛阳市"],
        [None, None, None, None, None, None],
        GOOD[0],
    ]
    parsed = read_studios(workbook(rows, title=True), TODAY)
    assert [row for row, _ in parsed.rows] == [3]
    errors = {e.row: e.message_zh for e in parsed.errors}
    assert sorted(errors) == [4, 5, 6, 7, 8, 10]
    assert "工作室名称" in errors[4]
    assert "高科技类" in errors[5]
    assert "不存在" in errors[6]
    assert "晚于" in errors[7]
    assert "洛阳市" in errors[8]
    assert "第 3 行" in errors[10]


def test_missing_headers_and_non_workbooks_are_refused() -> None:
    assert read_studios(workbook(GOOD, headers=["a", "b"]), TODAY).errors[0].row == 1
    assert read_studios(b"not a zip", TODAY).errors[0].row == 0


def test_categories_by_label_or_code() -> None:
    assert parse_category("现代技术类") == parse_category("modern_tech") is not None
    assert parse_category("Cultural and creative") == parse_category("文化创意")
    assert parse_category("其他") is None


def test_the_template_has_the_headers_the_importer_reads() -> None:
    wb = load_workbook(io.BytesIO(template_bytes()))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers == [c.header + ("*" if c.required else "") for c in COLUMNS]
    parsed = read_studios(template_bytes(), TODAY)
    assert parsed.errors == [] and parsed.rows == []


async def test_import_is_idempotent(uow: Callable[[], UnitOfWork]) -> None:
    data = workbook(GOOD)
    for _ in range(2):
        async with uow() as u:
            report = await import_studios(u.repo(StudiosRepo), read_studios(data, TODAY))
            await u.commit()
    assert (report.created, report.updated) == (0, 3)
    changed = [[*GOOD[0][:2], "张三丰", *GOOD[0][3:]]]
    async with uow() as u:
        report = await import_studios(u.repo(StudiosRepo), read_studios(workbook(changed), TODAY))
        await u.commit()
    assert (report.created, report.updated) == (0, 1)
    async with uow() as u:
        studios = list(await u.session.scalars(select(Studio).order_by(Studio.id)))
    assert len(studios) == 3 and studios[0].leader_name == "张三丰"
    assert studios[0].construction_cap == 150_000 and studios[1].construction_cap == 100_000
    # approved 2021-12-20: support years 2022-2024 (policy.support), ending 31 December
    assert studios[0].support_ends_on == date(2024, 12, 31)
    assert all(s.source == "import" for s in studios)
