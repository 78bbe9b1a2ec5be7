"""Numbers as Chinese users write them: Arabic digits, Chinese numerals, or both mixed.

"二十五", "两千零五", "十一", "八十五万", "85万", "1.5万", "3千", "一万五" (colloquial for 15000)
and "850,000" all read as numbers. The reading is strict: a numeral that could mean two things
("一两" = "one or two", "二二") is not a number, so nothing typed is silently misread.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

DIGITS: Final = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
SMALL_UNITS: Final = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: Final = {"万": 10_000, "亿": 100_000_000}
_ZEROS: Final = frozenset("零〇")
_ARABIC: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TOKEN: Final = re.compile(rf"{_ARABIC}|[零〇一二两三四五六七八九十百千万亿]")


def _tokens(text: str) -> list[str] | None:
    found = _TOKEN.findall(text)
    return found if "".join(found) == text and found else None


class _Reading:
    """The running state of a left-to-right reading; :meth:`bad` makes the result None."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.section = Decimal(0)
        self.number: Decimal | None = None
        self.last_unit = 0
        self.after_zero = False
        self.bad = False

    def digit(self, value: Decimal, zero: bool) -> None:
        if self.number is not None:
            self.bad = True
        self.number = None if zero else value
        self.after_zero = self.after_zero or zero

    def small(self, unit: int) -> None:
        if self.last_unit and unit >= self.last_unit:
            self.bad = True
        ten_alone = self.number is None and unit == 10 and not self.section and not self.after_zero
        self.section += (Decimal(1) if ten_alone else self._take()) * unit
        self.last_unit, self.after_zero = unit, False

    def big(self, unit: int) -> None:
        value = self.section + (self.number or 0)
        if not value:
            self.bad = True
        if unit == BIG_UNITS["亿"]:
            self.total = (self.total + value) * unit
        else:
            self.total += value * unit
        self.section, self.number, self.last_unit = Decimal(0), None, unit
        self.after_zero = False

    def _take(self) -> Decimal:
        if self.number is None:
            self.bad = True
            return Decimal(0)
        number, self.number = self.number, None
        return number

    def result(self) -> Decimal:
        tail = self.number or Decimal(0)
        if tail and self.last_unit and not self.after_zero:
            tail *= self.last_unit // 10  # 一万五 = 15000, 三千五 = 3500
        return self.total + self.section + tail


def read_number(text: str) -> Decimal | None:
    """The value of ``text`` (already NFKC-folded, without blanks), or None if it is not one."""
    tokens = _tokens(text)
    if tokens is None:
        return None
    reading = _Reading()
    for token in tokens:
        if token in SMALL_UNITS:
            reading.small(SMALL_UNITS[token])
        elif token in BIG_UNITS:
            reading.big(BIG_UNITS[token])
        elif token in DIGITS:
            reading.digit(Decimal(DIGITS[token]), zero=token in _ZEROS and len(tokens) > 1)
        else:
            reading.digit(Decimal(token.replace(",", "")), zero=False)
    return None if reading.bad else reading.result()


def read_digits(text: str) -> str | None:
    """Chinese digits read one by one, as years are written ("二〇二四" → "2024")."""
    if not text or any(c not in DIGITS or c == "两" for c in text):
        return None
    return "".join(str(DIGITS[c]) for c in text)
