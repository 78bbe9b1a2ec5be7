"""A year's reminder schedule, for `studio-bot reminders plan` and people planning around it."""

from __future__ import annotations

from datetime import datetime

from policy.calendar import ProgrammeCalendar
from scheduler.env import SweepEnv
from scheduler.series import Moment
from scheduler.sweep import all_sweeps
from scheduler.sweeps.base import CalendarSweep
from services.recipients import Recipients
from storage.uow import UnitOfWork


async def year_schedule(
    uow: UnitOfWork, config: Recipients, year: int
) -> tuple[ProgrammeCalendar, list[Moment]]:
    """The effective calendar of ``year`` and every calendar-driven moment in it, in order."""
    env = SweepEnv(uow, config, datetime(year, 1, 1, tzinfo=config.tz), list, dry_run=True)
    cal = await env.calendar(year)
    sweeps = [s for s in all_sweeps() if isinstance(s, CalendarSweep)]
    moments = [m for sweep in sweeps for m in sweep.moments(cal, env)]
    return cal, sorted(moments, key=lambda m: (m.at, m.series))
