"""The work subsidy (第十三条, 第十六条): once per support year, three times in all."""

from datetime import date

import pytest

from policy.money import WORK_SUBSIDY, SubsidyStatus, subsidy_due
from policy.support import SUPPORT_YEARS, renew, support_period

START = date(2024, 3, 1)  # support years 2024, 2025, 2026


def test_constants() -> None:
    assert (SUPPORT_YEARS, WORK_SUBSIDY) == (3, 20_000)
    assert [s.value for s in SubsidyStatus] == ["booked", "cancelled"]


@pytest.mark.parametrize(
    ("year", "passed", "booked", "due"),
    [
        (2024, True, [], 20_000),
        (2026, True, [2024, 2025], 20_000),
        (2025, False, [2024], 0),  # 第十六条: only a passed year earns it
        (2023, True, [], 0),  # before the period
        (2027, True, [2024, 2025, 2026], 0),  # after the period
        (2025, True, [2024, 2025], 20_000),  # a corrected result: the same booking again
    ],
)
def test_subsidy_due(year: int, passed: bool, booked: list[int], due: int) -> None:
    assert subsidy_due(START, year, passed, booked) == due


def test_never_more_than_three_bookings_in_a_period() -> None:
    # approved 10 Dec 2024: first support year 2025; a 2024 booking made under the old
    # reading (assessed days after approval) still counts towards the three
    approved = date(2024, 12, 10)
    assert subsidy_due(approved, 2027, True, [2024, 2025, 2026]) == 0
    assert subsidy_due(approved, 2027, True, [2025, 2026]) == WORK_SUBSIDY


def test_a_renewed_period_pays_its_own_three_years() -> None:
    first = support_period(START)
    again = renew(first, date(2026, 12, 18))
    booked = [2024, 2025, 2026]
    for year in again.years:
        assert subsidy_due(again, year, True, booked) == WORK_SUBSIDY
        booked.append(year)
    assert subsidy_due(first, 2027, True, booked) == 0, "the first period is over"
