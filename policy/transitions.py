"""State machines as data: which move between two states is allowed, and by which article.

Each typed state of the programme (:mod:`policy.submission_status`, :mod:`policy.studio_status`)
declares its moves as a :class:`Transitions` table; :mod:`policy.states` looks them up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

S = TypeVar("S", bound=StrEnum)


class TransitionError(ValueError):
    """A move the rules do not allow, e.g. an approved application back to draft (第八条)."""

    def __init__(self, current: StrEnum, target: StrEnum) -> None:
        super().__init__(f"{type(current).__name__}: {current.value} -> {target.value}")
        self.current = current
        self.target = target


@dataclass(frozen=True, slots=True)
class Transitions(Generic[S]):
    """The allowed moves of one state enum, each with the article that allows it."""

    moves: Mapping[tuple[S, S], str]

    def allows(self, current: S, target: S) -> bool:
        return (current, target) in self.moves

    def targets(self, current: S) -> frozenset[S]:
        """Where ``current`` may go."""
        return frozenset(to for (of, to) in self.moves if of == current)

    def article(self, current: S, target: S) -> str:
        """The article allowing the move; TransitionError if none does."""
        try:
            return self.moves[(current, target)]
        except KeyError:
            raise TransitionError(current, target) from None

    def terminal(self) -> frozenset[S]:
        """States with no way out."""
        sources = {of for of, _to in self.moves}
        return frozenset(to for _of, to in self.moves if to not in sources)
