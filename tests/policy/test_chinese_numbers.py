"""Chinese numerals read strictly: what a Chinese user writes, never a guess."""

from decimal import Decimal

import pytest

from policy.validators.chinese_numbers import read_digits, read_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("零", 0),
        ("一", 1),
        ("两", 2),
        ("十", 10),
        ("十一", 11),
        ("二十五", 25),
        ("九十九", 99),
        ("一百零二", 102),
        ("两千零五", 2005),
        ("两千零五十", 2050),
        ("三千五", 3500),
        ("一万五", 15000),
        ("十万", 100_000),
        ("八十五万", 850_000),
        ("五十万零三千", 503_000),
        ("一亿二千万", 120_000_000),
        ("85万", 850_000),
        ("1.5万", 15_000),
        ("3千", 3000),
        ("850,000", 850_000),
    ],
)
def test_numbers_as_written(text: str, expected: int) -> None:
    assert read_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "一两", "二二", "十十", "百", "万", "一万万", "3五", "1,20"])
def test_what_could_mean_two_things_is_not_a_number(text: str) -> None:
    assert read_number(text) is None


def test_years_are_read_digit_by_digit() -> None:
    assert read_digits("二〇二四") == "2024"
    assert read_digits("二零二一") == "2021"
    assert read_digits("两千") is None
