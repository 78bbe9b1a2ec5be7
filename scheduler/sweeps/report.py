"""Studios without an annual report, reminded before the assessment (Art. 9, Art. 16)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from policy.calendar import ProgrammeCalendar
from policy.reminders import owes_report, report_reminder_dates
from scheduler.env import Reminder, SweepEnv, fmt_date
from scheduler.series import Moment
from scheduler.sweeps.base import CalendarSweep, start_of
from scheduler.sweeps.studios import to_recipients, unreminded
from services.messages.texts import Texts

REPORT_FLOW = "report"


class ReportDueSweep(CalendarSweep):
    name = "report"

    def dates(self, cal: ProgrammeCalendar) -> Iterable[date]:
        return report_reminder_dates(cal)

    def end(self, cal: ProgrammeCalendar, env: SweepEnv) -> datetime:
        return start_of(cal.assessment, env)

    async def for_moment(
        self, env: SweepEnv, cal: ProgrammeCalendar, moment: Moment
    ) -> list[Reminder]:
        people = await unreminded(
            env,
            "report",
            cal.year,
            moment,
            lambda day, status: owes_report(day, status, cal),
            False,
        )
        days = (cal.assessment - moment.day).days

        def render(texts: Texts, studio: str) -> str:
            assessment = fmt_date(texts, cal.assessment)
            return texts(
                "reminders.report_due",
                studio=studio,
                year=cal.year,
                assessment=assessment,
                days=days,
            )

        return to_recipients(env, moment, people, render, "reminders.open_report", REPORT_FLOW)
