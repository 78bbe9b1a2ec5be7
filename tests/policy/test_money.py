"""Support period and work subsidy (第十三条, 第十六条)."""

from datetime import date

import pytest

from policy.money import (
    SUPPORT_YEARS,
    WORK_SUBSIDY,
    SupportPeriod,
    support_period,
    support_period_ends_in,
    support_year_index,
    work_subsidy_due,
)


def test_constants() -> None:
    assert (SUPPORT_YEARS, WORK_SUBSIDY) == (3, 20_000)


@pytest.mark.parametrize(
    ("approved", "end"),
    [
        (date(2019, 6, 1), date(2022, 5, 31)),
        (date(2019, 1, 1), date(2021, 12, 31)),
        (date(2024, 2, 29), date(2027, 2, 28)),
    ],
)
def test_support_period(approved: date, end: date) -> None:
    assert support_period(approved) == SupportPeriod(approved, end)


@pytest.mark.parametrize(
    ("approved", "year", "index"),
    [
        (date(2019, 6, 1), 2018, None),
        (date(2019, 6, 1), 2019, 1),
        (date(2019, 6, 1), 2020, 2),
        (date(2019, 6, 1), 2021, 3),
        (date(2019, 6, 1), 2022, None),
        (date(2019, 12, 15), 2019, 1),  # approved on assessment day
        (date(2019, 12, 15), 2022, None),
        (date(2019, 12, 16), 2019, None),  # approved after that year's assessment
        (date(2019, 12, 16), 2020, 1),
        (date(2019, 12, 16), 2022, 3),
        (date(2019, 12, 16), 2023, None),
    ],
)
def test_support_year_index(approved: date, year: int, index: int | None) -> None:
    assert support_year_index(approved, year) == index


def test_moved_assessment_day() -> None:
    approved = date(2019, 12, 16)
    assert support_year_index(approved, 2022, assessment_on=date(2022, 12, 17)) is None
    assert support_year_index(approved, 2022, assessment_on=date(2022, 12, 10)) == 3


@pytest.mark.parametrize(
    ("year", "passed", "due"),
    [(2019, True, 20_000), (2021, True, 20_000), (2021, False, 0), (2022, True, 0)],
)
def test_work_subsidy(year: int, passed: bool, due: int) -> None:
    assert work_subsidy_due(date(2019, 6, 1), year, passed) == due


@pytest.mark.parametrize(("year", "ends"), [(2021, False), (2022, True), (2023, False)])
def test_support_period_ends_in(year: int, ends: bool) -> None:
    assert support_period_ends_in(date(2019, 6, 1), year) is ends
