"""The studio's annual work plan (第九条) as a form, and the counts it commits the studio to.

The plan names trainees by the level they are to reach (高级工, 技师, 高级技师), how many are
to be newly certified, the seminars and promotion activities (第九条(三)), the competitions
(第九条(四)), innovation projects and the budget. :func:`planned_results` reads the four counts
that 第九条 sets minimums for; :func:`policy.assessment.plan_shortfalls` compares them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from policy.assessment import YearResults
from policy.forms.annual_parts import ACTIVITIES, INNOVATION, MAX_COUNT, count
from policy.forms.spec import Answers, Field, FormSpec, Kind, Section

TRAINEE_LEVELS: Final = ("trainees_senior", "trainees_tech", "trainees_senior_tech")
"""Planned trainees by target level: 高级工, 技师, 高级技师."""

TRAINEES: Final = Section(
    "trainees",
    (
        *(Field(key, Kind.COUNT, maximum=MAX_COUNT) for key in TRAINEE_LEVELS),
        Field("certified", Kind.COUNT, maximum=MAX_COUNT),
    ),
)

BUDGET: Final = Section(
    "budget",
    (
        Field("budget", Kind.AMOUNT),
        Field("budget_desc", Kind.LONG_TEXT, max_length=500, required=False),
    ),
)

PLAN: Final = FormSpec("plan", (TRAINEES, ACTIVITIES, INNOVATION, BUDGET))


def planned_trainees(answers: Answers) -> int:
    return sum(count(answers, key) for key in TRAINEE_LEVELS)


def planned_results(answers: Answers) -> YearResults:
    """第九条: the four planned counts (unanswered counts as 0)."""
    return YearResults(
        trainees=planned_trainees(answers),
        newly_certified=count(answers, "certified"),
        activities=count(answers, "activities"),
        competitions=count(answers, "competitions"),
    )


def budget(answers: Answers) -> Decimal | None:
    value = answers.get("budget")
    return Decimal(value) if isinstance(value, str) else None
