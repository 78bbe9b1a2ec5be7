"""`studio-bot studios import FILE.xlsx` / `studio-bot studios template OUT.xlsx`.

The agency's list of studios that existed before the bot, imported row by row; bad rows are
listed with their row number and the rest are imported. Re-importing updates, never duplicates.
A file refused whole (too big, not a plain xlsx workbook, macros, a zip bomb…) gets one line
and exit status 1, and nothing of it is kept.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.settings import Settings
from services import imports
from storage import migrate
from storage.db import create_engine, session_factory
from storage.imports.limits import ImportLimits, file_too_big
from storage.imports.studio_columns import template_bytes
from storage.imports.studios_xlsx import ImportReport, RowError
from storage.uow import UnitOfWork


def register(sub: argparse._SubParsersAction[Any]) -> None:
    studios = sub.add_parser("studios", help="the agency's list of existing studios")
    actions = studios.add_subparsers(dest="studios_action", required=True)
    do_import = actions.add_parser("import", help="import studios from an xlsx list")
    do_import.add_argument("file", type=Path)
    do_import.add_argument(
        "--dry-run", action="store_true", help="check every row, change nothing"
    )
    do_import.set_defaults(handler=_import)
    template = actions.add_parser("template", help="write the xlsx template to fill in")
    template.add_argument("out", type=Path)
    template.set_defaults(handler=_template)


def _template(args: argparse.Namespace, settings: Settings) -> int:
    args.out.write_bytes(template_bytes())
    print(f"template written: {args.out}")
    return 0


def limits(settings: Settings) -> ImportLimits:
    return ImportLimits(
        max_bytes=settings.import_max_bytes,
        max_rows=settings.import_max_rows,
        max_cell=settings.import_max_cell,
        max_sheets=settings.import_max_sheets,
        max_unzipped=settings.import_max_unzipped,
        max_ratio=settings.import_max_ratio,
    )


def _message(settings: Settings, error: RowError) -> str:
    where = f"row {error.row}" if error.row else "file refused"
    return f"{where}: {error.message_zh if settings.locale == 'zh' else error.message_en}"


def _import(args: argparse.Namespace, settings: Settings) -> int:
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    size, allowed = args.file.stat().st_size, settings.import_max_bytes
    if size > allowed:
        big = file_too_big(size, allowed)
        print(_message(settings, RowError(0, big.zh, big.en)), file=sys.stderr)
        return 1
    report = asyncio.run(_apply(settings, args.file.read_bytes(), args.dry_run, args.file.name))
    if report.refused is not None:
        print(_message(settings, report.refused), file=sys.stderr)
        return 1
    for error in report.errors:
        print(_message(settings, error), file=sys.stderr)
    verb = "would import" if args.dry_run else "imported"
    print(
        f"{verb}: {report.created} new, {report.updated} updated; "
        f"{len(report.errors)} rows refused"
    )
    return 1 if report.errors else 0


async def _apply(settings: Settings, data: bytes, dry_run: bool, name: str) -> ImportReport:
    """services.imports in one unit of work; a dry run or a file refused whole keeps nothing."""
    await migrate.upgrade(settings.database_url)
    engine = create_engine(settings.database_url)
    today = datetime.now(settings.tz).date()
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            cmd = imports.ImportStudios(data, name, today, limits(settings), dry_run)
            done = await imports.studios(uow, cmd)
            await (uow.commit() if done.keep else uow.rollback())
        return done.report
    finally:
        await engine.dispose()
