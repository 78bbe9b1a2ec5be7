"""The yearly targets of a studio and whether a year met them (第九条).

A year passes when each of four counts reaches its target: trainees and newly certified
trainees (第九条(一)), seminars or promotion activities (第九条(三)) and competitions (第九条(四)).
The targets come from :func:`policy.targets.targets_for`, which alone knows the category
minimums and the agency's own figures for heritage studios.

The Measures leave the whole assessment to HRSS (第十六条); this is the part that can be counted.
A failed assessment carries the agency's improvement opinions: :func:`opinion_problem`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict

from policy.categories import Count
from policy.i18n import Label, Lang
from policy.source import ART_9
from policy.targets import Targets


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


def _checks(targets: Targets, results: YearResults) -> tuple[Check, ...]:
    pairs = (
        (CheckCode.TRAINEES, targets.trainees, results.trainees),
        (CheckCode.NEWLY_CERTIFIED, targets.certified, results.newly_certified),
        (CheckCode.ACTIVITIES, targets.activities, results.activities),
        (CheckCode.COMPETITIONS, targets.competitions, results.competitions),
    )
    return tuple(Check(code, req, act, act >= req, ART_9) for code, req, act in pairs)


def evaluate_year(targets: Targets, results: YearResults) -> YearEvaluation:
    """第九条: the year passes when every count reaches its target."""
    checks = _checks(targets, results)
    return YearEvaluation(passed=all(c.met for c in checks), checks=checks)


def plan_shortfalls(targets: Targets, planned: YearResults) -> tuple[Check, ...]:
    """The planned figures below the targets of 第九条 (empty when the plan is sufficient)."""
    return tuple(c for c in _checks(targets, planned) if not c.met)


OPINION_REQUIRED: Final = Label(
    "考核不合格的，须填写改进意见（第十六条）",
    "A failed assessment needs the improvement opinions (Art. 16)",
)


def opinion_required(passed: bool) -> bool:
    """第十六条: "考核不合格的…提出改进意见": a fail is recorded with improvement opinions."""
    return not passed


def opinion_problem(passed: bool, opinion: str) -> Label | None:
    """Why the result cannot be recorded as given (an empty opinion on a fail), else None."""
    if opinion_required(passed) and not opinion.strip():
        return OPINION_REQUIRED
    return None


def label(code: CheckCode, lang: Lang) -> str:
    """Chinese or English label of a check."""
    return _LABELS[code].text(lang)
