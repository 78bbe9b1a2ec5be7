"""The studio's annual report (第九条, 第十六条) as a form, and the year's achieved counts.

Newly certified trainees (第九条(一)) are those who newly obtained 高级工, 技师 or 高级技师
certificates or the corresponding title; the form asks for each so the total is their sum.
:func:`achieved_results` feeds :func:`policy.assessment.evaluate_year`, the preliminary verdict.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from policy.assessment import YearResults
from policy.forms.spec import Answers, Field, FormSpec, Kind, Section

MAX_COUNT: Final = 10_000
CERTIFIED_LEVELS: Final = ("cert_senior", "cert_tech", "cert_senior_tech", "cert_title")
"""Newly certified by level: 高级工, 技师, 高级技师, the corresponding technical title."""

TRAINING: Final = Section(
    "training",
    (
        Field("trained", Kind.COUNT, maximum=MAX_COUNT),
        *(Field(key, Kind.COUNT, maximum=MAX_COUNT) for key in CERTIFIED_LEVELS),
    ),
)

ACTIVITIES: Final = Section(
    "activities",
    (
        Field("activities", Kind.COUNT, maximum=MAX_COUNT),
        Field("activities_desc", Kind.LONG_TEXT, max_length=500, required=False),
        Field("competitions", Kind.COUNT, maximum=MAX_COUNT),
        Field("competitions_desc", Kind.LONG_TEXT, max_length=500, required=False),
    ),
)

INNOVATION: Final = Section(
    "innovation",
    (
        Field("innovations", Kind.COUNT, maximum=MAX_COUNT),
        Field("innovations_desc", Kind.LONG_TEXT, max_length=500, required=False),
    ),
)

FUNDS: Final = Section(
    "funds",
    (
        Field("funds_used", Kind.AMOUNT),
        Field("funds_desc", Kind.LONG_TEXT, max_length=500, required=False),
    ),
)

REPORT: Final = FormSpec("report", (TRAINING, ACTIVITIES, INNOVATION, FUNDS))


def _count(answers: Answers, key: str) -> int:
    value = answers.get(key)
    return value if isinstance(value, int) else 0


def newly_certified(answers: Answers) -> int:
    return sum(_count(answers, key) for key in CERTIFIED_LEVELS)


def achieved_results(answers: Answers) -> YearResults:
    """第九条: the year's four achieved counts (unanswered counts as 0)."""
    return YearResults(
        trainees=_count(answers, "trained"),
        newly_certified=newly_certified(answers),
        activities=_count(answers, "activities"),
        competitions=_count(answers, "competitions"),
    )


def funds_used(answers: Answers) -> Decimal | None:
    value = answers.get("funds_used")
    return Decimal(value) if isinstance(value, str) else None
