"""The work subsidy of the support period (第十三条, 第十六条).

Each support year whose assessment is passed earns :data:`WORK_SUBSIDY` (2万元/年, 第十三条):
once per support year, three times in all. A correction of a year's result is the same booking
again, not a second one. A period's bookings are counted from :attr:`SupportPeriod.books_from`
so that a year booked under an earlier reading of the period still counts towards the three.
The construction subsidy cap is :func:`policy.categories.construction_cap`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.support import SUPPORT_YEARS, SupportPeriod, current_period, support_period

WORK_SUBSIDY: Final = 20_000
"""第十三条: work subsidy in CNY for each support year whose assessment is passed."""


class SubsidyStatus(StrEnum):
    """A booked work subsidy, or one cancelled by a corrected result."""

    BOOKED = "booked"
    CANCELLED = "cancelled"


_LABELS: Final[dict[SubsidyStatus, Label]] = {
    SubsidyStatus.BOOKED: Label("已核定", "Booked"),
    SubsidyStatus.CANCELLED: Label("已撤销", "Cancelled"),
}


def subsidy_due(
    period: SupportPeriod | date,
    year: int,
    passed: bool,
    already_booked_years: Collection[int] = (),
) -> int:
    """第十三条, 第十六条: WORK_SUBSIDY for a passed assessment of a support year, else 0.

    ``period`` is the support period (or the day the first one started);
    ``already_booked_years`` the years with a booked work subsidy. Nothing is due once three
    other years of the period were booked.
    """
    if isinstance(period, date):
        period = support_period(period)
    if not passed or period.index_of(year) is None:
        return 0
    others = {y for y in already_booked_years if period.books_from <= y <= period.last_year}
    return WORK_SUBSIDY if len(others - {year}) < SUPPORT_YEARS else 0


def work_subsidy(
    history: Sequence[SupportPeriod],
    year: int,
    passed: bool,
    already_booked_years: Collection[int] = (),
) -> int:
    """第十三条, 第十六条第二款: the subsidy due for ``year`` under the studio's periods.

    The period whose assessment years include ``year`` decides (:func:`subsidy_due`); a year
    in no period (after the third assessment, before a renewal) earns nothing; a renewed
    period pays its own three years.
    """
    period = current_period(history, year)
    return 0 if period is None else subsidy_due(period, year, passed, already_booked_years)


def label(status: SubsidyStatus, lang: Lang) -> str:
    """Chinese or English label of a subsidy status."""
    return _LABELS[status].text(lang)
