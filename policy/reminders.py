"""Who owes what in a year, and when the bot reminds them (第九条(六), 第十一条(五), 第十六条).

The Measures fix the deadlines (:mod:`policy.calendar`); how often to remind is the agency's
choice, kept here as data so that it lives in one place:

* plan: 1, 10, 17, 19 and 20 January (:func:`policy.calendar.plan_reminder_dates`), then an
  overdue notice 1, 7 and 14 days after the due day, copied to staff;
* the aggregate (第十一条(五)): staff 7, 3 and 1 days before it is due;
* report: 30, 14, 7 and 1 days before the assessment (第十六条);
* a submission returned for revision: 2 and 7 days after it was returned.

Every reminder is sent at :data:`REMINDER_TIME` local time; quiet hours
(:func:`policy.calendar.next_allowed_send`) hold back a late catch-up until the morning.

Who owes: a studio confirmed before 1 January owes that year's plan (a studio confirmed during
the year filed its implementation plan with the application, 第六条). A studio owes the report of
every year from its first assessment year on, the same rule that counts its support years
(:func:`policy.support.report_owed`), whatever day the assessment is held. A studio that no
longer holds its title owes nothing (:func:`policy.studio_status.may_file`).
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Final

from policy.calendar import ProgrammeCalendar, reminder_dates
from policy.studio_status import HOLDING_TITLE, StudioState, gets_reminders
from policy.support import report_owed

REMINDER_TIME: Final = time(9, 0)
"""Local time of day at which reminders are sent."""

PLAN_OVERDUE_DAYS_AFTER: Final = (1, 7, 14)
AGGREGATE_REMINDER_DAYS_BEFORE: Final = (7, 3, 1)
REPORT_REMINDER_DAYS_BEFORE: Final = (30, 14, 7, 1)
RETURNED_NUDGE_DAYS_AFTER: Final = (2, 7)

RETURNED_NUDGE_VALID: Final = timedelta(days=7)
"""How long the last nudge about a returned submission may still be caught up."""

OWING_STATUSES: Final = HOLDING_TITLE
"""Studio states that still carry the annual duties of 第九条 (a revoked studio has none)."""


_REMINDED: Final = frozenset(s.value for s in StudioState if gets_reminders(s))
"""States reminded of their filings, as stored (a sweep asks for thousands of studios)."""


def _owing(status: str) -> bool:
    return status in _REMINDED


def owes_plan(approved_on: date, status: str, year: int) -> bool:
    """第九条(六): the studio files a work plan for ``year`` (confirmed before that year)."""
    return _owing(status) and approved_on < date(year, 1, 1)


def owes_report(approved_on: date, status: str, cal: ProgrammeCalendar) -> bool:
    """第九条, 第十六条: the studio reports on ``cal.year``, from its first assessment year on."""
    return _owing(status) and report_owed(approved_on, cal.year)


def plan_overdue_dates(cal: ProgrammeCalendar) -> tuple[date, ...]:
    """Days on which a missing plan is reported overdue, to the studio and to staff."""
    return tuple(cal.plan_due + timedelta(days=n) for n in PLAN_OVERDUE_DAYS_AFTER)


def aggregate_reminder_dates(cal: ProgrammeCalendar) -> tuple[date, ...]:
    """Days on which staff are reminded of the aggregate of all plans (第十一条(五))."""
    return reminder_dates(cal.aggregate_due, AGGREGATE_REMINDER_DAYS_BEFORE)


def report_reminder_dates(cal: ProgrammeCalendar) -> tuple[date, ...]:
    """Days on which studios without a report are reminded before the assessment (第十六条)."""
    return reminder_dates(cal.assessment, REPORT_REMINDER_DAYS_BEFORE)


def returned_nudge_dates(returned_on: date) -> tuple[date, ...]:
    """Days on which a unit is reminded of a submission returned to it for revision."""
    return tuple(returned_on + timedelta(days=n) for n in RETURNED_NUDGE_DAYS_AFTER)


def plan_year(today: date) -> int:
    """The year a plan filed on ``today`` is for: next year's from December (第九条(六))."""
    return today.year + 1 if today.month == 12 else today.year


def report_year(today: date) -> int:
    """The year a report filed on ``today`` is about: last year's until the end of February."""
    return today.year - 1 if today.month <= 2 else today.year


PREVIEW_DAYS: Final = 14
"""How far ahead staff see coming reminders (/reminders)."""
