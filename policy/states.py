"""The typed states of the programme and the one way to move them.

``can_transition(current, target)`` asks; ``transition(current, target)`` moves, returning
``target`` or raising :class:`TransitionError`. Both accept any state enum below and look up
its table of moves, in which each move names the article that allows it.

* :class:`SubmissionStatus`: draft → submitted → approved | returned | rejected; returned →
  submitted again as a new version (第六、七、八条).
* :class:`StudioState`: active ⇄ support_ended (第十三条, renewal 第十六条第二款); → flagged
  (第十七条) → back, or → revoked | withdrawn (第十七、十八条).
* :class:`SubsidyStatus` has no moves of its own: a corrected result re-books or cancels.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final, TypeVar

from policy.money import SubsidyStatus
from policy.studio_status import STUDIO_MOVES, StudioState
from policy.submission_status import SUBMISSION_MOVES, SubmissionStatus
from policy.transitions import TransitionError, Transitions

__all__ = [
    "StudioState",
    "SubmissionStatus",
    "SubsidyStatus",
    "TransitionError",
    "article_for",
    "can_transition",
    "moves_of",
    "transition",
]

S = TypeVar("S", bound=StrEnum)

_TABLES: Final[dict[type[StrEnum], Transitions[Any]]] = {
    SubmissionStatus: SUBMISSION_MOVES,
    StudioState: STUDIO_MOVES,
}


def moves_of(state: type[S]) -> Transitions[S]:
    """The table of moves of a state enum."""
    return _TABLES[state]


def can_transition(current: S, target: S) -> bool:
    """Whether the rules allow ``current`` to become ``target``."""
    return type(current) is type(target) and moves_of(type(current)).allows(current, target)


def transition(current: S, target: S) -> S:
    """``target``, if the rules allow the move; otherwise :class:`TransitionError`."""
    if not can_transition(current, target):
        raise TransitionError(current, target)
    return target


def article_for(current: S, target: S) -> str:
    """The article that allows the move (第N条); TransitionError if none does."""
    if type(current) is not type(target):
        raise TransitionError(current, target)
    return moves_of(type(current)).article(current, target)
