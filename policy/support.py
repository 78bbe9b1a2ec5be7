"""The three-year support period, counted in assessment years (第十三条, 第十六条).

第十三条 grants a studio a three-year support period (三年扶持期) with a work subsidy for each
year whose annual assessment is passed; 第十六条 holds that assessment every year in mid-December.
A support year is therefore an assessment year: support year k is the k-th December assessment
after the period starts, whichever day of December it is held and whenever in the year the
period started. Three years, three assessments, three subsidies at most.

Interpretation of the first support year (the Measures are silent): the assessment judges the
year's targets (第九条, 第十一条(四)), which a studio confirmed in the last weeks of a year
cannot meet. A period that starts before :data:`FIRST_ASSESSMENT_CUTOFF` (1 November) is first
assessed that December; one that starts on or after it, in the next December. Staff see this rule
as :data:`FIRST_ASSESSMENT_RULE`.

The period ends on 31 December of its third assessment year; the "support period ends" notice
goes out with that last assessment. A studio keeps its title and duties (第九条, 第十六条) after
the period; only the subsidy is bound to it. An outstanding studio may be granted a new period
(第十六条第二款): :func:`renew` starts it from a given day, after the previous one, which stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from policy.i18n import Label

SUPPORT_YEARS: Final = 3
"""第十三条: 三年扶持期, three assessment years."""

FIRST_ASSESSMENT_CUTOFF: Final = (11, 1)
"""(month, day): a period starting on or after this day is first assessed the next December."""

FIRST_ASSESSMENT_RULE: Final = Label(
    "当年11月1日以前确定（或进入新一轮扶持期）的工作室，当年12月参加第一次年度考核；"
    "11月1日及以后确定的，自次年12月起考核。扶持期为连续三个年度考核（第十三条、第十六条）。",
    "A studio confirmed (or entering a new support period) before 1 November is first assessed "
    "that December; one confirmed on or after 1 November, the next December. The support period "
    "is three consecutive annual assessments (Art. 13, Art. 16).",
)


@dataclass(frozen=True, slots=True)
class SupportPeriod:
    """A support period: the day it started and its first assessment year."""

    start: date
    first_year: int
    renewal: bool = False

    @property
    def years(self) -> tuple[int, ...]:
        """The assessment years of the period, support year 1 first."""
        return tuple(range(self.first_year, self.first_year + SUPPORT_YEARS))

    @property
    def last_year(self) -> int:
        return self.first_year + SUPPORT_YEARS - 1

    @property
    def end(self) -> date:
        """Last day of the period: 31 December of its last assessment year."""
        return date(self.last_year, 12, 31)

    @property
    def books_from(self) -> int:
        """First year whose booked subsidy counts against this period (see policy.money)."""
        return self.first_year if self.renewal else self.start.year

    def index_of(self, year: int) -> int | None:
        """Support year (1..3) that the assessment of ``year`` is, None outside the period."""
        return year - self.first_year + 1 if year in self.years else None


def first_assessment_year(start: date) -> int:
    """第十三条, 第十六条: the December of the first assessment (see module doc for the cutoff)."""
    return start.year if (start.month, start.day) < FIRST_ASSESSMENT_CUTOFF else start.year + 1


def support_period(start: date) -> SupportPeriod:
    """第十三条: the first support period of a studio confirmed on ``start``."""
    return SupportPeriod(start, first_assessment_year(start))


def renew(previous: SupportPeriod, start: date) -> SupportPeriod:
    """第十六条第二款: a new period from ``start``, its first year after the previous period."""
    if start < previous.start:
        raise ValueError("a new support period cannot start before the previous one")
    first = max(first_assessment_year(start), previous.last_year + 1)
    return SupportPeriod(start, first, renewal=True)


def current_period(history: Sequence[SupportPeriod], year: int) -> SupportPeriod | None:
    """The period of ``history`` whose assessment years include ``year``."""
    return next((p for p in history if year in p.years), None)


def support_years(start: date) -> tuple[int, ...]:
    """The three assessment years of the period starting on ``start``."""
    return support_period(start).years


def assessment_year_for(start: date, year: int) -> int | None:
    """Which support year (1..3) the assessment of ``year`` is, None outside the period."""
    return support_period(start).index_of(year)


def report_owed(start: date, year: int) -> bool:
    """第九条, 第十六条: a report on ``year`` is owed from the first assessment year on.

    Also after the support period: the title and the annual assessment go on (第十六条,
    第十七条(四)); whether the studio still holds its title is :mod:`policy.studio_status`'s.
    """
    return year >= first_assessment_year(start)


def period_end_notice_year(start: date) -> int:
    """The year whose assessment is the period's last: the end is announced with it."""
    return support_period(start).last_year


def report_owed_in(history: Sequence[SupportPeriod], year: int) -> bool:
    """第九条, 第十六条: :func:`report_owed` for a studio with ``history`` (first period first).

    Owed from the first period's first assessment year on, inside every period, between them and
    after the last: the title and the annual assessment do not end with a period, and the
    assessment is what a renewal is judged on (第十六条第二款). A renewal therefore never changes
    which reports are owed; a studio past its period still owes (and is assessed on) the report
    of every year, the last year of its period included even when it is recorded in January.
    """
    return bool(history) and year >= history[0].first_year


def support_year_in(history: Sequence[SupportPeriod], year: int) -> int | None:
    """Which support year (1..3) of its period the assessment of ``year`` is, None outside."""
    period = current_period(history, year)
    return None if period is None else period.index_of(year)


def period_ending_in(history: Sequence[SupportPeriod], year: int) -> SupportPeriod | None:
    """第十六条: the period whose last assessment is that of ``year``; its end goes out with it."""
    period = current_period(history, year)
    return period if period is not None and period.last_year == year else None
