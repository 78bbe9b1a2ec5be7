"""Support years (第十三条, 第十六条): three assessments, three subsidies, whatever the dates."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import replace
from datetime import date, timedelta
from itertools import product

import pytest

from policy.calendar import default_calendar
from policy.money import WORK_SUBSIDY, subsidy_due, work_subsidy
from policy.reminders import owes_report
from policy.studio_status import StudioState
from policy.support import (
    FIRST_ASSESSMENT_CUTOFF,
    FIRST_ASSESSMENT_RULE,
    SUPPORT_YEARS,
    SupportPeriod,
    assessment_year_for,
    current_period,
    first_assessment_year,
    period_end_notice_year,
    period_ending_in,
    renew,
    report_owed,
    report_owed_in,
    support_period,
    support_year_in,
    support_years,
)

ASSESSMENT_DAYS = range(10, 21)
"""第十六条 每年12月中旬: any day from 10 to 20 December."""


def _month_boundaries(year: int) -> list[date]:
    return [
        day
        for month in range(1, 13)
        for day in (date(year, month, 1), date(year, month, monthrange(year, month)[1]))
    ]


STARTS = sorted(
    {
        *_month_boundaries(2023),
        *_month_boundaries(2024),
        *(date(2024, 12, d) for d in range(1, 21)),
        date(2024, 2, 29),
        date(2024, 10, 31),
        date(2024, 11, 1),
    }
)


def _run_the_programme(start: date, first: int, later: int) -> tuple[int, list[int], list[date]]:
    """Each December (on day ``first`` in the year of approval, ``later`` after it) the agency
    assesses every studio that owes a report; all pass."""
    total, booked, assessed_on = 0, [], []
    for year in range(start.year, start.year + SUPPORT_YEARS + 3):
        day = first if year == start.year else later
        cal = replace(default_calendar(year), assessment=date(year, 12, day))
        if not owes_report(start, StudioState.ACTIVE, cal):
            continue
        assessed_on.append(cal.assessment)
        amount = subsidy_due(start, year, True, booked)
        if amount:
            total += amount
            booked.append(year)
    return total, booked, assessed_on


@pytest.mark.parametrize("start", STARTS, ids=str)
def test_every_start_and_every_assessment_day_gives_three_years_and_60000(start: date) -> None:
    for first, later in product(ASSESSMENT_DAYS, ASSESSMENT_DAYS):
        total, booked, assessed_on = _run_the_programme(start, first, later)
        assert total == SUPPORT_YEARS * WORK_SUBSIDY == 60_000, (start, first, later)
        assert booked == list(support_years(start)), (start, first, later)
        assert booked == [booked[0], booked[0] + 1, booked[0] + 2]
        assert period_end_notice_year(start) == booked[-1]
        assert assessed_on[0] - start >= timedelta(days=39), "never assessed days after approval"


@pytest.mark.parametrize(
    ("start", "first"),
    [
        (date(2024, 1, 1), 2024),
        (date(2024, 6, 30), 2024),
        (date(2024, 10, 31), 2024),  # the last day before the cutoff
        (date(2024, 11, 1), 2025),  # the cutoff itself: next December
        (date(2024, 12, 5), 2025),  # approved in early December: no report within days
        (date(2024, 12, 31), 2025),
        (date(2024, 2, 29), 2024),
    ],
)
def test_first_assessment_year(start: date, first: int) -> None:
    assert first_assessment_year(start) == first
    assert support_years(start) == (first, first + 1, first + 2)


def test_the_cutoff_is_visible_to_staff() -> None:
    assert FIRST_ASSESSMENT_CUTOFF == (11, 1)
    assert "11月1日" in FIRST_ASSESSMENT_RULE.zh and "1 November" in FIRST_ASSESSMENT_RULE.en


@pytest.mark.parametrize(
    ("year", "index"), [(2023, None), (2024, 1), (2025, 2), (2026, 3), (2027, None)]
)
def test_assessment_year_for(year: int, index: int | None) -> None:
    assert assessment_year_for(date(2024, 3, 1), year) == index


def test_the_period_ends_with_its_last_assessment_year() -> None:
    period = support_period(date(2024, 6, 1))
    assert period == SupportPeriod(date(2024, 6, 1), 2024)
    assert (period.end, period_end_notice_year(date(2024, 6, 1))) == (date(2026, 12, 31), 2026)
    late = support_period(date(2024, 11, 20))
    assert (late.end, late.years) == (date(2027, 12, 31), (2025, 2026, 2027))


@pytest.mark.parametrize(
    ("year", "owed"), [(2024, False), (2025, True), (2027, True), (2030, True)]
)
def test_reports_are_owed_from_the_first_assessment_year_on(year: int, owed: bool) -> None:
    # the title and the annual assessment outlive the support period (第十六条, 第十七条(四))
    assert report_owed(date(2024, 11, 20), year) is owed


def test_a_renewal_starts_a_new_period_after_the_first_and_keeps_it() -> None:
    first = support_period(date(2024, 3, 1))
    again = renew(first, date(2026, 12, 18))  # decided right after the last assessment
    assert (again.years, again.renewal) == ((2027, 2028, 2029), True)
    early = renew(first, date(2026, 5, 1))  # decided before the first period's last December
    assert early.years == (2027, 2028, 2029), "never two periods in one year"
    history = (first, again)
    assert current_period(history, 2026) is first
    assert current_period(history, 2028) is again
    assert current_period(history, 2030) is None


def test_a_renewal_cannot_start_before_the_period_it_follows() -> None:
    with pytest.raises(ValueError, match="before the previous"):
        renew(support_period(date(2024, 3, 1)), date(2024, 2, 1))


FIRST = support_period(date(2024, 3, 1))  # assessed 2024, 2025, 2026
GAP = renew(FIRST, date(2028, 1, 10))  # staff renewed a year late: 2028, 2029, 2030
NEXT = renew(FIRST, date(2026, 12, 18))  # renewed at once: 2027, 2028, 2029


@pytest.mark.parametrize(
    ("history", "year", "owed", "support_year", "ends", "subsidy"),
    [
        ((FIRST,), 2023, False, None, None, 0),
        ((FIRST,), 2024, True, 1, None, WORK_SUBSIDY),
        ((FIRST,), 2026, True, 3, FIRST, WORK_SUBSIDY),  # the end goes out with 2026's assessment
        ((FIRST,), 2027, True, None, None, 0),  # past the period: still assessed, no subsidy
        ((FIRST, GAP), 2027, True, None, None, 0),  # the year between two periods
        ((FIRST, GAP), 2028, True, 1, None, WORK_SUBSIDY),  # a renewal gives three more
        ((FIRST, GAP), 2030, True, 3, GAP, WORK_SUBSIDY),
        ((FIRST, GAP), 2031, True, None, None, 0),
        ((FIRST, NEXT), 2026, True, 3, FIRST, WORK_SUBSIDY),
        ((FIRST, NEXT), 2027, True, 1, None, WORK_SUBSIDY),
        ((FIRST, NEXT), 2029, True, 3, NEXT, WORK_SUBSIDY),
    ],
)
def test_the_periods_decide_reports_support_years_the_end_and_the_subsidy(
    history: tuple[SupportPeriod, ...],
    year: int,
    owed: bool,
    support_year: int | None,
    ends: SupportPeriod | None,
    subsidy: int,
) -> None:
    """第九条, 第十三条, 第十六条: the studio's periods, not its approval day, decide each."""
    assert report_owed_in(history, year) is owed
    assert report_owed_in(history, year) is report_owed(history[0].start, year), (
        "a renewal never changes which reports are owed"
    )
    assert support_year_in(history, year) == support_year
    assert period_ending_in(history, year) == ends
    assert work_subsidy(history, year, True) == subsidy
    assert work_subsidy(history, year, False) == 0


@pytest.mark.parametrize("renewed", [GAP, NEXT])
def test_two_periods_pay_six_subsidies_and_no_more(renewed: SupportPeriod) -> None:
    """第十三条: three per period; 第十六条第二款: a new period brings three more."""
    history, booked = (FIRST, renewed), []
    for year in range(2024, 2034):
        if work_subsidy(history, year, True, booked):
            booked.append(year)
    assert booked == [*FIRST.years, *renewed.years]
    assert len(booked) * WORK_SUBSIDY == 120_000
