"""The studio's annual report (第九条, 第十六条) as a form, and the year's achieved counts.

Newly certified trainees (第九条(一)) are those who newly obtained 高级工, 技师 or 高级技师
certificates or the corresponding title; the form asks for each so the total is their sum.
:func:`achieved_results` feeds :func:`policy.assessment.evaluate_year`, the preliminary verdict.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from policy.assessment import YearResults
from policy.forms.annual_parts import ACTIVITIES, INNOVATION, MAX_COUNT, count
from policy.forms.spec import Answers, Field, FormSpec, Kind, Section

CERTIFIED_LEVELS: Final = ("cert_senior", "cert_tech", "cert_senior_tech", "cert_title")
"""Newly certified by level: 高级工, 技师, 高级技师, the corresponding technical title."""

TRAINING: Final = Section(
    "training",
    (
        Field("trained", Kind.COUNT, maximum=MAX_COUNT),
        *(Field(key, Kind.COUNT, maximum=MAX_COUNT) for key in CERTIFIED_LEVELS),
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


def newly_certified(answers: Answers) -> int:
    return sum(count(answers, key) for key in CERTIFIED_LEVELS)


def achieved_results(answers: Answers) -> YearResults:
    """第九条: the year's four achieved counts (unanswered counts as 0)."""
    return YearResults(
        trainees=count(answers, "trained"),
        newly_certified=newly_certified(answers),
        activities=count(answers, "activities"),
        competitions=count(answers, "competitions"),
    )


def funds_used(answers: Answers) -> Decimal | None:
    value = answers.get("funds_used")
    return Decimal(value) if isinstance(value, str) else None
