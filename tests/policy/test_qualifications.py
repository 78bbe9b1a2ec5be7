"""第四条 B1 and 第九条 "newly certified" by level and title."""

import itertools

import pytest

from policy.qualifications import (
    QualificationLevel as L,
)
from policy.qualifications import (
    TechnicalTitle as T,
)
from policy.qualifications import (
    counts_as_newly_certified,
    in_own_trade,
    level_at_least,
    meets_b1,
)


@pytest.mark.parametrize(
    ("level", "title", "expected"),
    [
        (L.NONE, T.NONE, False),
        (L.JUNIOR, T.NONE, False),
        (L.INTERMEDIATE, T.NONE, False),
        (L.SENIOR, T.NONE, False),  # 高级工 fails
        (L.TECHNICIAN, T.NONE, True),  # 技师 passes
        (L.SENIOR_TECHNICIAN, T.NONE, True),  # 高级技师 passes
        (L.PRINCIPAL_TECHNICIAN, T.NONE, True),
        (L.CHIEF_TECHNICIAN, T.NONE, True),
        (L.NONE, T.JUNIOR, False),
        (L.NONE, T.INTERMEDIATE, True),  # title route
        (L.NONE, T.SENIOR, True),
        (L.SENIOR, T.INTERMEDIATE, True),
        (L.SENIOR, T.JUNIOR, False),
    ],
)
def test_meets_b1(level: L, title: T, expected: bool) -> None:
    assert meets_b1(level, title) is expected


def test_meets_b1_title_defaults_to_none() -> None:
    assert meets_b1(L.TECHNICIAN) and not meets_b1(L.SENIOR)


@pytest.mark.parametrize(
    ("level", "title", "own_trade", "expected"),
    [
        (L.TECHNICIAN, T.NONE, True, True),
        (L.TECHNICIAN, T.NONE, False, False),  # 第四条: 技师 in another trade does not count
        (L.SENIOR_TECHNICIAN, T.SENIOR, False, False),
        (L.SENIOR, T.INTERMEDIATE, True, True),
        (L.SENIOR, T.NONE, True, False),
    ],
)
def test_b1_is_in_the_masters_own_trade(
    level: L, title: T, own_trade: bool, expected: bool
) -> None:
    assert meets_b1(level, title, own_trade=own_trade) is expected


@pytest.mark.parametrize(
    ("master", "held", "same"),
    [
        ("数控车工", "数控车工", True),
        (" 车工 ", "车工", True),
        ("电工(维修)", "电工（维修）", True),  # bracket width does not matter
        ("Welder", "welder", True),
        ("车工", "钳工", False),
        ("数控车工", "车工", False),  # different wording: ask the master instead
        ("", "", False),
    ],
)
def test_in_own_trade(master: str, held: str, same: bool) -> None:
    assert in_own_trade(master, held) is same


@pytest.mark.parametrize(
    ("level", "title", "expected"),
    [
        (L.INTERMEDIATE, T.NONE, False),
        (L.SENIOR, T.NONE, True),
        (L.TECHNICIAN, T.NONE, True),
        (L.SENIOR_TECHNICIAN, T.NONE, True),
        (L.NONE, T.JUNIOR, True),
        (L.NONE, T.NONE, False),
    ],
)
def test_counts_as_newly_certified(level: L, title: T, expected: bool) -> None:
    assert counts_as_newly_certified(level, title) is expected


def test_declaration_order_is_ranking() -> None:
    levels = list(L)
    for low, high in itertools.pairwise(levels):
        assert level_at_least(high, low) and not level_at_least(low, high)
