"""The workbook (services.exports) and the studio list import (services.imports): what the
caller gets back, the audit entry, and an import that is to be kept or not."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlalchemy import func, select

from services import exports, imports
from storage.imports.limits import ImportLimits
from storage.models import Studio
from storage.uow import UnitOfWork
from tests.handlers.annual_world import add_studio
from tests.storage.test_studio_import import GOOD, workbook

Db = Callable[[], UnitOfWork]
NOW = datetime(2027, 3, 1, 10, 5, tzinfo=ZoneInfo("Asia/Shanghai"))


async def test_the_workbook_is_named_by_its_moment_and_audited(uow: Db) -> None:
    await add_studio(uow, name="甲工作室")
    async with uow() as u:
        book = await exports.export(u, 9001, NOW)
        await u.commit()
    assert (book.file_name, book.stamp) == ("studios-20270301-1005.xlsx", "20270301-1005")
    sheets = load_workbook(io.BytesIO(book.content), read_only=True).sheetnames
    assert len(sheets) >= 2
    async with uow() as u:
        audit = await u.audit.for_object("workbook", book.stamp)
    assert [(a.action, a.actor_id) for a in audit] == [("export", 9001)]


async def run_import(db: Db, dry_run: bool) -> imports.Imported:
    cmd = imports.ImportStudios(
        workbook(GOOD), "list.xlsx", date(2027, 3, 1), ImportLimits(), dry_run
    )
    async with db() as u:
        done = await imports.studios(u, cmd)
        await (u.commit() if done.keep else u.rollback())
        return done


async def test_an_import_is_kept_with_its_audit_entry_and_a_dry_run_is_not(uow: Db) -> None:
    dry = await run_import(uow, dry_run=True)
    assert not dry.keep and dry.report.created == len(GOOD)
    kept = await run_import(uow, dry_run=False)
    assert kept.keep and kept.report.created == len(GOOD)
    async with uow() as u:
        studios = await u.session.scalar(select(func.count(Studio.id)))
        audit = await u.audit.for_object("file", "list.xlsx")
    assert studios == len(GOOD) and [a.action for a in audit] == ["studios.import"]
