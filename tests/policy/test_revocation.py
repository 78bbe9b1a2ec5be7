"""Revocation flag (第十七条(四))."""

import pytest

from policy.bar import BAR_YEARS, bar_end
from policy.eligibility import bar_end as bar_end_from_eligibility
from policy.revocation import failed_twice_in_a_row as flag_for_revocation


@pytest.mark.parametrize(
    ("history", "flag"),
    [
        ([], False),
        ([(2020, False)], False),
        ([(2020, False), (2021, False)], True),
        ([(2021, False), (2020, False)], True),  # order does not matter
        ([(2020, False), (2021, True)], False),
        ([(2020, True), (2021, False)], False),
        ([(2019, False), (2021, False)], False),  # not consecutive
        ([(2019, False), (2020, False), (2021, True)], False),  # only the latest two count
        ([(2019, True), (2020, False), (2021, False)], True),
    ],
)
def test_flag_for_revocation(history: list[tuple[int, bool]], flag: bool) -> None:
    assert flag_for_revocation(history) is flag


def test_duplicate_years_are_refused() -> None:
    with pytest.raises(ValueError, match="more than one"):
        flag_for_revocation([(2020, False), (2020, True)])


def test_bar_is_shared() -> None:
    assert BAR_YEARS == 3
    assert bar_end is bar_end_from_eligibility
