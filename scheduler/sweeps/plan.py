"""Studios without a work plan: reminders before the due day, overdue notices after (Art. 9(6)).

Both go to the studio's contact and to its master, who files the plan (第九条(六)), once to
someone who is both. The overdue notice also goes, as one digest per moment, to every staff
member, listing the studios still missing (also those nobody can be reminded of, because no
contact is bound to them).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import cast

from policy.calendar import ProgrammeCalendar, plan_reminder_dates
from policy.reminders import REMINDER_TIME, owes_plan, plan_overdue_dates
from scheduler.env import Reminder, SweepEnv, fmt_date, staff_key
from scheduler.series import Moment, local
from scheduler.sweeps.base import CalendarSweep, day_after
from scheduler.sweeps.studios import owing, to_recipients, unreminded
from services.messages.actions import Send
from services.messages.texts import Texts
from storage.repos.reminders import StudioDue

PLAN_FLOW = "plan"
DIGEST_NAMES = 20


async def missing_plans(env: SweepEnv, year: int) -> list[StudioDue]:
    """Studios owing ``year``'s plan; asked once per run (several sweeps and moments ask)."""
    key = ("missing_plans", year)
    if key not in env.memo:
        found = await env.queries.studios_without("plan", year)
        env.memo[key] = owing(found, lambda day, status: owes_plan(day, status, year))
    return list(cast(list[StudioDue], env.memo[key]))


async def _remind(
    env: SweepEnv, cal: ProgrammeCalendar, moment: Moment, text_key: str
) -> list[Reminder]:
    """The plan's reminder of ``moment`` to the contact and the master of each studio owing
    it who has not had it yet."""
    owes = lambda day, status: owes_plan(day, status, cal.year)  # noqa: E731
    people = await unreminded(env, "plan", cal.year, moment, owes, masters=True)
    days = (cal.plan_due - moment.day).days

    def render(texts: Texts, studio: str) -> str:
        due = fmt_date(texts, cal.plan_due)
        return texts(text_key, studio=studio, year=cal.year, due=due, days=days)

    return to_recipients(env, moment, people, render, "reminders.open_plan", PLAN_FLOW)


class PlanDueSweep(CalendarSweep):
    name = "plan"

    def dates(self, cal: ProgrammeCalendar) -> Iterable[date]:
        return plan_reminder_dates(cal)

    def end(self, cal: ProgrammeCalendar, env: SweepEnv) -> datetime:
        return local(cal.plan_due + timedelta(days=1), env.tz, REMINDER_TIME)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        key = "reminders.plan_today" if moment.day == cal.plan_due else "reminders.plan_due"
        return await _remind(env, cal, moment, key)


class PlanOverdueSweep(CalendarSweep):
    name = "plan_overdue"

    def dates(self, cal: ProgrammeCalendar) -> Iterable[date]:
        return plan_overdue_dates(cal)

    def end(self, cal: ProgrammeCalendar, env: SweepEnv) -> datetime:
        return day_after(cal.aggregate_due, env)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        missing = await missing_plans(env, cal.year)
        if not missing:
            return []
        out = await _remind(env, cal, moment, "reminders.plan_overdue")
        return out + await self._digest(env, cal, moment, missing)

    async def _digest(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment, missing: list[StudioDue]
    ) -> list[Reminder]:
        out = []
        for user_id in await env.unqueued_staff(moment):
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
            send_at = moment.send_at(env.now)
            out.append(Reminder.of(staff_key(moment, user_id), action, send_at, moment.series))
        return out
