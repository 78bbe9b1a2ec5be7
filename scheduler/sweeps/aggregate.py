"""Staff before the aggregate is due (Art. 11(5)): the live count and every plan as XLSX.

The workbook is built only when some staff member still lacks this moment's reminder, so the
sweeps that find everything queued already stay cheap.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import date, datetime

from policy.calendar import ProgrammeCalendar
from policy.reminders import aggregate_reminder_dates
from scheduler.env import Reminder, SweepEnv, fmt_date, staff_key
from scheduler.series import Moment
from scheduler.sweeps.base import CalendarSweep, day_after
from scheduler.sweeps.plan import missing_plans
from services.messages.actions import SendDocument
from storage.exports.registry import SheetData
from storage.exports.render import render
from storage.exports.sheets.plans import HEADERS, SHEET, plan_rows


async def plans_workbook(env: SweepEnv, year: int) -> bytes:
    rows = await plan_rows(env.uow.session, year)
    return await asyncio.to_thread(render, [SheetData(SHEET.title, HEADERS, list(rows))], env.tz)


class AggregateSweep(CalendarSweep):
    name = "aggregate"

    def dates(self, cal: ProgrammeCalendar) -> Iterable[date]:
        return aggregate_reminder_dates(cal)

    def end(self, cal: ProgrammeCalendar, env: SweepEnv) -> datetime:
        return day_after(cal.aggregate_due, env)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        staff = await env.unqueued_staff(moment)
        if not staff:
            return []
        filed = await env.queries.studios_filed("plan", cal.year)
        missing = len(await missing_plans(env, cal.year))
        content = None if env.dry_run else await plans_workbook(env, cal.year)
        out = []
        for user_id in staff:
            texts = env.texts(user_id)
            caption = texts(
                "reminders.aggregate",
                year=cal.year,
                due=fmt_date(texts, cal.aggregate_due),
                filed=filed,
                missing=missing,
            )
            name = texts("reminders.aggregate_file", year=cal.year)
            action = SendDocument(
                chat_id=user_id, file_name=name, content=content, caption=caption
            )
            key = staff_key(moment, user_id)
            out.append(Reminder.of(key, action, moment.send_at(env.now), self.name))
        return out
