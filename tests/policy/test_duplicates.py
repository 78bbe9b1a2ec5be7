"""No invented limit (第五、六条): one master, one studio; one studio, one application."""

from __future__ import annotations

import pytest

from policy.duplicates import (
    ApplicationFacts,
    Duplicate,
    DuplicateReason,
    ExistingStudioFacts,
    app_live,
    duplicate_reason,
    studio_live,
)
from policy.states import StudioState, SubmissionStatus

MASTER = "41010519800101123X"
OTHER_MASTER = "410105198502023456"
UNIT = "91410100MA44XXXX0X"
OTHER_UNIT = "91410100MA55YYYY1Y"

NEW = ApplicationFacts(master_id_number=MASTER.lower(), unit_credit_code=f" {UNIT} ")
STUDIO = ExistingStudioFacts("张三数控工作室", MASTER, UNIT, live=True)
ELSEWHERE = ExistingStudioFacts("张三另一工作室", MASTER, OTHER_UNIT, live=True)
COLLEAGUE = ExistingStudioFacts("李四工作室", OTHER_MASTER, UNIT, live=True)
REVOKED = ExistingStudioFacts("张三旧工作室", MASTER, UNIT, live=False)
IMPORTED = ExistingStudioFacts("王五工作室", None, None, live=True)


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ([], None),
        ([COLLEAGUE, COLLEAGUE], None),  # a unit may host many studios and apply many times
        ([REVOKED], None),  # the old studio no longer holds its title
        ([IMPORTED], None),  # nothing to match on
        ([STUDIO], Duplicate(DuplicateReason.SAME_STUDIO, STUDIO)),
        ([ELSEWHERE], Duplicate(DuplicateReason.MASTER_LEADS_ANOTHER, ELSEWHERE)),
        ([ELSEWHERE, STUDIO], Duplicate(DuplicateReason.SAME_STUDIO, STUDIO)),
    ],
)
def test_duplicate_reason(existing: list[ExistingStudioFacts], expected: Duplicate | None) -> None:
    assert duplicate_reason(existing, NEW) == expected


@pytest.mark.parametrize(
    ("state", "live"),
    [
        (StudioState.ACTIVE, True),
        (StudioState.SUPPORT_ENDED, True),
        (StudioState.FLAGGED, True),
        (StudioState.REVOKED, False),
        (StudioState.WITHDRAWN, False),
    ],
)
def test_which_studios_count(state: StudioState, live: bool) -> None:
    assert studio_live(state) is live


@pytest.mark.parametrize(
    ("status", "live"),
    [
        (SubmissionStatus.SUBMITTED, True),
        (SubmissionStatus.RETURNED, True),
        (SubmissionStatus.APPROVED, False),  # it is a studio now: that record counts instead
        (SubmissionStatus.REJECTED, False),
        (SubmissionStatus.DRAFT, False),
    ],
)
def test_which_applications_count(status: SubmissionStatus, live: bool) -> None:
    assert app_live(status) is live
