"""Money, areas, counts and lists as Chinese and English readers write them."""

from decimal import Decimal

import pytest

from policy import display


@pytest.mark.parametrize(
    ("amount", "zh", "en"),
    [
        ("850000.00", "85万元", "CNY 850,000"),
        (150_000, "15万元", "CNY 150,000"),
        ("15000.00", "1.5万元", "CNY 15,000"),
        ("48000", "4.8万元", "CNY 48,000"),
        ("12345.00", "12,345元", "CNY 12,345"),
        ("8650", "8,650元", "CNY 8,650"),
        ("150000.50", "150,000.50元", "CNY 150,000.50"),
        ("999.9", "999.90元", "CNY 999.90"),
        ("0.00", "0元", "CNY 0"),
        ("120000000", "1.2亿元", "CNY 120,000,000"),
    ],
)
def test_money_never_shows_zero_fen_and_uses_wan_for_round_sums(
    amount: str | int, zh: str, en: str
) -> None:
    assert display.cny(amount, "zh") == zh
    assert display.cny(amount, "en") == en


@pytest.mark.parametrize(
    ("m2", "zh", "en"),
    [("150.00", "150平方米", "150 m²"), ("1200.50", "1,200.5平方米", "1,200.5 m²")],
)
def test_areas(m2: str, zh: str, en: str) -> None:
    assert display.area(Decimal(m2), "zh") == zh
    assert display.area(Decimal(m2), "en") == en


def test_counts_take_their_measure_word_without_a_space_in_chinese() -> None:
    assert display.count(1, "台（套）", "zh") == "1台（套）"
    assert display.count(1200, "人", "zh") == "1,200人"
    assert display.count(3, None, "en") == "3"


def test_lists_are_joined_as_each_language_joins_them() -> None:
    assert display.join_parts(["五轴加工中心", "1台"], "zh") == "五轴加工中心，1台"
    assert display.join_entries(["甲，1台", "乙，2台"], "zh") == "甲，1台；乙，2台"
    assert display.join_entries(["A, 1", "B, 2"], "en") == "A, 1; B, 2"
