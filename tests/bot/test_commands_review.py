"""`studio-bot studios template|import` and `studio-bot export` from the command line."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from bot.commands import export, studios
from bot.settings import Settings
from storage.db import create_engine, session_factory
from storage.models import AuditEntry, Studio
from storage.uow import UnitOfWork


def _settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path}/cli.sqlite3", staff_ids=frozenset())


def _run(argv: list[str], settings: Settings) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    studios.register(sub)
    export.register(sub)
    args = parser.parse_args(argv)
    code: int = args.handler(args, settings)
    return code


async def _studios(settings: Settings) -> list[Studio]:
    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            return list(await uow.session.scalars(select(Studio).order_by(Studio.id)))
    finally:
        await engine.dispose()


def _list(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    wb.active.append(["工作室名称", "类别", "领办人", "所在单位", "批准日期", "所属区县"])
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_template_then_import_then_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = _settings(tmp_path)
    template = tmp_path / "template.xlsx"
    assert _run(["studios", "template", str(template)], settings) == 0
    assert load_workbook(template).worksheets[0]["A1"].value == "工作室名称*"

    good = ["张三数控技能大师工作室", "现代技术类", "张三", "郑州精工", "2021-12-20", "金水区"]
    bad = ["坏行工作室", "未知类", "某", "某单位", "2021-12-20", ""]
    source = _list(tmp_path / "list.xlsx", [good, bad])
    assert _run(["studios", "import", str(source)], settings) == 1
    out = capsys.readouterr()
    assert "1 new, 0 updated; 1 rows refused" in out.out
    assert "row 3:" in out.err and "未知类" in out.err
    assert _run(["studios", "import", str(source)], settings) == 1
    assert "0 new, 1 updated" in capsys.readouterr().out
    assert [s.name for s in asyncio.run(_studios(settings))] == ["张三数控技能大师工作室"]

    book = tmp_path / "export.xlsx"
    assert _run(["export", "--out", str(book)], settings) == 0
    rows = list(load_workbook(io.BytesIO(book.read_bytes()))["工作室"].iter_rows(values_only=True))
    assert rows[1][0] == "张三数控技能大师工作室" and rows[1][4] == "金水区"


def test_dry_run_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = _settings(tmp_path)
    good = ["张三数控技能大师工作室", "现代技术类", "张三", "郑州精工", "2021-12-20", ""]
    source = _list(tmp_path / "list.xlsx", [good])
    assert _run(["studios", "import", "--dry-run", str(source)], settings) == 0
    assert "would import: 1 new" in capsys.readouterr().out
    assert asyncio.run(_studios(settings)) == []


def test_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["studios", "import", str(tmp_path / "nope.xlsx")], _settings(tmp_path)) == 2
    assert "nope.xlsx" in capsys.readouterr().err


def test_import_is_audited(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    good = ["张三数控技能大师工作室", "现代技术类", "张三", "郑州精工", "2021-12-20", ""]
    _run(["studios", "import", str(_list(tmp_path / "list.xlsx", [good]))], settings)

    async def entries() -> list[AuditEntry]:
        engine = create_engine(settings.database_url)
        try:
            async with UnitOfWork(session_factory(engine)) as uow:
                return list(await uow.session.scalars(select(AuditEntry)))
        finally:
            await engine.dispose()

    [entry] = asyncio.run(entries())
    assert entry.action == "studios.import" and entry.details["created"] == 1
