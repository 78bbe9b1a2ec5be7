"""Studios without a work plan: reminders before the due day, overdue notices after (Art. 9(6)).

The overdue notice goes to the studio's contact and, as one digest per moment, to every staff
member, listing the studios still missing (also those nobody can be reminded of, because no
contact is bound to them).
"""

from __future__ import annotations

from datetime import timedelta

from policy.calendar import ProgrammeCalendar, plan_reminder_dates
from policy.reminders import REMINDER_TIME, owes_plan, plan_overdue_dates
from scheduler.env import Reminder, SweepEnv, fmt_date, staff_key, studio_key
from scheduler.series import Moment, local, series
from scheduler.sweeps.base import CalendarSweep, day_after
from services.messages.actions import Send
from services.messages.keyboards import button, rows
from storage.repos.reminders import StudioDue

PLAN_FLOW = "plan"
DIGEST_NAMES = 20


async def missing_plans(env: SweepEnv, year: int) -> list[StudioDue]:
    rows = await env.queries.studios_without("plan", year)
    return [s for s in rows if owes_plan(s.approved_on, s.status, year)]


async def _to_contacts(
    env: SweepEnv, cal: ProgrammeCalendar, moment: Moment, key: str, studios: list[StudioDue]
) -> list[Reminder]:
    queued = await env.queued(moment)
    todo = [
        s
        for s in studios
        if s.contact_user_id is not None
        and studio_key(moment, s.id, s.contact_user_id) not in queued
    ]
    await env.load_languages(s.contact_user_id for s in todo if s.contact_user_id)
    out = []
    for s in todo:
        assert s.contact_user_id is not None
        texts = env.texts(s.contact_user_id)
        text = texts(
            key,
            studio=s.name,
            year=cal.year,
            due=fmt_date(texts, cal.plan_due),
            days=(cal.plan_due - moment.day).days,
        )
        keyboard = rows([button(texts("reminders.open_plan"), PLAN_FLOW, "open")])
        action = Send(chat_id=s.contact_user_id, text=text, keyboard=keyboard)
        out.append(
            Reminder(
                studio_key(moment, s.id, s.contact_user_id),
                s.contact_user_id,
                action,
                moment.send_at(env.now),
                moment.series,
            )
        )
    return out


class PlanDueSweep(CalendarSweep):
    name = "plan"

    def moments(self, cal: ProgrammeCalendar, env: SweepEnv) -> list[Moment]:
        end = local(cal.plan_due + timedelta(days=1), env.tz, REMINDER_TIME)
        return series(self.name, cal.year, plan_reminder_dates(cal), end, env.tz)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        key = "reminders.plan_today" if moment.day == cal.plan_due else "reminders.plan_due"
        return await _to_contacts(env, cal, moment, key, await missing_plans(env, cal.year))


class PlanOverdueSweep(CalendarSweep):
    name = "plan_overdue"

    def moments(self, cal: ProgrammeCalendar, env: SweepEnv) -> list[Moment]:
        end = day_after(cal.aggregate_due, env)
        return series(self.name, cal.year, plan_overdue_dates(cal), end, env.tz)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        missing = await missing_plans(env, cal.year)
        if not missing:
            return []
        out = await _to_contacts(env, cal, moment, "reminders.plan_overdue", missing)
        return out + await self._digest(env, cal, moment, missing)

    async def _digest(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment, missing: list[StudioDue]
    ) -> list[Reminder]:
        queued = await env.queued(moment)
        staff = [u for u in await env.staff() if staff_key(moment, u) not in queued]
        await env.load_languages(staff)
        out = []
        for user_id in staff:
            texts = env.texts(user_id)
            lines = [
                texts("reminders.digest_line", studio=s.name, unit=s.unit_name)
                + ("" if s.contact_user_id else texts("reminders.no_contact"))
                for s in missing[:DIGEST_NAMES]
            ]
            if len(missing) > DIGEST_NAMES:
                lines.append(texts("reminders.digest_more", more=len(missing) - DIGEST_NAMES))
            text = texts(
                "reminders.plan_overdue_staff",
                year=cal.year,
                due=fmt_date(texts, cal.plan_due),
                count=len(missing),
            )
            action = Send(chat_id=user_id, text=text + "\n" + "\n".join(lines))
            key = staff_key(moment, user_id)
            out.append(Reminder(key, user_id, action, moment.send_at(env.now), moment.series))
        return out
