"""Sweeps driven by the year's calendar: moments come from the (possibly moved) dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import ClassVar

from policy.calendar import ProgrammeCalendar
from scheduler.env import Reminder, SweepEnv
from scheduler.series import Moment, local, series

MIDNIGHT = time(0, 0)


def start_of(day: date, env: SweepEnv) -> datetime:
    return local(day, env.tz, MIDNIGHT)


def day_after(day: date, env: SweepEnv) -> datetime:
    return start_of(day + timedelta(days=1), env)


class CalendarSweep:
    """Looks at last year, this year and next (a preview may cross New Year)."""

    name: ClassVar[str]

    def dates(self, cal: ProgrammeCalendar) -> Iterable[date]:
        """The days the reminder fires in ``cal``'s year."""
        raise NotImplementedError

    def end(self, cal: ProgrammeCalendar, env: SweepEnv) -> datetime:
        """When the last of them stops being due."""
        raise NotImplementedError

    def moments(self, cal: ProgrammeCalendar, env: SweepEnv) -> list[Moment]:
        return series(self.name, cal.year, self.dates(cal), self.end(cal, env), env.tz)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        raise NotImplementedError

    async def collect(self, env: SweepEnv) -> list[Reminder]:
        found: list[Reminder] = []
        for year in (env.now.year - 1, env.now.year, env.now.year + 1):
            cal = await env.calendar(year)
            for moment in env.pick(self.moments(cal, env)):
                found += await self.for_moment(env, cal, moment)
        return found
