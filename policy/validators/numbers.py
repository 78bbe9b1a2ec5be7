"""Numbers and dates as people type them: counts, CNY amounts, areas, years and dates.

Full-width digits (０-９), thousands separators and the usual units are accepted; the value is
returned normalised (int, Decimal or date). Counts are whole and non-negative; money and area
keep at most two decimals. 万 (ten thousand) is understood in amounts: "15万" is 150000.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Final

from policy.source import ISSUED_ON
from policy.validators._common import compact
from policy.validators.errors import FieldError

YEAR_RANGE: Final = (ISSUED_ON.year, 2100)
"""Years the programme can concern: from the Measures' issue onwards."""

_COUNT_UNITS: Final = ("人次", "人", "名", "次", "个", "项", "场")
_MONEY_PREFIXES: Final = ("人民币", "RMB", "CNY", "¥")
_MONEY_SUFFIXES: Final = ("元", "RMB", "CNY")
_WAN_SUFFIX: Final = "万"
_WAN: Final = Decimal(10_000)
_AREA_SUFFIXES: Final = ("平方米", "平米", "m2", "M2", "平")
_CENT: Final = Decimal("0.01")
_PLAIN: Final = re.compile(r"\d+(\.\d+)?")
_GROUPED: Final = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_DATE_PATTERNS: Final = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def _strip_affixes(value: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        value = value.removeprefix(prefix)
    for suffix in suffixes:
        value = value.removesuffix(suffix)
    return value


def _decimal(value: str) -> Decimal | None:
    """A non-negative decimal written plainly or with correct thousands grouping."""
    if _PLAIN.fullmatch(value) or _GROUPED.fullmatch(value):
        return Decimal(value.replace(",", ""))
    return None


def _not_a_number(value: str) -> FieldError:
    if value.startswith("-"):
        return FieldError("number.negative", "不能为负数", "Cannot be negative")
    return FieldError(
        "number.format", "请输入数字，例如 12", "Please enter a number, for example 12"
    )


def parse_count(text: str, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole, non-negative count ("8", "８", "1,200", "8人"), within the bounds."""
    value = _strip_affixes(compact(text), (), _COUNT_UNITS)
    number = _decimal(value)
    if number is None:
        raise _not_a_number(value)
    if number != number.to_integral_value():
        raise FieldError("number.not_whole", "请输入整数", "Please enter a whole number")
    count = int(number)
    if count < minimum:
        raise FieldError("number.too_small", f"不能小于{minimum}", f"Must be at least {minimum}")
    if maximum is not None and count > maximum:
        raise FieldError("number.too_large", f"不能大于{maximum}", f"Must be at most {maximum}")
    return count


def parse_amount_cny(text: str, *, maximum: Decimal | int | None = None) -> Decimal:
    """An amount in CNY with at most 2 decimals ("150000", "15万", "¥150,000", "150000元")."""
    value = _strip_affixes(compact(text).upper(), _MONEY_PREFIXES, _MONEY_SUFFIXES)
    wan = value.endswith(_WAN_SUFFIX)
    number = _decimal(value.removesuffix(_WAN_SUFFIX))
    if number is None:
        raise _not_a_number(value)
    amount = number * _WAN if wan else number
    if amount != amount.quantize(_CENT):
        raise FieldError(
            "money.decimals", "金额最多保留两位小数（分）", "At most two decimals (fen)"
        )
    if maximum is not None and amount > maximum:
        raise FieldError(
            "money.too_large",
            f"金额不能超过{maximum}元",
            f"The amount cannot exceed {maximum} CNY",
        )
    return amount.quantize(_CENT)


def parse_area_m2(text: str, *, maximum: Decimal | int | None = None) -> Decimal:
    """A positive area in square metres ("120", "120㎡", "120平方米", "120 m2")."""
    value = _strip_affixes(compact(text), (), _AREA_SUFFIXES)
    number = _decimal(value)
    if number is None:
        raise _not_a_number(value)
    if number != number.quantize(_CENT):
        raise FieldError("area.decimals", "面积最多保留两位小数", "At most two decimals")
    if number == 0:
        raise FieldError("area.zero", "面积必须大于0", "The area must be greater than 0")
    if maximum is not None and number > maximum:
        raise FieldError(
            "area.too_large",
            f"面积不能超过{maximum}平方米",
            f"The area cannot exceed {maximum} m²",
        )
    return number.quantize(_CENT)


def parse_year(text: str) -> int:
    """A year of the programme ("2024", "2024年"), from the Measures' issue year to 2100."""
    low, high = YEAR_RANGE
    value = compact(text).removesuffix("年")
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise FieldError(
            "year.range",
            f"请输入{low}–{high}之间的四位年份",
            f"Please enter a four-digit year from {low} to {high}",
        )
    return int(value)


def parse_date(
    text: str, *, not_before: date | None = None, not_after: date | None = None
) -> date:
    """A date ("2024-03-01", "2024/3/1", "2024年3月1日", "20240301"), optionally bounded.

    Pass ``not_after=today`` for dates that cannot lie in the future.
    """
    value = compact(text)
    match = next((m for p in _DATE_PATTERNS if (m := p.fullmatch(value))), None)
    if match is None:
        raise FieldError(
            "date.format",
            "请按 2024-03-01 或 2024年3月1日 的格式输入日期",
            "Please write the date as 2024-03-01",
        )
    try:
        day = date(*(int(g) for g in match.groups()))
    except ValueError:
        raise FieldError(
            "date.invalid", f"日期“{value}”不存在", f"The date '{value}' does not exist"
        ) from None
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
