"""A flow's conversation as a typed model, validated every time it is read back from its row.

The row keeps the step in `step` and the rest in `data` (JSON); a model joins them. A row that
no longer fits its model (written by an older version of the bot, or tampered with) is never
guessed at: reading it raises :class:`StaleState`, and the router ends that conversation with
an apology instead of acting on it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

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
