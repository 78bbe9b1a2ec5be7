"""Studios without a work plan: reminders before the due day, overdue notices after (Art. 9(6)).

The overdue notice goes to the studio's contact and, as one digest per moment, to every staff
member, listing the studios still missing (also those nobody can be reminded of, because no
contact is bound to them).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from policy.calendar import ProgrammeCalendar, plan_reminder_dates
from policy.reminders import REMINDER_TIME, owes_plan, plan_overdue_dates
from scheduler.env import Reminder, SweepEnv, fmt_date, key_prefix, staff_key, studio_key
from scheduler.series import Moment, local, series
from scheduler.sweeps.base import CalendarSweep, day_after
from services.messages.actions import Keyboard, Send
from services.messages.keyboards import button, rows
from storage.repos.reminders import StudioDue

PLAN_FLOW = "plan"
DIGEST_NAMES = 20


def _owing(rows: list[StudioDue], year: int) -> list[StudioDue]:
    owed: dict[tuple[date, str], bool] = {}  # thousands of studios share a few answers
    for s in rows:
        if (s.approved_on, s.status) not in owed:
            owed[s.approved_on, s.status] = owes_plan(s.approved_on, s.status, year)
    return [s for s in rows if owed[s.approved_on, s.status]]


async def missing_plans(env: SweepEnv, year: int) -> list[StudioDue]:
    """Studios owing ``year``'s plan; asked once per run (several sweeps and moments ask)."""
    key = ("missing_plans", year)
    if key not in env.memo:
        env.memo[key] = _owing(await env.queries.studios_without("plan", year), year)
    return list(cast(list[StudioDue], env.memo[key]))


async def unreminded_plans(env: SweepEnv, year: int, moment: Moment) -> list[StudioDue]:
    """Studios owing the plan whose contact has no reminder of ``moment`` queued yet (a dry
    run queues nothing, so there: all that owe it)."""
    if env.dry_run:
        return await missing_plans(env, year)
    rows = await env.queries.studios_without("plan", year, unqueued=key_prefix(moment))
    return _owing(rows, year)


async def _to_contacts(
    env: SweepEnv,
    cal: ProgrammeCalendar,
    moment: Moment,
    key: str,
    studios: list[StudioDue],
    unreminded: bool = False,
) -> list[Reminder]:
    """Reminders to the studios' contacts; ``unreminded``: the studios were chosen as having
    none of this moment queued (the insert-or-ignore still guards a sweep running beside)."""
    queued = set() if unreminded else await env.queued(moment)
    todo = [
        s
        for s in studios
        if s.contact_user_id is not None
        and studio_key(moment, s.id, s.contact_user_id) not in queued
    ]
    await env.load_languages(s.contact_user_id for s in todo if s.contact_user_id)
    out = []
    keyboards: dict[str, Keyboard] = {}
    days = (cal.plan_due - moment.day).days
    send_at = moment.send_at(env.now)
    for s in todo:
        assert s.contact_user_id is not None
        texts = env.texts(s.contact_user_id)
        due = fmt_date(texts, cal.plan_due)
        text = texts(key, studio=s.name, year=cal.year, due=due, days=days)
        keyboard = keyboards.get(texts.lang) or keyboards.setdefault(
            texts.lang, rows([button(texts("reminders.open_plan"), PLAN_FLOW, "open")])
        )
        action = Send(chat_id=s.contact_user_id, text=text, keyboard=keyboard)
        out.append(
            Reminder(
                studio_key(moment, s.id, s.contact_user_id),
                s.contact_user_id,
                action,
                send_at,
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
        studios = await unreminded_plans(env, cal.year, moment)
        return await _to_contacts(env, cal, moment, key, studios, unreminded=True)


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
