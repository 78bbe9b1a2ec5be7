"""Yearly targets (第九条) at every boundary."""

import pytest

from policy.assessment import CheckCode, YearResults, evaluate_year, plan_shortfalls
from policy.categories import AnnualMinimums, StudioCategory

C = StudioCategory
K = CheckCode


def results(
    trainees: int, certified: int, activities: int = 2, competitions: int = 1
) -> YearResults:
    return YearResults(
        trainees=trainees,
        newly_certified=certified,
        activities=activities,
        competitions=competitions,
    )


@pytest.mark.parametrize(
    ("category", "year", "passed", "failed"),
    [
        (C.MODERN_TECH, results(8, 4), True, set()),
        (C.MODERN_TECH, results(7, 4), False, {K.TRAINEES}),
        (C.MODERN_TECH, results(8, 3), False, {K.NEWLY_CERTIFIED}),
        (C.TRADITIONAL_CRAFT, results(6, 3), True, set()),
        (C.TRADITIONAL_CRAFT, results(5, 3), False, {K.TRAINEES}),
        (C.TRADITIONAL_CRAFT, results(6, 2), False, {K.NEWLY_CERTIFIED}),
        (C.CULTURAL_CREATIVE, results(4, 2), True, set()),
        (C.CULTURAL_CREATIVE, results(3, 2), False, {K.TRAINEES}),
        (C.CULTURAL_CREATIVE, results(4, 1), False, {K.NEWLY_CERTIFIED}),
        (C.CULTURAL_CREATIVE, results(4, 2, activities=1), False, {K.ACTIVITIES}),
        (C.CULTURAL_CREATIVE, results(4, 2, competitions=0), False, {K.COMPETITIONS}),
        (C.MODERN_TECH, results(20, 20, 5, 3), True, set()),
        (C.MODERN_TECH, results(0, 0, 0, 0), False, set(CheckCode)),
    ],
)
def test_evaluate_year(
    category: C, year: YearResults, passed: bool, failed: set[CheckCode]
) -> None:
    evaluation = evaluate_year(category, year)
    assert evaluation.passed is passed
    assert {c.code for c in evaluation.checks if not c.met} == failed
    assert [c.code for c in evaluation.checks] == list(CheckCode)
    assert {c.article for c in evaluation.checks} == {"第九条"}


HERITAGE = AnnualMinimums(trainees=3, certified=1)


@pytest.mark.parametrize(
    ("year", "passed"),
    [
        (results(3, 1), True),
        (results(2, 1), False),
        (results(3, 0), False),
        (results(3, 1, activities=1), False),  # activities are never overridden
    ],
)
def test_override_for_heritage_studios(year: YearResults, passed: bool) -> None:
    assert evaluate_year(C.TRADITIONAL_CRAFT, year, minimums_override=HERITAGE).passed is passed


def test_check_reports_required_and_actual() -> None:
    check = evaluate_year(C.MODERN_TECH, results(7, 4)).checks[0]
    assert (check.code, check.required, check.actual, check.met) == (K.TRAINEES, 8, 7, False)


def test_plan_shortfalls() -> None:
    assert plan_shortfalls(C.MODERN_TECH, results(8, 4)) == ()
    short = plan_shortfalls(C.MODERN_TECH, results(6, 4, activities=1))
    assert [(c.code, c.required, c.actual) for c in short] == [
        (K.TRAINEES, 8, 6),
        (K.ACTIVITIES, 2, 1),
    ]
    assert plan_shortfalls(C.MODERN_TECH, results(3, 1), HERITAGE) == ()
