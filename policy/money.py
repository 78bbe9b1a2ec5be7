"""Subsidies and the support period (第十三条, 第十六条).

A studio is supported for three years from its confirmation (``approved_on``). The period's last
day is the day before the third anniversary (29 February → see :mod:`policy.dates`). An annual
assessment (第十六条, mid-December) belongs to the period when its date falls inside it; any
three-year window holds exactly three assessments, numbered 1–3. Each of them that is passed
earns the work subsidy. After the period an outstanding studio may be granted a new period
(第十六条); that is a new ``approved_on``. The construction subsidy cap is in
:func:`policy.categories.construction_cap`.
"""

from __future__ import annotations

from datetime import date
from typing import Final, NamedTuple

from policy.calendar import default_calendar
from policy.dates import ONE_DAY

SUPPORT_YEARS: Final = 3
"""第十三条: 三年扶持期."""

WORK_SUBSIDY: Final = 20_000
"""第十三条: work subsidy in CNY for each support year whose assessment is passed."""


class SupportPeriod(NamedTuple):
    """First and last day (both inclusive) of the support period."""

    start: date
    end: date


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February -> common year
        return date(start.year + years, 3, 1)


def support_period(approved_on: date) -> SupportPeriod:
    """第十三条: three years from confirmation; ``end`` is the last day, inclusive."""
    return SupportPeriod(approved_on, _anniversary(approved_on, SUPPORT_YEARS) - ONE_DAY)


def support_year_index(
    approved_on: date, assessment_year: int, *, assessment_on: date | None = None
) -> int | None:
    """Which support year (1..3) the assessment of ``assessment_year`` is, None if outside.

    ``assessment_on`` is that year's assessment day if the agency moved it (default: the
    calendar's mid-December day). Numbering assumes the other years kept the default day.
    """
    day = assessment_on or default_calendar(assessment_year).assessment
    start, end = support_period(approved_on)
    if not start <= day <= end:
        return None
    first_year = start.year if start <= default_calendar(start.year).assessment else start.year + 1
    return assessment_year - first_year + 1


def work_subsidy_due(
    approved_on: date, assessment_year: int, passed: bool, *, assessment_on: date | None = None
) -> int:
    """第十三条, 第十六条: WORK_SUBSIDY CNY for a passed assessment inside the period, else 0."""
    inside = support_year_index(approved_on, assessment_year, assessment_on=assessment_on)
    return WORK_SUBSIDY if passed and inside is not None else 0


def support_period_ends_in(approved_on: date, year: int) -> bool:
    """Whether the period's last day falls in ``year`` (time to consider renewal, 第十六条)."""
    return support_period(approved_on).end.year == year
