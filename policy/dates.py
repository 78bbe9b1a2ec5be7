"""Calendar arithmetic shared by the periods of the Measures.

Used by the bar of 第十七条 and the support period of 第十三条.

A period of N years that begins on day D ends the day before D's N-th anniversary. The anniversary
of 29 February in a common year is taken as 1 March, so the period is never shorter than N full
years and its last day is 28 February, which matches the Civil Code's rule
(民法典第二百零二条) that a period without a corresponding day ends on the last day of that month.
"""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def anniversary(start: date, years: int) -> date:
    """The same month and day ``years`` later; 29 February becomes 1 March in a common year."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February -> common year
        return date(start.year + years, 3, 1)


def period_last_day(start: date, years: int) -> date:
    """Last day (inclusive) of a period of ``years`` years beginning on ``start``."""
    return anniversary(start, years) - ONE_DAY
