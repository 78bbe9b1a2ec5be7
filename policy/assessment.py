"""The yearly targets of a studio and whether a year met them (第九条).

A year passes when each of four counts reaches its minimum: trainees and newly certified
trainees (第九条(一), by category), seminars or promotion activities (第九条(三)) and competitions
(第九条(四)). For studios carrying intangible-heritage transmission the agency may set the two
training minimums from the year's results (see :mod:`policy.sectors`); it passes them as
``minimums_override``. The activity and competition minimums are never overridden.

The Measures leave the whole assessment to HRSS (第十六条); this is the part that can be counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict

from policy.categories import (
    MIN_ACTIVITIES,
    MIN_COMPETITIONS,
    AnnualMinimums,
    Count,
    StudioCategory,
    annual_minimums,
)
from policy.i18n import Label, Lang
from policy.source import ART_9


class CheckCode(StrEnum):
    """The four counted targets of 第九条."""

    TRAINEES = "trainees"
    NEWLY_CERTIFIED = "newly_certified"
    ACTIVITIES = "activities"
    COMPETITIONS = "competitions"


_LABELS: Final[dict[CheckCode, Label]] = {
    CheckCode.TRAINEES: Label("培养高技能人才人数", "High-skill talents trained"),
    CheckCode.NEWLY_CERTIFIED: Label(
        "新取得高级工以上证书或相应职称人数", "Newly certified (senior worker or higher)"
    ),
    CheckCode.ACTIVITIES: Label("研讨、推广活动次数", "Seminars and promotion activities"),
    CheckCode.COMPETITIONS: Label("参加市级以上竞赛次数", "Municipal-or-higher competitions"),
}


class YearResults(BaseModel):
    """A year's counts, achieved (annual report) or planned (annual plan)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    trainees: Count
    newly_certified: Count
    activities: Count
    competitions: Count


@dataclass(frozen=True, slots=True)
class Check:
    """One target: the minimum, the count, and whether the count reaches it."""

    code: CheckCode
    required: int
    actual: int
    met: bool
    article: str


@dataclass(frozen=True, slots=True)
class YearEvaluation:
    """Whether the year passed, with every check."""

    passed: bool
    checks: tuple[Check, ...]


def _checks(
    category: StudioCategory, results: YearResults, override: AnnualMinimums | None
) -> tuple[Check, ...]:
    mins = override or annual_minimums(category)
    pairs = (
        (CheckCode.TRAINEES, mins.trainees, results.trainees),
        (CheckCode.NEWLY_CERTIFIED, mins.certified, results.newly_certified),
        (CheckCode.ACTIVITIES, MIN_ACTIVITIES, results.activities),
        (CheckCode.COMPETITIONS, MIN_COMPETITIONS, results.competitions),
    )
    return tuple(Check(code, req, act, act >= req, ART_9) for code, req, act in pairs)


def evaluate_year(
    category: StudioCategory,
    results: YearResults,
    minimums_override: AnnualMinimums | None = None,
) -> YearEvaluation:
    """第九条: the year passes when every count reaches its minimum."""
    checks = _checks(category, results, minimums_override)
    return YearEvaluation(passed=all(c.met for c in checks), checks=checks)


def plan_shortfalls(
    category: StudioCategory,
    planned: YearResults,
    minimums_override: AnnualMinimums | None = None,
) -> tuple[Check, ...]:
    """The planned targets below the minimums of 第九条 (empty when the plan is sufficient)."""
    return tuple(c for c in _checks(category, planned, minimums_override) if not c.met)


def label(code: CheckCode, lang: Lang) -> str:
    """Chinese or English label of a check."""
    return _LABELS[code].text(lang)
