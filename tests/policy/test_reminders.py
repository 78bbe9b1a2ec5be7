"""Who owes a plan or a report, and the reminder days (第九条(六), 第十一条(五), 第十六条)."""

from dataclasses import replace
from datetime import date

import pytest

from policy.calendar import default_calendar
from policy.reminders import (
    aggregate_reminder_dates,
    owes_plan,
    owes_report,
    plan_overdue_dates,
    plan_year,
    report_reminder_dates,
    report_year,
    returned_nudge_dates,
)
from policy.studio_status import StudioState

CAL = default_calendar(2027)


@pytest.mark.parametrize(
    ("approved_on", "status", "owes"),
    [
        (date(2020, 6, 1), "active", True),
        (date(2026, 12, 31), "active", True),
        (date(2027, 1, 1), "active", False),
        (date(2027, 5, 1), "active", False),
        (date(2025, 5, 1), "flagged", True),
        (date(2020, 5, 1), "support_ended", True),
        (date(2025, 5, 1), "revoked", False),
        (date(2025, 5, 1), "withdrawn", False),
        (date(2025, 5, 1), "unknown", False),
    ],
)
def test_who_owes_a_plan(approved_on: date, status: str, owes: bool) -> None:
    assert owes_plan(approved_on, status, 2027) is owes


@pytest.mark.parametrize(
    ("approved_on", "status", "owes"),
    [
        (date(2026, 1, 1), "active", True),
        (date(2027, 6, 30), "active", True),
        (date(2027, 10, 31), "active", True),
        (date(2027, 11, 1), "active", False),  # first assessed next December (support.py)
        (date(2027, 12, 5), "active", False),
        (date(2027, 12, 16), "active", False),
        (date(2026, 1, 1), "flagged", True),
        (date(2020, 1, 1), "support_ended", True),  # duties outlive the support period
        (date(2026, 1, 1), "revoked", False),
        (date(2026, 1, 1), "withdrawn", False),
    ],
)
def test_who_owes_a_report(approved_on: date, status: str, owes: bool) -> None:
    assert owes_report(approved_on, status, CAL) is owes


@pytest.mark.parametrize("day", range(10, 21))
def test_a_moved_assessment_does_not_move_who_owes_a_report(day: int) -> None:
    moved = replace(CAL, assessment=date(2027, 12, day))
    assert owes_report(date(2027, 10, 31), StudioState.ACTIVE, moved)
    assert not owes_report(date(2027, 12, 1), StudioState.ACTIVE, moved)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (plan_overdue_dates(CAL), ((1, 21), (1, 27), (2, 3))),
        (aggregate_reminder_dates(CAL), ((2, 3), (2, 7), (2, 9))),
        (report_reminder_dates(CAL), ((11, 15), (12, 1), (12, 8), (12, 14))),
        (returned_nudge_dates(date(2027, 3, 30)), ((4, 1), (4, 6))),
    ],
)
def test_reminder_days(dates: tuple[date, ...], expected: tuple[tuple[int, int], ...]) -> None:
    assert dates == tuple(date(2027, m, d) for m, d in expected)


def test_overdue_follows_a_moved_plan_deadline() -> None:
    moved = replace(CAL, plan_due=date(2027, 1, 25))
    assert plan_overdue_dates(moved)[0] == date(2027, 1, 26)


@pytest.mark.parametrize(
    ("today", "plan", "report"),
    [
        (date(2027, 1, 5), 2027, 2026),
        (date(2027, 2, 28), 2027, 2026),
        (date(2027, 3, 1), 2027, 2027),
        (date(2027, 11, 30), 2027, 2027),
        (date(2027, 12, 1), 2028, 2027),
    ],
)
def test_which_year_a_filing_is_for(today: date, plan: int, report: int) -> None:
    assert (plan_year(today), report_year(today)) == (plan, report)
