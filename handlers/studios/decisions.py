"""Heritage targets (第九条第一项), acceptance (第十二条), renewal (第十六条第二款): their states
and steps. Each opens a conversation on a studio from its card and ends back on the card."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal, Self

from pydantic import model_validator

from handlers.context import Context
from handlers.steps import FlowState
from policy.targets import TargetOverride
from policy.validators.numbers import parse_count, parse_date
from policy.validators.text import validate_text
from services import studio_decisions as decide
from services.messages.actions import Keyboard
from services.messages.keyboards import button, rows
from storage.uow import UnitOfWork

MAX_REASON = 500
MAX_TARGET = 1000
MAX_DOCUMENT = 64
HALF = ("-", "—")
"""Typed for the certified target: 50% of the trainees, as for every studio."""


class TargetsState(FlowState):
    """trainees → certified (or half of the trainees) → the reason."""

    step: Literal["trainees", "certified", "reason"]
    studio: int
    year: int
    trainees: int | None = None
    certified: int | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if (self.trainees is None) != (self.step == "trainees"):
            raise ValueError("targets: trainees out of step")
        if self.certified is not None and self.step != "reason":
            raise ValueError("targets: certified out of step")
        return self


class AcceptState(FlowState):
    step: Literal["accepted_on"]
    studio: int


class RenewState(FlowState):
    """The new period's first day → its document number (or none)."""

    step: Literal["renew_start", "renew_document"]
    studio: int
    start: date | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if (self.start is None) != (self.step == "renew_start"):
            raise ValueError("renew: start out of step")
        return self


def start_targets(ctx: Context, studio_id: int) -> TargetsState:
    return TargetsState(step="trainees", studio=studio_id, year=ctx.now().year)


def start_accept(ctx: Context, studio_id: int) -> AcceptState:
    return AcceptState(step="accepted_on", studio=studio_id)


def start_renew(ctx: Context, studio_id: int) -> RenewState:
    return RenewState(step="renew_start", studio=studio_id)


DecisionState = TargetsState | AcceptState | RenewState


def back(state: DecisionState) -> DecisionState | None:
    if isinstance(state, TargetsState) and state.step == "certified":
        return state.model_copy(update={"step": "trainees", "trainees": None})
    if isinstance(state, TargetsState) and state.step == "reason":
        return state.model_copy(update={"step": "certified", "certified": None})
    if isinstance(state, RenewState) and state.step == "renew_document":
        return state.model_copy(update={"step": "renew_start", "start": None})
    return None


def prompt(
    ctx: Context, state: TargetsState | AcceptState | RenewState, seq: int
) -> tuple[str, Keyboard]:
    year = state.year if isinstance(state, TargetsState) else ""
    text = ctx.t(f"studio.ask_{state.step}", year=year)
    if state.step == "renew_document":
        return text, rows([button(ctx.t("studio.btn_skip"), "studio", "skip", seq)])
    return text, ()


def parser(
    ctx: Context, state: TargetsState | AcceptState | RenewState
) -> Callable[[str], object]:
    """The validator of the state's step."""
    if state.step == "trainees":
        return lambda t: parse_count(t, maximum=MAX_TARGET)
    if state.step == "certified":
        return lambda t: HALF[0] if t.strip() in HALF else parse_count(t, maximum=MAX_TARGET)
    if state.step == "reason":
        return lambda t: validate_text(t, max_length=MAX_REASON, multiline=True)
    if state.step == "renew_document":
        return lambda t: validate_text(t, max_length=MAX_DOCUMENT)
    return parse_date


def given(state: TargetsState | RenewState, value: object) -> TargetsState | RenewState:
    """The next step with this answer (a text step that does not end the conversation)."""
    if isinstance(state, TargetsState) and state.step == "trainees":
        assert isinstance(value, int)
        return state.model_copy(update={"step": "certified", "trainees": value})
    if isinstance(state, TargetsState):
        certified = value if isinstance(value, int) else None
        return state.model_copy(update={"step": "reason", "certified": certified})
    assert isinstance(value, date)
    return state.model_copy(update={"step": "renew_document", "start": value})


async def settle(
    uow: UnitOfWork, ctx: Context, state: TargetsState | AcceptState | RenewState, value: object
) -> str:
    """Run the decision the last step completes; the card's note key (NotAllowed if refused)."""
    if isinstance(state, TargetsState):
        assert state.trainees is not None and isinstance(value, str)
        override = TargetOverride(state.trainees, state.certified, value)
        cmd = decide.SetTargets(state.studio, state.year, override, ctx.user_id)
        await decide.set_targets(uow, cmd, ctx.now())
        return "targets_done"
    if isinstance(state, AcceptState):
        assert isinstance(value, date)
        lang = ctx.config.default_lang
        accept = decide.Accept(state.studio, value, ctx.user_id, default_lang=lang)
        await decide.accept(uow, accept, ctx.now())
        return "accepted_done"
    assert state.start is not None and (value is None or isinstance(value, str))
    renew = decide.Renew(
        state.studio, state.start, ctx.user_id, value, default_lang=ctx.config.default_lang
    )
    await decide.renew(uow, renew, ctx.now())
    return "renewed_done"
