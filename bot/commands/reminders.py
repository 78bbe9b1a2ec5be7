"""`studio-bot reminders due --now …` runs the sweeps as of a moment (catch-up, tests);
`studio-bot reminders plan --year …` prints the year's reminder schedule."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime
from typing import Any

from bot.settings import Settings
from scheduler.schedule import year_schedule
from scheduler.sweep import nudge_drafts, run_sweep
from storage.db import create_engine, session_factory
from storage.uow import UnitOfWork


def register(sub: argparse._SubParsersAction[Any]) -> None:
    reminders = sub.add_parser("reminders", help="reminder sweeps and the year's schedule")
    actions = reminders.add_subparsers(dest="reminders_action", required=True)
    due = actions.add_parser("due", help="queue the reminders due at a moment")
    due.add_argument("--now", default=None, help="ISO time, e.g. 2027-01-17T09:00+08:00")
    due.set_defaults(handler=_due)
    plan = actions.add_parser("plan", help="print the reminder schedule of a year")
    plan.add_argument("--year", type=int, required=True)
    plan.set_defaults(handler=_plan)


def parse_now(text: str | None, settings: Settings) -> datetime:
    if text is None:
        return datetime.now(settings.tz)
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=settings.tz)


def _due(args: argparse.Namespace, settings: Settings) -> int:
    now = parse_now(args.now, settings)
    queued, nudged = asyncio.run(_sweep(settings, now))
    print(f"sweep as of {now.isoformat()}: {len(queued)} reminders queued")
    print(f"idle drafts nudged: {nudged}")
    for r in queued:
        print(f"  {r.send_at.isoformat()}  chat {r.chat_id}  {r.key}")
    return 0


async def _sweep(settings: Settings, now: datetime) -> tuple[list[Any], int]:
    engine = create_engine(settings.database_url)
    sessions = session_factory(engine)
    try:
        recipients = settings.recipients()
        queued = await run_sweep(sessions, recipients, now)
        return list(queued), await nudge_drafts(sessions, recipients, now)
    finally:
        await engine.dispose()


def _plan(args: argparse.Namespace, settings: Settings) -> int:
    for line in asyncio.run(_schedule(settings, args.year)):
        print(line)
    return 0


async def _schedule(settings: Settings, year: int) -> list[str]:
    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(session_factory(engine)) as uow:
            cal, moments = await year_schedule(uow, settings.recipients(), year)
    finally:
        await engine.dispose()
    lines = [
        f"{year}: plans due {cal.plan_due}, aggregate due {cal.aggregate_due}, "
        f"assessment {cal.assessment}"
    ]
    lines += [f"  {m.at.strftime('%Y-%m-%d %H:%M')}  {m.series}" for m in moments]
    return lines
