"""The three-year bar after a falsification finding (第十七条第二款).

"凡发现弄虚作假或虚报成果的 … 所在单位和负责人三年内不得参与省市级全民技能振兴工程项目申报和评比
表彰": a finding of falsified materials or inflated results bars the unit and the person in charge,
for three years, from applying to provincial and municipal skill programmes and from their
awards and commendations (评比表彰), not only from applying for a studio.

The three years are counted as the Civil Code counts (see :mod:`policy.dates`): the day of the
finding is not counted, and the bar ends on the corresponding day three years later, which is
still barred. A finding on 10 March 2024 bars through 10 March 2027; applying is allowed again
from 11 March 2027. A finding on 29 February 2024 bars through 28 February 2027.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from policy.dates import ONE_DAY, period_last_day
from policy.i18n import Label

BAR_YEARS: Final = 3
"""第十七条: years a unit and its person in charge are barred after a falsification finding."""

BAR_SCOPE: Final = Label(
    "三年内不得参与省、市级全民技能振兴工程项目申报和评比表彰（第十七条）",
    "For three years, no applications to provincial or municipal skill programmes and no part "
    "in their awards and commendations (Art. 17)",
)
"""What the bar covers, for people to read: applications and 评比表彰 alike."""

BAR_COUNTING: Final = Label(
    "自认定之日的次日起算，至三年后的对应日（含当日）届满；无对应日的，至该月最后一日"
    "（民法典第二百零一条、第二百零二条）。",
    "Counted from the day after the finding to the corresponding day three years later, "
    "inclusive; without such a day, to the last day of that month (Civil Code Art. 201, 202).",
)


def bar_last_day(finding_date: date) -> date:
    """第十七条: the last day (inclusive) on which a finding of ``finding_date`` still bars."""
    return period_last_day(finding_date, BAR_YEARS)


def bar_end(finding_date: date) -> date:
    """First day on which applying (and taking part in awards) is allowed again."""
    return bar_last_day(finding_date) + ONE_DAY


def is_barred(finding_date: date, as_of: date) -> bool:
    """Whether a finding of ``finding_date`` still bars on ``as_of``."""
    return as_of <= bar_last_day(finding_date)
