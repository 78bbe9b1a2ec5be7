"""Typed states and their moves: submissions (第六至八条), studios (第十三、十六至十八条)."""

from __future__ import annotations

from itertools import product

import pytest

from policy.states import (
    StudioState,
    SubmissionStatus,
    SubsidyStatus,
    TransitionError,
    article_for,
    can_transition,
    moves_of,
    transition,
)
from policy.studio_status import gets_reminders, holds_title, is_assessed, may_file
from policy.studio_status import may_receive_subsidy as subsidised
from policy.submission_status import DECISIONS, OPEN, is_locked, return_stands

Sub = SubmissionStatus
St = StudioState

SUBMISSION_MOVES = {
    (Sub.DRAFT, Sub.SUBMITTED): "第六条",  # handed in to the agency
    (Sub.SUBMITTED, Sub.APPROVED): "第七条",
    (Sub.SUBMITTED, Sub.RETURNED): "第七条",
    (Sub.SUBMITTED, Sub.REJECTED): "第七条",
    (Sub.RETURNED, Sub.SUBMITTED): "第八条",  # resubmitted as a new version
}
STUDIO_MOVES = {
    (St.ACTIVE, St.SUPPORT_ENDED): "第十三条",
    (St.SUPPORT_ENDED, St.ACTIVE): "第十六条",  # a new support period
    (St.ACTIVE, St.FLAGGED): "第十七条",
    (St.SUPPORT_ENDED, St.FLAGGED): "第十七条",
    (St.FLAGGED, St.ACTIVE): "第十八条",  # staff keep the title
    (St.FLAGGED, St.SUPPORT_ENDED): "第十八条",
    **{(s, St.REVOKED): "第十八条" for s in (St.ACTIVE, St.SUPPORT_ENDED, St.FLAGGED)},
    **{(s, St.WITHDRAWN): "第十七条" for s in (St.ACTIVE, St.SUPPORT_ENDED, St.FLAGGED)},
}


@pytest.mark.parametrize(
    ("enum", "allowed"), [(SubmissionStatus, SUBMISSION_MOVES), (StudioState, STUDIO_MOVES)]
)
def test_every_pair_of_states_is_allowed_exactly_as_the_table_says(
    enum: type[SubmissionStatus] | type[StudioState], allowed: dict[tuple[str, str], str]
) -> None:
    for current, target in product(enum, enum):
        expected = (current, target) in allowed
        assert can_transition(current, target) is expected, (current, target)
        if expected:
            assert transition(current, target) is target
            assert article_for(current, target) == allowed[(current, target)]
        else:
            with pytest.raises(TransitionError):
                transition(current, target)


def test_final_states() -> None:
    assert moves_of(SubmissionStatus).terminal() == {Sub.APPROVED, Sub.REJECTED}
    assert moves_of(StudioState).terminal() == {St.REVOKED, St.WITHDRAWN}
    assert [s for s in Sub if is_locked(s)] == [Sub.APPROVED, Sub.REJECTED]  # 第八条


def test_the_agency_decides_on_an_open_submission_only() -> None:
    assert OPEN is Sub.SUBMITTED
    assert set(DECISIONS) == moves_of(SubmissionStatus).targets(OPEN)


@pytest.mark.parametrize(
    ("status", "version", "stands"),
    [
        (Sub.RETURNED, 1, True),  # the unit revises (第七条)
        (Sub.RETURNED, 3, True),
        (Sub.SUBMITTED, 2, True),  # staff review the revision it was handed in after (第八条)
        (Sub.SUBMITTED, 1, False),  # a first version was never returned
        (Sub.APPROVED, 2, False),  # the next decision replaces the return
        (Sub.REJECTED, 2, False),
        (Sub.DRAFT, 1, False),
    ],
)
def test_a_return_stands_until_the_next_decision(status: Sub, version: int, stands: bool) -> None:
    assert return_stands(status, version) is stands


def test_states_of_different_kinds_never_move_into_each_other() -> None:
    assert not can_transition(Sub.SUBMITTED, St.ACTIVE)
    with pytest.raises(TransitionError):
        article_for(St.ACTIVE, Sub.DRAFT)


def test_stored_values_are_unchanged() -> None:
    assert [s.value for s in Sub] == ["draft", "submitted", "returned", "approved", "rejected"]
    assert {s.value for s in St} >= {"active", "flagged", "revoked"}
    assert all(len(s.value) <= 16 for s in (*Sub, *St, *SubsidyStatus)), "String(16) columns"


@pytest.mark.parametrize(
    ("state", "holds"),
    [
        (St.ACTIVE, True),
        (St.SUPPORT_ENDED, True),  # the title and the duties outlive the support period
        (St.FLAGGED, True),  # until staff decide
        (St.REVOKED, False),
        (St.WITHDRAWN, False),
    ],
)
def test_what_a_studio_without_its_title_no_longer_does(state: StudioState, holds: bool) -> None:
    assert holds_title(state) is holds
    assert (may_file(state), is_assessed(state), gets_reminders(state)) == (holds,) * 3
    assert subsidised(state) is holds
