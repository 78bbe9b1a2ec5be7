"""A sweep: "which reminders are due now, for whom, not yet enqueued?", answered in one go.

Every reminder has a unique outbox key (kind, period, recipient), and the outbox inserts with
insert-or-ignore, so a sweep repeated, resumed after a restart, or run by two instances at once
queues each reminder exactly once. All rows of one sweep are written in one unit of work.

``now`` is always passed in: APScheduler passes the wall clock, tests and the CLI any instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import ClassVar, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from policy.reminders import PREVIEW_DAYS
from scheduler.env import Reminder, SweepEnv
from scheduler.series import Moment, due, within
from scheduler.sweeps.aggregate import AggregateSweep
from scheduler.sweeps.idle_drafts import nudge_idle_drafts
from scheduler.sweeps.plan import PlanDueSweep, PlanOverdueSweep
from scheduler.sweeps.report import ReportDueSweep
from scheduler.sweeps.returned import ReturnedSweep
from services.recipients import Recipients
from storage.uow import UnitOfWork

WRITE_CHUNK = 1_000
"""Reminders composed and written at a time: a reminder day's ten thousand messages never sit
in memory at once, so the bot's memory does not jump (and stay up) when one is swept."""

DRAFT_FLOWS = {"application": "apply", "plan": "plan", "report": "report"}
"""Draft kinds whose idle owners are nudged, with the command that continues each."""


class Sweep(Protocol):
    name: ClassVar[str]

    async def collect(self, env: SweepEnv) -> list[Reminder]: ...


def all_sweeps() -> list[Sweep]:
    return [
        PlanDueSweep(),
        PlanOverdueSweep(),
        AggregateSweep(),
        ReportDueSweep(),
        ReturnedSweep(),
    ]


async def run_sweep(
    sessions: async_sessionmaker[AsyncSession], config: Recipients, now: datetime
) -> list[Reminder]:
    """Queue every reminder due at ``now`` that is not queued yet; returns those queued now."""
    now = now.astimezone(config.tz)

    def pick(moments: Sequence[Moment]) -> list[Moment]:
        found = due(moments, now)
        return [found] if found else []

    queued: list[Reminder] = []
    async with UnitOfWork(sessions) as uow:
        env = SweepEnv(uow, config, now, pick)
        for sweep in all_sweeps():
            found = await sweep.collect(env)
            for start in range(0, len(found), WRITE_CHUNK):
                part = found[start : start + WRITE_CHUNK]
                rows = [(r.key, r.chat_id, r.payload, r.send_at) for r in part]
                new = await uow.outbox.enqueue_many(rows)
                for r in part:
                    if r.key[:200] in new:
                        new.discard(r.key[:200])  # a key found twice is queued once
                        queued.append(r)
        await uow.commit()
    return queued


async def nudge_drafts(
    sessions: async_sessionmaker[AsyncSession], config: Recipients, now: datetime
) -> int:
    """Nudge the owners of idle drafts (the application helper's sweep, for every form)."""
    async with UnitOfWork(sessions) as uow:
        nudged = await nudge_idle_drafts(uow, config, now, DRAFT_FLOWS)
        await uow.commit()
    return nudged


async def preview(
    uow: UnitOfWork, config: Recipients, now: datetime, days: int = PREVIEW_DAYS
) -> list[Reminder]:
    """What the sweeps would send in the coming ``days`` if nobody filed anything meanwhile.

    The same sweeps in dry-run mode: nothing is written, and no workbook is built.
    """
    now = now.astimezone(config.tz)
    end = now + timedelta(days=days)

    def pick(moments: Sequence[Moment]) -> list[Moment]:
        return within(moments, now, end)

    env = SweepEnv(uow, config, now, pick, dry_run=True)
    found = [r for sweep in all_sweeps() for r in await sweep.collect(env)]
    return sorted(found, key=lambda r: (r.send_at, r.series, r.key))
