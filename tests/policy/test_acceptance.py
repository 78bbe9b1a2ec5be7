"""Acceptance and the plaque (第十二条)."""

from __future__ import annotations

from datetime import date

import pytest

from policy.acceptance import (
    AWARDED_BY,
    PLAQUE,
    Acceptance,
    AcceptanceProblem,
    acceptance_problem,
    plaque_awarded,
)
from policy.studio_status import StudioState as S

CONFIRMED = date(2026, 6, 1)
DONE = Acceptance(date(2026, 9, 1), recorded_by=9001)


@pytest.mark.parametrize(
    ("state", "accepted_on", "existing", "problem"),
    [
        (S.ACTIVE, date(2026, 9, 1), None, None),
        (S.ACTIVE, CONFIRMED, None, None),  # the same day is fine
        (S.FLAGGED, date(2026, 9, 1), None, None),
        (S.SUPPORT_ENDED, date(2029, 1, 5), None, None),  # late, but still holds the title
        (S.ACTIVE, date(2026, 5, 31), None, AcceptanceProblem.BEFORE_CONFIRMATION),
        (S.REVOKED, date(2026, 9, 1), None, AcceptanceProblem.NO_TITLE),
        (S.WITHDRAWN, date(2026, 9, 1), None, AcceptanceProblem.NO_TITLE),
        (S.ACTIVE, date(2026, 10, 1), DONE, AcceptanceProblem.ALREADY_ACCEPTED),
    ],
)
def test_when_acceptance_may_be_recorded(
    state: S, accepted_on: date, existing: Acceptance | None, problem: AcceptanceProblem | None
) -> None:
    assert acceptance_problem(state, CONFIRMED, accepted_on, existing) is problem


def test_the_plaque_comes_with_acceptance_not_with_confirmation() -> None:
    assert not plaque_awarded(None)
    assert plaque_awarded(DONE)
    assert PLAQUE.zh == "郑州市技能大师工作室"
    assert "领导小组" in AWARDED_BY.zh
