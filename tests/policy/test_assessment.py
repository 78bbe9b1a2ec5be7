"""Yearly targets (第九条) at every boundary, and the opinion a fail carries (第十六条)."""

import pytest

from policy.assessment import (
    CheckCode,
    YearResults,
    evaluate_year,
    opinion_problem,
    opinion_required,
    plan_shortfalls,
)
from policy.categories import StudioCategory
from policy.targets import TargetOverride, targets_for

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
    evaluation = evaluate_year(targets_for(category), year)
    assert evaluation.passed is passed
    assert {c.code for c in evaluation.checks if not c.met} == failed
    assert [c.code for c in evaluation.checks] == list(CheckCode)
    assert {c.article for c in evaluation.checks} == {"第九条"}


HERITAGE = targets_for(
    C.TRADITIONAL_CRAFT, heritage=True, override=TargetOverride(3, 1, "2026年培训效果")
)


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
    assert evaluate_year(HERITAGE, year).passed is passed


def test_check_reports_required_and_actual() -> None:
    check = evaluate_year(targets_for(C.MODERN_TECH), results(7, 4)).checks[0]
    assert (check.code, check.required, check.actual, check.met) == (K.TRAINEES, 8, 7, False)


def test_plan_shortfalls() -> None:
    modern = targets_for(C.MODERN_TECH)
    assert plan_shortfalls(modern, results(8, 4)) == ()
    short = plan_shortfalls(modern, results(6, 4, activities=1))
    assert [(c.code, c.required, c.actual) for c in short] == [
        (K.TRAINEES, 8, 6),
        (K.ACTIVITIES, 2, 1),
    ]
    assert plan_shortfalls(HERITAGE, results(3, 1)) == ()


@pytest.mark.parametrize(
    ("passed", "opinion", "refused"),
    [
        (True, "", False),
        (True, "成绩突出", False),
        (False, "", True),  # 第十六条: 考核不合格的…提出改进意见
        (False, "  \n ", True),
        (False, "加强带徒培训，明年完成8人", False),
    ],
)
def test_a_fail_needs_improvement_opinions(passed: bool, opinion: str, refused: bool) -> None:
    assert opinion_required(passed) is (not passed)
    problem = opinion_problem(passed, opinion)
    assert (problem is not None) is refused
    if problem is not None:
        assert "改进意见" in problem.zh and "Art. 16" in problem.en
