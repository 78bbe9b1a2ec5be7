"""Counts, money, areas, years and dates."""

from datetime import date
from decimal import Decimal

import pytest

from policy.validators.errors import FieldError
from policy.validators.numbers import (
    parse_amount_cny,
    parse_area_m2,
    parse_count,
    parse_date,
    parse_year,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[("8", 8), ("０", 0), ("８", 8), (" 12 ", 12), ("1,200", 1200), ("8人", 8), ("3次", 3)],
        *[("1台", 1), ("1套", 1), ("一台", 1), ("两套", 2), ("十二人", 12), ("１２３", 123)],
        *[("5人次", 5), ("3 位", 3), ("二十五名", 25), ("零", 0), ("2台套", 2), ("1,200人", 1200)],
    ],
)
def test_valid_counts(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "kwargs", "code"),
    [
        ("abc", {}, "number.format"),
        ("", {}, "number.format"),
        ("-1", {}, "number.negative"),
        ("1.5", {}, "number.not_whole"),
        ("1,00", {}, "number.format"),
        ("一两台", {}, "number.format"),  # "one or two": not a count
        ("台", {}, "number.format"),
        ("3台设备", {}, "number.format"),
        ("0", {"minimum": 1}, "number.too_small"),
        ("1001", {"maximum": 1000}, "number.too_large"),
    ],
)
def test_invalid_counts(text: str, kwargs: dict[str, int], code: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_count(text, **kwargs)
    assert caught.value.code == code


def test_count_bounds_are_inclusive() -> None:
    assert parse_count("1", minimum=1) == 1
    assert parse_count("1000", maximum=1000) == 1000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150000", "150000.00"),
        ("15万", "150000.00"),
        ("15万元", "150000.00"),
        ("1.5万", "15000.00"),
        ("150,000", "150000.00"),
        ("¥150000", "150000.00"),
        ("￥150,000.50", "150000.50"),
        ("150000元", "150000.00"),
        ("人民币 2000", "2000.00"),
        ("0.01", "0.01"),
        ("1.2345万", "12345.00"),
        ("1.234567万", "12345.67"),
        ("85万元", "850000.00"),
        ("850,000元", "850000.00"),
        ("八十五万", "850000.00"),
        ("八十五万元", "850000.00"),
        ("人民币85万元整", "850000.00"),
        ("5千元", "5000.00"),
        ("一万五", "15000.00"),
        ("８５万", "850000.00"),
    ],
)
def test_valid_amounts(text: str, expected: str) -> None:
    assert parse_amount_cny(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "kwargs", "code"),
    [
        ("abc", {}, "number.format"),
        ("-100", {}, "number.negative"),
        ("1.234", {}, "money.decimals"),
        ("1.2345678万", {}, "money.decimals"),
        ("150001", {"maximum": 150_000}, "money.too_large"),
    ],
)
def test_invalid_amounts(text: str, kwargs: dict[str, int], code: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_amount_cny(text, **kwargs)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "text",
    [
        "120",
        "120㎡",
        "120平方米",
        "120 m2",
        "120m²",
        "120平米",
        "１２０",
        "一百二十平方米",
        "120平",
    ],
)
def test_valid_areas(text: str) -> None:
    assert parse_area_m2(text) == Decimal(120)


@pytest.mark.parametrize(
    ("text", "kwargs", "code"),
    [
        ("0", {}, "area.zero"),
        ("12.345", {}, "area.decimals"),
        ("-5", {}, "number.negative"),
        ("big", {}, "number.format"),
        ("10001", {"maximum": 10_000}, "area.too_large"),
    ],
)
def test_invalid_areas(text: str, kwargs: dict[str, int], code: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_area_m2(text, **kwargs)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2018", 2018), ("2024年", 2024), ("2100", 2100), ("二〇二四", 2024), ("二零二一年", 2021)],
)
def test_valid_years(text: str, expected: int) -> None:
    assert parse_year(text) == expected


@pytest.mark.parametrize("text", ["2017", "2101", "24", "二〇二", "两〇二四", ""])
def test_invalid_years(text: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_year(text)
    assert caught.value.code == "year.range"


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01",
        "2024/3/1",
        "2024.03.01",
        "2024年3月1日",
        "2024年3月1号",
        "20240301",
        " 2024 - 3 - 1 ",
    ],
)
def test_date_formats(text: str) -> None:
    assert parse_date(text) == date(2024, 3, 1)


TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "kwargs", "code"),
    [
        ("2024-13-01", {}, "date.invalid"),
        ("2023-02-29", {}, "date.invalid"),
        ("01/03/2024", {}, "date.format"),
        ("yesterday", {}, "date.format"),
        ("2025-06-02", {"not_after": TODAY}, "date.too_late"),
        ("2018-10-08", {"not_before": date(2018, 10, 9)}, "date.too_early"),
    ],
)
def test_invalid_dates(text: str, kwargs: dict[str, date], code: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_date(text, **kwargs)
    assert caught.value.code == code


def test_date_bounds_are_inclusive() -> None:
    assert parse_date("2025-06-01", not_after=TODAY) == TODAY
    assert parse_date("2024-02-29", not_before=date(2024, 2, 29)) == date(2024, 2, 29)


def test_a_refused_number_says_what_was_typed_and_what_works() -> None:
    with pytest.raises(FieldError) as caught:
        parse_count("twenty")
    assert caught.value.message_zh == "“twenty”不是一个数字。请输入数量，例如 3、3台 或 三"
    with pytest.raises(FieldError) as caught:
        parse_amount_cny("很多钱")
    assert "例如 850000、85万 或 85万元" in caught.value.message_zh
    with pytest.raises(FieldError) as caught:
        parse_amount_cny("200000", maximum=150_000)
    assert caught.value.message_zh == "金额不能超过15万元"
    assert caught.value.message_en == "The amount cannot exceed CNY 150,000"


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("2023-02-29", "日期“2023-02-29”不存在：2023年2月只有28天"),
        ("2024-04-31", "日期“2024-04-31”不存在：2024年4月只有30天"),
        ("2024-13-01", "日期“2024-13-01”不存在：月份应为1–12，而不是13。请按 2024-03-01、"),
        ("yesterday", "“yesterday”不是可识别的日期。请按 2024-03-01、2024/3/1 或 2024年3月1日"),
    ],
)
def test_a_refused_date_says_what_is_wrong_with_it(text: str, zh: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_date(text)
    assert caught.value.message_zh.startswith(zh)
