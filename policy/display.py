"""How numbers read in Chinese and English: money, areas, counts, and the entries of a list.

The Measures write money in 万元 (第十三条: "不高于15万元", "2万元/年"); so do we, where the
amount is a round number of thousands: 85万元, 1.5万元; other amounts in 元 with thousands
grouped, 8,650元. Whole amounts never show ".00". English reads "CNY 850,000", "150 m²".
Units follow the number without a space in Chinese (150平方米, 3台), as in the Measures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from policy.i18n import Lang

WAN: Final = Decimal(10_000)
YI: Final = Decimal(100_000_000)
_ROUND_WAN: Final = Decimal(1_000)
_ROUND_YI: Final = Decimal(1_000_000)


def grouped(value: Decimal | int) -> str:
    """Thousands grouped; whole values without decimals, others with two (money) or as needed."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.quantize(Decimal('0.01')):,}"


def _plain(value: Decimal) -> str:
    """A short decimal without trailing zeros: 85, 1.5, 12.34."""
    return f"{value.normalize():f}"


def cny(amount: Decimal | int | str, lang: Lang) -> str:
    """An amount of money: 85万元, 1.2亿元, 8,650元, 1,234.50元; CNY 850,000 in English."""
    value = Decimal(amount)
    if lang != "zh":
        return f"CNY {grouped(value)}"
    if value >= YI and value % _ROUND_YI == 0:
        return f"{_plain(value / YI)}亿元"
    if value >= WAN and value % _ROUND_WAN == 0:
        return f"{_plain(value / WAN)}万元"
    return f"{grouped(value)}元"


def area(square_metres: Decimal | int | str, lang: Lang) -> str:
    """An area: 150平方米, 1,200.5平方米; 150 m² in English."""
    value = Decimal(square_metres)
    number = grouped(value) if value == value.to_integral_value() else f"{value.normalize():,f}"
    return f"{number}平方米" if lang == "zh" else f"{number} m²"


def count(value: int, unit: str | None, lang: Lang) -> str:
    """A count with its measure word, if any: 3台, 1,200人; "3 sets" in English."""
    number = f"{value:,}"
    if not unit:
        return number
    return f"{number}{unit}" if lang == "zh" else f"{number} {unit}"


def join_entries(entries: list[str], lang: Lang) -> str:
    """Entries that hold commas of their own: 甲，1台；乙，2台 / A, 1; B, 2."""
    return ("；" if lang == "zh" else "; ").join(entries)


def join_parts(parts: list[str], lang: Lang) -> str:
    """The parts of one entry (a name, a count, an amount): 五轴加工中心，1台，85万元."""
    return ("，" if lang == "zh" else ", ").join(parts)
