"""Calendar (第九条(六), 第十一条(五), 第十六条) and quiet hours."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from policy.calendar import (
    TIMEZONE,
    ProgrammeCalendar,
    default_calendar,
    is_plan_late,
    is_quiet,
    is_report_late,
    next_allowed_send,
    plan_reminder_dates,
)

CAL = default_calendar(2025)
SH = ZoneInfo(TIMEZONE)


def test_default_dates() -> None:
    assert (
        ProgrammeCalendar(
            year=2025,
            plan_due=date(2025, 1, 20),
            aggregate_due=date(2025, 2, 10),
            assessment=date(2025, 12, 15),
        )
        == CAL
    )


@pytest.mark.parametrize(
    ("filed_on", "late"),
    [
        (date(2024, 12, 30), False),
        (date(2025, 1, 19), False),
        (date(2025, 1, 20), False),
        (date(2025, 1, 21), True),
    ],
)
def test_plan_lateness(filed_on: date, late: bool) -> None:
    assert is_plan_late(filed_on, CAL) is late


@pytest.mark.parametrize(
    ("filed_on", "late"),
    [(date(2025, 12, 14), False), (date(2025, 12, 15), False), (date(2025, 12, 16), True)],
)
def test_report_lateness(filed_on: date, late: bool) -> None:
    assert is_report_late(filed_on, CAL) is late


def test_override_moves_the_deadline() -> None:
    moved = replace(CAL, plan_due=date(2025, 1, 24))
    assert not is_plan_late(date(2025, 1, 21), moved)
    assert plan_reminder_dates(moved)[-1] == date(2025, 1, 24)


def test_plan_reminder_days() -> None:
    assert plan_reminder_dates(CAL) == tuple(date(2025, 1, d) for d in (1, 10, 17, 19, 20))


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (datetime(2025, 3, 1, 21, 59, tzinfo=SH), datetime(2025, 3, 1, 21, 59, tzinfo=SH)),
        (datetime(2025, 3, 1, 22, 0, tzinfo=SH), datetime(2025, 3, 2, 8, 0, tzinfo=SH)),
        (datetime(2025, 3, 1, 23, 59, 59, tzinfo=SH), datetime(2025, 3, 2, 8, 0, tzinfo=SH)),
        (datetime(2025, 3, 2, 0, 0, tzinfo=SH), datetime(2025, 3, 2, 8, 0, tzinfo=SH)),
        (datetime(2025, 3, 2, 7, 59, tzinfo=SH), datetime(2025, 3, 2, 8, 0, tzinfo=SH)),
        (datetime(2025, 3, 2, 8, 0, tzinfo=SH), datetime(2025, 3, 2, 8, 0, tzinfo=SH)),
        (datetime(2025, 12, 31, 23, 0, tzinfo=SH), datetime(2026, 1, 1, 8, 0, tzinfo=SH)),
    ],
)
def test_next_allowed_send(local: datetime, expected: datetime) -> None:
    result = next_allowed_send(local)
    assert result == expected
    assert result.tzinfo is local.tzinfo
    assert is_quiet(local) is (result != local)


def test_quiet_hours_use_the_datetimes_own_zone() -> None:
    utc_night = datetime(2025, 3, 1, 23, 0, tzinfo=UTC)  # 07:00 in Shanghai
    assert next_allowed_send(utc_night) == datetime(2025, 3, 2, 8, 0, tzinfo=UTC)
    plus8 = timezone(timedelta(hours=8))
    assert next_allowed_send(utc_night.astimezone(plus8)) == datetime(2025, 3, 2, 8, tzinfo=plus8)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_allowed_send(datetime(2025, 3, 1, 23, 0))
