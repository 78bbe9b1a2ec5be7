"""A flow's conversation as a typed model, validated every time it is read back from its row.

The row keeps the step in `step` and the rest in `data` (JSON); a model joins them. A row that
no longer fits its model (written by an older version of the bot, or tampered with) is never
guessed at: reading it raises :class:`StaleState`, and the router ends that conversation with
an apology instead of acting on it.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, model_validator

from storage.models import Conversation

S = TypeVar("S")


class FlowState(BaseModel):
    """The base of every flow's state: frozen (a step makes a new state), no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    step: str


class StaleState(Exception):
    """A conversation row that does not validate against its flow's state model."""


def read_state(conv: Conversation, states: TypeAdapter[S]) -> S:
    """The state of `conv`; StaleState if the row does not fit."""
    data = conv.data if isinstance(conv.data, dict) else {}
    try:
        return states.validate_python({**data, "step": conv.step})
    except ValidationError as exc:
        raise StaleState(f"{conv.flow}: {exc.error_count()} errors") from exc


def row_of(state: FlowState) -> tuple[str, dict[str, Any]]:
    """What goes into the row: its step, and the rest as JSON-ready data."""
    return state.step, state.model_dump(mode="json", exclude={"step"})


class LinearState(FlowState):
    """A state whose steps come in a fixed order, each filling one field (the last fills none).

    Subclasses set `STEPS` and `FIELD` (step → the field it fills). A row is valid only if
    exactly the fields of the steps before its step are filled; Back forgets the answer of the
    step it returns to, so that step is asked again.
    """

    STEPS: ClassVar[tuple[str, ...]]
    FIELD: ClassVar[dict[str, str]]

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        at = self.STEPS.index(self.step)
        for index, step in enumerate(self.STEPS[:-1]):
            if (getattr(self, self.FIELD[step]) is not None) != (index < at):
                raise ValueError(f"{self.FIELD[step]} out of order at step {self.step}")
        return self

    def given(self, value: object) -> Self:
        """The next step, with this step's answer."""
        after = self.STEPS[self.STEPS.index(self.step) + 1]
        return self.model_copy(update={"step": after, self.FIELD[self.step]: value})

    def back(self) -> Self | None:
        """The step before, its answer forgotten; None at the first."""
        at = self.STEPS.index(self.step)
        if at == 0:
            return None
        previous = self.STEPS[at - 1]
        return self.model_copy(update={"step": previous, self.FIELD[previous]: None})
