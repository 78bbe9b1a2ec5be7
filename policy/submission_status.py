"""Where a form handed to the agency stands: application, annual plan or annual report.

A unit fills in a draft and hands it in (第六条, 第七条: materials go to the agency); the agency
approves it, returns it for revision or rejects it (第七条). A returned submission is handed in
again as a new version; an approved one is locked (第八条): nothing moves it. For a plan
(第九条(六), 备案) or a report, approved reads as accepted; whether it came in after its due day is
a separate flag (:func:`policy.calendar.is_plan_late`), not a state.

Values are the strings stored in ``submissions.status``; a draft lives in its own table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from policy.i18n import Label, Lang
from policy.source import ART_6, ART_7, ART_8
from policy.transitions import Transitions


class SubmissionStatus(StrEnum):
    """State of a submission (第六条, 第七条, 第八条)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    REJECTED = "rejected"


S = SubmissionStatus

SUBMISSION_MOVES: Final[Transitions[SubmissionStatus]] = Transitions(
    {
        (S.DRAFT, S.SUBMITTED): ART_6,
        (S.SUBMITTED, S.APPROVED): ART_7,
        (S.SUBMITTED, S.RETURNED): ART_7,
        (S.SUBMITTED, S.REJECTED): ART_7,
        (S.RETURNED, S.SUBMITTED): ART_8,
    }
)
"""The moves of a submission; APPROVED and REJECTED are final."""

OPEN: Final = SubmissionStatus.SUBMITTED
"""The one state in which the agency decides."""

DECISIONS: Final = (S.APPROVED, S.RETURNED, S.REJECTED)
"""What the agency may decide on an open submission (the moves out of OPEN)."""

_LABELS: Final[dict[SubmissionStatus, Label]] = {
    S.DRAFT: Label("填写中", "Draft"),
    S.SUBMITTED: Label("待审核", "Awaiting review"),
    S.RETURNED: Label("退回修改", "Returned for revision"),
    S.APPROVED: Label("已通过", "Approved"),
    S.REJECTED: Label("不予通过", "Rejected"),
}


def is_locked(status: SubmissionStatus) -> bool:
    """第八条: an approved (or rejected) submission can no longer change."""
    return not SUBMISSION_MOVES.targets(status)


def return_stands(status: SubmissionStatus, version: int) -> bool:
    """第七条, 第八条: what staff asked to fix, and why, stands while the unit revises a returned
    submission and while staff review the revision it hands in (a later version is only ever
    handed in after a return); the next decision replaces it."""
    return status == S.RETURNED or (status == OPEN and version > 1)


def label(status: SubmissionStatus, lang: Lang) -> str:
    """Chinese or English label of a submission status."""
    return _LABELS[status].text(lang)
