"""A sweep: "which reminders are due now, for whom, not yet enqueued?", answered in one go.

Every reminder has a unique outbox key (kind, period, recipient), and the outbox inserts with
insert-or-ignore, so a sweep repeated, resumed after a restart, or run by two instances at once
queues each reminder exactly once. All rows of one sweep are written in one unit of work.

``now`` is always passed in: APScheduler passes the wall clock, tests and the CLI any instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from operator import itemgetter
from typing import ClassVar, Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from policy.reminders import PREVIEW_DAYS
from scheduler.env import Form, Reminder, SweepEnv
from scheduler.gc_pause import collector_paused
from scheduler.series import Moment, due, within
from scheduler.sweeps.aggregate import AggregateSweep
from scheduler.sweeps.idle_drafts import nudge_idle_drafts
from scheduler.sweeps.plan import PlanDueSweep, PlanOverdueSweep
from scheduler.sweeps.report import ReportDueSweep
from scheduler.sweeps.returned import ReturnedSweep
from services.recipients import Recipients
from storage.repos.outbox import OutboxRepo
from storage.uow import UnitOfWork

WRITE_CHUNK = 2_000
"""Reminders composed and written at a time: a reminder day's ten thousand texts never sit in
memory at once, so the bot's memory does not jump (and stay up) when one is swept."""

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
    with collector_paused():
        async with UnitOfWork(sessions) as uow:
            env = SweepEnv(uow, config, now, pick)
            for sweep in all_sweeps():
                found = await sweep.collect(env)
                for start in range(0, len(found), WRITE_CHUNK):
                    queued += await _write(uow.outbox, found[start : start + WRITE_CHUNK])
            await uow.outbox.settle()
            await uow.commit()
    return queued


async def _write(outbox: OutboxRepo, found: list[Reminder]) -> list[Reminder]:
    """Queue ``found``; those queued now (a key found twice is queued once). A studio's
    reminder travels as (key, chat, text, form): the database makes its action."""
    new: set[str] = set()
    filled: dict[datetime, list[tuple[str, int, str, int]]] = {}
    forms: dict[Form, int] = {}
    plain = []
    for r in found:
        if r.form is None:
            plain.append((r.key, r.chat_id, r.payload, r.send_at))
            continue
        form = forms.get(r.form)
        if form is None:
            form = forms[r.form] = len(forms)
        filled.setdefault(r.send_at, []).append((r.key, r.chat_id, r.form.text(r.name), form))
    actions = [form.action for form in forms]
    for send_at, rows in filled.items():
        new |= await outbox.enqueue_filled(actions, rows, send_at)
    new |= await outbox.enqueue_many(plain)
    queued = []
    for r in found:
        if r.key[:200] in new:
            new.discard(r.key[:200])
            queued.append(r)
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
    with collector_paused():
        found = [r for sweep in all_sweeps() for r in await sweep.collect(env)]
        found.sort(key=_ORDER)
    return found


_ORDER = itemgetter(2, 3, 0)
"""A preview's order: send_at, series, key."""
