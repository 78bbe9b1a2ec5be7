"""`studio-bot export --out FILE.xlsx`: the same workbook staff get with /export (services.exports,
with its audit entry)."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.settings import Settings
from services import exports
from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork


def register(sub: argparse._SubParsersAction[Any]) -> None:
    export = sub.add_parser("export", help="write the applications and studios workbook")
    export.add_argument("--out", type=Path, required=True, help="the xlsx file to write")
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    content = asyncio.run(_build(settings))
    args.out.write_bytes(content)
    print(f"workbook written: {args.out} ({len(content):,} bytes)")
    return 0


async def _build(settings: Settings) -> bytes:
    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            book = await exports.export(uow, None, datetime.now(settings.tz))
            await uow.commit()
            return book.content
    finally:
        await engine.dispose()
