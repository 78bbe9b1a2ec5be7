"""APScheduler as the clock, the database as the truth (DESIGN.md, the scheduler).

Jobs are registered in code at every start on an in-memory job store (nothing pickled), and a
sweep runs once at start-up for "now", which catches up whatever fell due while the bot was
down. A sweep only asks "what is due at this instant and not queued yet?", so a late, repeated
or concurrent run (two instances on one database) queues nothing twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from scheduler.env import Reminder
from scheduler.sweep import nudge_drafts, run_sweep
from services.recipients import Recipients

log = logging.getLogger(__name__)

SWEEP_JOB = "reminder-sweep"
SWEEP_MINUTES = "*/15"
MISFIRE_GRACE = 10 * 60
"""A sweep delayed by a busy loop still runs within ten minutes; later ones are merged
(coalesce) since any later sweep does the same work."""


class ReminderScheduler:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        config: Recipients,
        wake: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.sessions = sessions
        self.config = config
        self.wake = wake
        self.clock = clock
        self._lock = asyncio.Lock()

    def now(self) -> datetime:
        return self.config.now(self.clock)

    async def sweep(self, now: datetime | None = None) -> list[Reminder]:
        """One sweep for ``now`` (default: the clock); wakes the sender if it queued anything."""
        now = now or self.now()
        async with self._lock:
            queued = await run_sweep(self.sessions, self.config, now)
            nudged = await nudge_drafts(self.sessions, self.config, now)
        if queued or nudged:
            log.info("sweep queued %d reminders, %d draft nudges", len(queued), nudged)
            self.wake()
        return queued

    async def _job(self) -> None:
        try:
            await self.sweep()
        except Exception:
            log.exception("reminder sweep failed; the next one will catch up")

    def build(self, trigger: Any | None = None) -> AsyncIOScheduler:
        """A scheduler with the sweep job registered (``trigger`` replaces the default cron)."""
        scheduler = AsyncIOScheduler(
            jobstores={"default": MemoryJobStore()},
            timezone=self.config.tz,
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": MISFIRE_GRACE,
            },
        )
        scheduler.add_job(
            self._job,
            trigger or CronTrigger(minute=SWEEP_MINUTES, timezone=self.config.tz),
            id=SWEEP_JOB,
            replace_existing=True,
        )
        return scheduler

    async def run(self, stop: asyncio.Event) -> None:
        """The bot's service: catch up at start, then sweep on schedule until ``stop``."""
        scheduler = self.build()
        scheduler.start()
        try:
            await self._job()
            await stop.wait()
        finally:
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # the shutdown runs on the loop: let it
