"""The three-year bar (第十七条第二款), counted as 民法典第二百零一、二百零二条 count."""

from __future__ import annotations

from datetime import date

import pytest

from policy.bar import BAR_COUNTING, BAR_SCOPE, BAR_YEARS, bar_end, bar_last_day, is_barred
from policy.dates import corresponding_day


@pytest.mark.parametrize(
    ("found", "last", "again"),
    [
        (date(2024, 3, 10), date(2027, 3, 10), date(2027, 3, 11)),  # the corresponding day
        (date(2024, 2, 29), date(2027, 2, 28), date(2027, 3, 1)),  # no 29 Feb: month end
        (date(2023, 2, 28), date(2026, 2, 28), date(2026, 3, 1)),
        (date(2025, 2, 28), date(2028, 2, 28), date(2028, 2, 29)),  # a leap year after
        (date(2024, 12, 31), date(2027, 12, 31), date(2028, 1, 1)),
        (date(2024, 1, 1), date(2027, 1, 1), date(2027, 1, 2)),
    ],
)
def test_bar_runs_through_the_corresponding_day(found: date, last: date, again: date) -> None:
    assert (bar_last_day(found), bar_end(found)) == (last, again)
    assert is_barred(found, found) and is_barred(found, last)
    assert not is_barred(found, again)


def test_corresponding_day_without_one_is_the_month_end() -> None:
    assert corresponding_day(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert corresponding_day(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_the_bar_says_it_covers_awards_too_and_how_it_is_counted() -> None:
    assert BAR_YEARS == 3
    assert "评比表彰" in BAR_SCOPE.zh and "awards" in BAR_SCOPE.en
    assert "第二百零一条" in BAR_COUNTING.zh and "次日" in BAR_COUNTING.zh
