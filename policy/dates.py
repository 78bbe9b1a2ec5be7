"""How the Measures' periods in years are counted: as the Civil Code counts them.

民法典第二百零一条: a period counted in years starts on the day after the event (the day of the
event itself is not counted). 第二百零二条: it ends on the corresponding day of the last month
(到期月的对应日); where that month has no corresponding day, on its last day. So a three-year
period after an event on 10 March 2024 runs through 10 March 2027, and one after 29 February 2024
through 28 February 2027.

第二百零三条 (a last day falling on a statutory holiday moves to the next working day) is about
time limits for doing something; the periods here forbid something, and stay as counted.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import Final

ONE_DAY: Final = timedelta(days=1)


def corresponding_day(event: date, years: int) -> date:
    """民法典第二百零二条: the day ``years`` later matching ``event``, else that month's end."""
    year = event.year + years
    return date(year, event.month, min(event.day, monthrange(year, event.month)[1]))


def period_last_day(event: date, years: int) -> date:
    """Last day (inclusive) of a period of ``years`` years counted from the day after ``event``."""
    return corresponding_day(event, years)
