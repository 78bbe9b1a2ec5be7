"""The programme's yearly calendar (第九条(六), 第十一条(五), 第十六条) and the bot's quiet hours.

* 第九条(六): the leader files the year's work plan with the agency by 20 January ("1月20日前";
  in Chinese administrative usage the named day is included, so a plan filed on 20 January is
  on time and one filed on 21 January is late).
* 第十一条(五): the agency reports the aggregated plans to HRSS by 10 February.
* 第十六条: the annual assessment takes place in mid-December; 15 December stands for it.

The agency may move any of these dates in a given year: build the default with
:func:`default_calendar` and override with ``dataclasses.replace``.

Quiet hours are a product rule, not the Measures': the bot sends nothing on its own initiative
between 22:00 and 08:00 local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

TIMEZONE: Final = "Asia/Shanghai"
"""The programme's time zone (IANA name)."""

_PLAN_DUE: Final = (1, 20)
_AGGREGATE_DUE: Final = (2, 10)
_ASSESSMENT: Final = (12, 15)

PLAN_REMINDER_DAYS_BEFORE: Final = (19, 10, 3, 1, 0)
"""Plan reminders, in days before the plan deadline: 1, 10, 17, 19 and 20 January by default."""

QUIET_START: Final = time(22, 0)
QUIET_END: Final = time(8, 0)


@dataclass(frozen=True, slots=True)
class ProgrammeCalendar:
    """The year's deadlines; build with :func:`default_calendar`, adjust with ``replace``."""

    year: int
    plan_due: date
    aggregate_due: date
    assessment: date


def default_calendar(year: int) -> ProgrammeCalendar:
    """The dates the Measures fix for ``year`` (20 January, 10 February, 15 December)."""
    return ProgrammeCalendar(
        year=year,
        plan_due=date(year, *_PLAN_DUE),
        aggregate_due=date(year, *_AGGREGATE_DUE),
        assessment=date(year, *_ASSESSMENT),
    )


def is_plan_late(filed_on: date, cal: ProgrammeCalendar) -> bool:
    """第九条(六): a plan filed after the due day (the due day itself is on time)."""
    return filed_on > cal.plan_due


def is_report_late(filed_on: date, cal: ProgrammeCalendar) -> bool:
    """第十六条: a year's report filed after that year's assessment day."""
    return filed_on > cal.assessment


def reminder_dates(due: date, days_before: tuple[int, ...]) -> tuple[date, ...]:
    """Reminder days for a deadline, earliest first."""
    return tuple(sorted(due - timedelta(days=n) for n in days_before))


def plan_reminder_dates(cal: ProgrammeCalendar) -> tuple[date, ...]:
    """Days on which leaders who have not filed their plan are reminded (第九条(六))."""
    return reminder_dates(cal.plan_due, PLAN_REMINDER_DAYS_BEFORE)


def is_quiet(dt: datetime) -> bool:
    """Whether ``dt`` (local wall-clock time of its own zone) falls in 22:00–08:00."""
    local = dt.timetz().replace(tzinfo=None)
    return local >= QUIET_START or local < QUIET_END


def next_allowed_send(dt: datetime) -> datetime:
    """``dt`` itself outside quiet hours, else 08:00 of that or the next morning in dt's zone.

    ``dt`` must be timezone-aware: a naive time cannot say whose night it is.
    """
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("next_allowed_send needs a timezone-aware datetime")
    if not is_quiet(dt):
        return dt
    day = dt.date() if dt.timetz().replace(tzinfo=None) < QUIET_END else dt.date() + timedelta(1)
    return datetime.combine(day, QUIET_END, tzinfo=dt.tzinfo)
