"""Category minimums (第九条) and construction caps (第十三条)."""

import pytest
from pydantic import ValidationError

from policy.categories import (
    MIN_ACTIVITIES,
    MIN_COMPETITIONS,
    AnnualMinimums,
    StudioCategory,
    annual_minimums,
    construction_cap,
    minimums_for_trainees,
)
from policy.sectors import FocusSector, minimums_may_be_overridden

C = StudioCategory


@pytest.mark.parametrize(
    ("category", "trainees", "certified", "cap"),
    [
        (C.MODERN_TECH, 8, 4, 150_000),
        (C.TRADITIONAL_CRAFT, 6, 3, 100_000),
        (C.CULTURAL_CREATIVE, 4, 2, 100_000),
    ],
)
def test_category_numbers(category: C, trainees: int, certified: int, cap: int) -> None:
    assert annual_minimums(category) == AnnualMinimums(trainees=trainees, certified=certified)
    assert construction_cap(category) == cap


def test_activity_and_competition_minimums() -> None:
    assert (MIN_ACTIVITIES, MIN_COMPETITIONS) == (2, 1)


@pytest.mark.parametrize(("trainees", "certified"), [(0, 0), (1, 1), (5, 3), (10, 5)])
def test_certified_is_half_rounded_up(trainees: int, certified: int) -> None:
    assert minimums_for_trainees(trainees).certified == certified


def test_minimums_reject_negative() -> None:
    with pytest.raises(ValidationError):
        AnnualMinimums(trainees=-1, certified=0)


def test_only_heritage_minimums_may_be_overridden() -> None:
    assert [s for s in FocusSector if minimums_may_be_overridden(s)] == [
        FocusSector.INTANGIBLE_HERITAGE
    ]
