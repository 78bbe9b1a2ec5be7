"""Numbers and dates as people type them: counts, CNY amounts, areas, years and dates.

Full-width digits (０-９), thousands separators, Chinese numerals (二十五, 两千, 八十五万), the
measure word after a count (3台, 8人, 2套) and the usual units are accepted; the value is returned
normalised (int, Decimal or date). Counts are whole and non-negative; money and area keep at
most two decimals. 万 and 亿 are understood everywhere: "15万" is 150000.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Final

from policy import display
from policy.source import ISSUED_ON
from policy.validators._common import compact
from policy.validators.chinese_numbers import read_digits, read_number
from policy.validators.errors import FieldError

YEAR_RANGE: Final = (ISSUED_ON.year, 2100)
"""Years the programme can concern: from the Measures' issue onwards."""

MEASURE_WORDS: Final = frozenset(
    {*"人名位台套件个次项本篇场期家所门部册张份条届批种处座间辆架"}
    | {"人次", "台套", "项次", "场次", "个人"}
)
"""The measure words (量词) Chinese users type after a count: 3台, 8人, 2套, 5人次."""
_MONEY_PREFIXES: Final = ("人民币", "RMB", "CNY", "¥")
_MONEY_SUFFIXES: Final = ("元整", "元", "圆整", "圆", "块钱", "块", "RMB", "CNY", "YUAN")
_AREA_SUFFIXES: Final = ("平方米", "平方", "平米", "平", "M2", "SQM")
_CENT: Final = Decimal("0.01")
_DATE_PATTERNS: Final = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_DATE_FORMATS: Final = ("2024-03-01、2024/3/1 或 2024年3月1日", "2024-03-01 or 2024/3/1")


def _strip_affixes(value: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        value = value.removeprefix(prefix)
    for suffix in suffixes:
        if value.endswith(suffix):
            return value.removesuffix(suffix)
    return value


def _strip_measure_word(value: str) -> str:
    for length in (2, 1):
        if len(value) > length and value[-length:] in MEASURE_WORDS:
            return value[:-length]
    return value


def _shown(text: str) -> str:
    return " ".join(text.split())[:20]


def _not_a_number(text: str, value: str, zh: str, en: str) -> FieldError:
    if value.startswith("-"):
        return FieldError("number.negative", "不能为负数", "Cannot be negative")
    return FieldError(
        "number.format",
        f"“{_shown(text)}”不是一个数字。{zh}",
        f"'{_shown(text)}' is not a number. {en}",
    )


def parse_count(text: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole, non-negative count ("8", "８", "1,200", "8人", "一台", "两套"), within bounds."""
    value = _strip_measure_word(compact(text))
    number = read_number(value)
    if number is None:
        raise _not_a_number(
            text,
            value,
            "请输入数量，例如 3、3台 或 三",
            "Please enter a number, for example 3",
        )
    if number != number.to_integral_value():
        raise FieldError("number.not_whole", "请输入整数", "Please enter a whole number")
    count = int(number)
    if count < minimum:
        raise FieldError("number.too_small", f"不能小于{minimum}", f"Must be at least {minimum}")
    if maximum is not None and count > maximum:
        raise FieldError(
            "number.too_large", f"不能大于{maximum:,}", f"Must be at most {maximum:,}"
        )
    return count


def parse_amount_cny(text: str, *, maximum: Decimal | int | None = None) -> Decimal:
    """An amount in CNY with at most 2 decimals ("150000", "15万", "15万元", "¥150,000",
    "八十五万")."""
    value = _strip_affixes(compact(text).upper(), _MONEY_PREFIXES, _MONEY_SUFFIXES)
    amount = read_number(value)
    if amount is None:
        raise _not_a_number(
            text,
            value,
            "请输入金额，例如 850000、85万 或 85万元",
            "Please enter an amount in CNY, for example 850000",
        )
    if amount != amount.quantize(_CENT):
        raise FieldError(
            "money.decimals", "金额最多保留两位小数（分）", "At most two decimals (fen)"
        )
    if maximum is not None and amount > maximum:
        raise FieldError(
            "money.too_large",
            f"金额不能超过{display.cny(maximum, 'zh')}",
            f"The amount cannot exceed {display.cny(maximum, 'en')}",
        )
    return amount.quantize(_CENT)


def parse_area_m2(text: str, *, maximum: Decimal | int | None = None) -> Decimal:
    """A positive area in square metres ("120", "120㎡", "120平方米", "120 m2", "一百二十平米")."""
    value = _strip_affixes(compact(text).upper(), (), _AREA_SUFFIXES)
    number = read_number(value)
    if number is None:
        raise _not_a_number(
            text,
            value,
            "请输入面积（平方米），例如 150 或 150平方米",
            "Please enter the area in square metres, for example 150",
        )
    if number != number.quantize(_CENT):
        raise FieldError("area.decimals", "面积最多保留两位小数", "At most two decimals")
    if number == 0:
        raise FieldError("area.zero", "面积必须大于0", "The area must be greater than 0")
    if maximum is not None and number > maximum:
        raise FieldError(
            "area.too_large",
            f"面积不能超过{display.area(maximum, 'zh')}",
            f"The area cannot exceed {display.area(maximum, 'en')}",
        )
    return number.quantize(_CENT)


def parse_year(text: str) -> int:
    """A year of the programme ("2024", "2024年", "二〇二四年"), from the Measures' issue year
    to 2100."""
    low, high = YEAR_RANGE
    value = compact(text).removesuffix("年度").removesuffix("年")
    value = read_digits(value) or value
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise FieldError(
            "year.range",
            f"请输入{low}–{high}之间的四位年份，例如 2021",
            f"Please enter a four-digit year from {low} to {high}, for example 2021",
        )
    return int(value)


def _no_such_day(value: str, year: int, month: int) -> FieldError:
    zh_formats, en_formats = _DATE_FORMATS
    if year < 1:
        zh, en = "没有0年", "there is no year 0"
    elif not 1 <= month <= 12:
        zh = f"月份应为1–12，而不是{month}。请按 {zh_formats} 的格式输入"
        en = f"the month must be 1–12, not {month}. Please write it as {en_formats}"
    else:
        last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        zh, en = f"{year}年{month}月只有{last}天", f"{year}-{month:02d} has {last} days"
    return FieldError(
        "date.invalid", f"日期“{value}”不存在：{zh}", f"The date '{value}' does not exist: {en}"
    )


def parse_date(
    text: str, *, not_before: date | None = None, not_after: date | None = None
) -> date:
    """A date ("2024-03-01", "2024/3/1", "2024年3月1日", "20240301"), optionally bounded.

    Pass ``not_after=today`` for dates that cannot lie in the future.
    """
    value = compact(text)
    match = next((m for p in _DATE_PATTERNS if (m := p.fullmatch(value))), None)
    zh_formats, en_formats = _DATE_FORMATS
    if match is None:
        raise FieldError(
            "date.format",
            f"“{_shown(text)}”不是可识别的日期。请按 {zh_formats} 的格式输入",
            f"'{_shown(text)}' is not a date we can read. Please write it as {en_formats}",
        )
    year, month, day_of_month = (int(g) for g in match.groups())
    try:
        day = date(year, month, day_of_month)
    except ValueError:
        raise _no_such_day(value, year, month) from None
    if not_after is not None and day > not_after:
        raise FieldError(
            "date.too_late",
            f"日期不能晚于{not_after.isoformat()}",
            f"The date cannot be after {not_after.isoformat()}",
        )
    if not_before is not None and day < not_before:
        raise FieldError(
            "date.too_early",
            f"日期不能早于{not_before.isoformat()}",
            f"The date cannot be before {not_before.isoformat()}",
        )
    return day
