"""A studio's targets this year (第九条): one rule for every studio, heritage studios included."""

from __future__ import annotations

import pytest

from policy.categories import MIN_ACTIVITIES, MIN_COMPETITIONS, StudioCategory
from policy.targets import TargetOverride, Targets, carries_heritage, targets_for

C = StudioCategory
REASON = "2026年传承培训效果：学徒4人，取证1人"


@pytest.mark.parametrize(
    ("category", "heritage", "override", "expected"),
    [
        (C.MODERN_TECH, False, None, Targets(8, 4)),  # 第九条(一): 8, of whom 50% certified
        (C.TRADITIONAL_CRAFT, False, None, Targets(6, 3)),
        (C.CULTURAL_CREATIVE, False, None, Targets(4, 2)),
        (C.TRADITIONAL_CRAFT, True, None, Targets(6, 3)),  # heritage without own figures
        (
            C.TRADITIONAL_CRAFT,
            True,
            TargetOverride(3, None, REASON),
            Targets(3, 2, set_by_agency=True, reason=REASON),  # 50% of 3, rounded up
        ),
        (
            C.CULTURAL_CREATIVE,
            True,
            TargetOverride(5, 1, REASON),
            Targets(5, 1, set_by_agency=True, reason=REASON),
        ),
        (C.MODERN_TECH, False, TargetOverride(1, 0, "?"), Targets(8, 4)),  # not a heritage one
    ],
)
def test_targets_for(
    category: StudioCategory, heritage: bool, override: TargetOverride | None, expected: Targets
) -> None:
    targets = targets_for(category, heritage=heritage, override=override)
    assert targets == expected
    assert (targets.activities, targets.competitions) == (MIN_ACTIVITIES, MIN_COMPETITIONS)


@pytest.mark.parametrize(
    ("sector", "declared", "heritage"),
    [
        ("intangible_heritage", False, True),  # centred on 非物质文化遗产 (第二条)
        ("strategic_emerging", True, True),  # recorded as carrying transmission
        ("strategic_emerging", False, False),
        (None, False, False),
    ],
)
def test_carries_heritage(sector: str | None, declared: bool, heritage: bool) -> None:
    assert carries_heritage(sector, declared) is heritage


def test_negative_targets_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        TargetOverride(-1)
