"""An imported studio list is untrusted: limits, no macros/links/charts/DTDs, rows streamed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.cli import main
from storage.imports.limits import ImportLimits
from storage.imports.studios_xlsx import import_studios, iter_studios, read_studios
from storage.models import Studio
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork
from tests.databases import sqlite_url
from tests.storage import hostile_workbooks as hostile

TODAY = date(2027, 3, 1)
LIMITS = ImportLimits()


def _refusal(data: bytes, limits: ImportLimits = LIMITS) -> tuple[str, str]:
    parsed = read_studios(data, TODAY, limits)
    assert parsed.rows == [] and len(parsed.errors) == 1, parsed.errors
    [error] = parsed.errors
    assert error.row == 0
    return error.message_zh, error.message_en


@pytest.mark.parametrize(
    ("build", "zh", "en"),
    [
        (hostile.chartsheet_only, "图表工作表", "chart sheet"),
        (hostile.billion_laughs, "DTD", "DTD"),
        (hostile.xxe, "DTD", "DTD"),
        (lambda: hostile.xxe("xl/workbook.xml"), "DTD", "DTD"),
        (lambda: hostile.xxe("[Content_Types].xml"), "DTD", "DTD"),
        (lambda: hostile.xxe("xl/styles.xml"), "DTD", "DTD"),
        (hostile.xlsm, "宏", "macros"),
        (hostile.external_link, "外部链接", "external links"),
        (lambda: hostile.huge_cell(40_000), "第 2 行有单元格超过 32767 字", "row 2"),
        (lambda: hostile.zip_bomb(20), "压缩炸弹", "zip bomb"),
        (lambda: hostile.sparse(1_048_576), "行数超过上限", "more rows than allowed"),
        (lambda: hostile.many_sheets(21), "工作表过多", "too many sheets"),
        (lambda: b"PK\x03\x04 not really a zip", "不是有效的 xlsx", "not a valid xlsx"),
        (
            lambda: hostile.rewrite(hostile.studio_list(1), {hostile.SHEET: "<worksheet"}),
            "XML",
            "XML",
        ),
    ],
)
def test_hostile_workbooks_are_refused_whole_with_one_line(
    build: Callable[[], bytes], zh: str, en: str
) -> None:
    message_zh, message_en = _refusal(build())
    assert zh in message_zh and en in message_en
    assert "\n" not in message_zh and "\n" not in message_en


def test_limits_on_size_rows_and_unpacked_size() -> None:
    data = hostile.studio_list(60)
    assert "超过" in _refusal(data, ImportLimits(max_bytes=len(data) - 1))[0]
    assert "行数超过上限" in _refusal(data, ImportLimits(max_rows=50))[0]
    assert "压缩炸弹" in _refusal(data, ImportLimits(max_unzipped=10_000))[0]
    parsed = read_studios(data, TODAY, ImportLimits(max_rows=60))
    assert parsed.errors == [] and len(parsed.rows) == 60


def test_a_long_cell_refuses_its_row_only() -> None:
    data = hostile.huge_cell(3_000, row=3)
    parsed = read_studios(data, TODAY)
    assert [e.row for e in parsed.errors] == [3] and "超过 2000 字" in parsed.errors[0].message_zh
    assert [row for row, _ in parsed.rows] == []


def test_a_moderate_list_streams_with_excel_row_numbers() -> None:
    rows = list(iter_studios(hostile.studio_list(2_000), TODAY, LIMITS))
    assert len(rows) == 2_000 and rows[0][0] == 2 and rows[-1][0] == 2_001  # type: ignore[index]


async def test_a_file_refused_midway_keeps_nothing(uow: Callable[[], UnitOfWork]) -> None:
    async with uow() as u:
        report = await import_studios(
            u.repo(StudiosRepo), iter_studios(hostile.xlsm(), TODAY, LIMITS)
        )
    assert report.refused is not None and (report.created, report.updated) == (0, 0)


async def test_a_long_list_imports_and_reimports(uow: Callable[[], UnitOfWork]) -> None:
    data = hostile.studio_list(1_200)
    for created in (1_200, 0):
        async with uow() as u:
            report = await import_studios(u.repo(StudiosRepo), iter_studios(data, TODAY, LIMITS))
            await u.commit()
        assert (report.created, report.updated, report.errors) == (created, 1_200 - created, [])
    async with uow() as u:
        assert await u.session.scalar(select(func.count(Studio.id))) == 1_200


@pytest.mark.parametrize(
    ("build", "says"),
    [(hostile.chartsheet_only, "chart sheet"), (hostile.billion_laughs, "DTD")],
)
def test_the_cli_prints_one_line_and_exits_non_zero(
    build: Callable[[], bytes],
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url(str(tmp_path)))
    monkeypatch.setenv("LOCALE", "en")
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    path = tmp_path / "list.xlsx"
    path.write_bytes(build())
    assert main(["studios", "import", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    [line] = captured.err.splitlines()
    assert line.startswith("file refused: ") and says in line


def test_the_cli_refuses_a_big_file_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url(str(tmp_path)))
    monkeypatch.setenv("IMPORT_MAX_BYTES", "1000")
    monkeypatch.setenv("LOCALE", "zh")
    path = tmp_path / "list.xlsx"
    path.write_bytes(hostile.studio_list(50))
    assert main(["studios", "import", str(path)]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line == f"file refused: 文件为 {len(path.read_bytes()) / 1024:.0f} KB，超过 1 KB 的上限"
