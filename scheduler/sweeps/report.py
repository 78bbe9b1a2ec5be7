"""Studios without an annual report, reminded before the assessment (Art. 9, Art. 16)."""

from __future__ import annotations

from policy.calendar import ProgrammeCalendar
from policy.reminders import owes_report, report_reminder_dates
from scheduler.env import Reminder, SweepEnv, fmt_date, key_prefix, studio_key
from scheduler.series import Moment, series
from scheduler.sweeps.base import CalendarSweep, start_of
from services.messages.actions import Keyboard, Send
from services.messages.keyboards import button, rows

REPORT_FLOW = "report"


class ReportDueSweep(CalendarSweep):
    name = "report"

    def moments(self, cal: ProgrammeCalendar, env: SweepEnv) -> list[Moment]:
        end = start_of(cal.assessment, env)
        return series(self.name, cal.year, report_reminder_dates(cal), end, env.tz)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        unqueued = None if env.dry_run else key_prefix(moment)  # a dry run queues nothing
        studios = [
            s
            for s in await env.queries.studios_without("report", cal.year, unqueued=unqueued)
            if owes_report(s.approved_on, s.status, cal) and s.contact_user_id is not None
        ]
        await env.load_languages(s.contact_user_id for s in studios if s.contact_user_id)
        out = []
        keyboards: dict[str, Keyboard] = {}
        days = (cal.assessment - moment.day).days
        for s in studios:
            assert s.contact_user_id is not None
            texts = env.texts(s.contact_user_id)
            text = texts(
                "reminders.report_due",
                studio=s.name,
                year=cal.year,
                assessment=fmt_date(texts, cal.assessment),
                days=days,
            )
            keyboard = keyboards.get(texts.lang) or keyboards.setdefault(
                texts.lang, rows([button(texts("reminders.open_report"), REPORT_FLOW, "open")])
            )
            chat = s.contact_user_id
            action = Send(chat_id=chat, text=text, keyboard=keyboard)
            key = studio_key(moment, s.id, chat)
            out.append(Reminder(key, chat, action, moment.send_at(env.now), self.name))
        return out
