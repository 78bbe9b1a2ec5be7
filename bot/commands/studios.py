"""`studio-bot studios import FILE.xlsx` / `studio-bot studios template OUT.xlsx`.

The agency's list of studios that existed before the bot, imported row by row; bad rows are
listed with their row number and the rest are imported. Re-importing updates, never duplicates.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.settings import Settings
from storage import migrate
from storage.db import create_engine, session_factory
from storage.imports.studio_columns import template_bytes
from storage.imports.studios_xlsx import ImportReport, ParsedList, import_studios, read_studios
from storage.repos.studios import StudiosRepo
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


def _import(args: argparse.Namespace, settings: Settings) -> int:
    if not args.file.is_file():
        print(f"no such file: {args.file}", file=sys.stderr)
        return 2
    today = datetime.now(settings.tz).date()
    parsed = read_studios(args.file.read_bytes(), today)
    report = asyncio.run(_apply(settings, parsed, args.dry_run, args.file.name))
    for error in report.errors:
        where = f"row {error.row}" if error.row else "file"
        message = error.message_zh if settings.locale == "zh" else error.message_en
        print(f"{where}: {message}", file=sys.stderr)
    verb = "would import" if args.dry_run else "imported"
    print(
        f"{verb}: {report.created} new, {report.updated} updated; "
        f"{len(report.errors)} rows refused"
    )
    return 1 if report.errors else 0


async def _apply(settings: Settings, parsed: ParsedList, dry_run: bool, name: str) -> ImportReport:
    await migrate.upgrade(settings.database_url)
    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            report = await import_studios(uow.repo(StudiosRepo), parsed)
            if dry_run:
                await uow.rollback()
            else:
                await uow.audit.record(
                    None,
                    "studios.import",
                    "file",
                    name[:64],
                    created=report.created,
                    updated=report.updated,
                    refused=[e.row for e in report.errors],
                )
                await uow.commit()
        return report
    finally:
        await engine.dispose()
