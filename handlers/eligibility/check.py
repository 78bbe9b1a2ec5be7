"""/check: a master learns in two minutes whether they may lead a studio (Art. 4, Art. 17).

One question at a time, only those the rules still need (:func:`policy.eligibility.next_question`).
Every answer is committed with its update, so a restart resumes at the same question; the result
is counted anonymously and the conversation closes. The conversation is a :class:`CheckState`
on the step kit (Back forgets the last answer, Cancel ends the check); its row is the one the
Mini App reads and writes (services.eligibility_check), so the state is the stored answers and
the next question is worked out from them, on the day of the check, whenever it is needed.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, TypeAdapter

from handlers.context import Context
from handlers.eligibility.questions import ANSWER, render
from handlers.forms.web import offer_web
from handlers.steps import FlowState, Screen, StaleState, StepFlow
from policy.eligibility import (
    QUESTION_ORDER,
    EligibilityAnswers,
    QuestionKey,
    evaluate_eligibility,
)
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from services.eligibility_check import (
    FLOW,
    answered,
    choice,
    dump,
    finish,
    forget_last,
    load,
    ongoing,
    with_answer,
)
from services.messages.eligibility import render_result
from services.messages.keyboards import button, rows
from services.messages.payloads import Action, BadPayload
from storage.models import Conversation


class CheckState(FlowState):
    """The stored answers (without the day of the check); `step` is the question asked."""

    answers: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(cls, answers: EligibilityAnswers, question: QuestionKey) -> CheckState:
        return cls(step=question.value, **dump(answers))


class CheckFlow(StepFlow[CheckState]):
    name = FLOW
    commands = ("check",)
    menu_key = "menu.check"
    states = TypeAdapter(CheckState)
    cancelled_key = "check.cancelled"
    back_key, cancel_key = "check.back", "check.cancel"

    async def start(self, ctx: Context, args: str) -> None:
        conv = ctx.conversation
        answers = ongoing(conv, ctx.now().date())
        if conv is None or answers is None or not answered(answers):
            await self._begin(ctx)
            return
        choices = [
            button(ctx.t("check.continue"), self.name, "continue", conv.seq),
            button(ctx.t("check.restart"), self.name, "restart", conv.seq),
        ]
        ctx.send(ctx.t("check.resume", count=len(answered(answers))), rows(choices, per_row=2))
        offer_web(ctx, self.name)

    def previous(self, state: CheckState) -> CheckState | None:
        found = forget_last(state.model_dump(exclude={"step"}))
        return None if found is None else CheckState(step=found[1].value, **found[0])

    async def screen(self, ctx: Context, conv: Conversation, state: CheckState) -> Screen:
        pending = _pending(ctx, state)
        if pending is None:
            raise StaleState(f"{self.name}: no question pending")
        text, keyboard = render(ctx, *pending, conv.seq)
        return text, self.with_nav(ctx, conv, state, keyboard)

    async def press(
        self, ctx: Context, conv: Conversation, state: CheckState, action: Action
    ) -> None:
        pending = _pending(ctx, state)
        if pending is None or action.is_("restart"):
            await self._begin(ctx)
        elif action.verb == ANSWER:
            answer = choice(pending[1], action.tail)
            if answer is None:
                raise BadPayload(f"check: {action.tail!r} answers no {pending[1]}")
            await self._advance(ctx, conv, with_answer(*pending, answer))
        elif action.is_("continue"):
            await self.show(ctx, conv, state)
        else:
            raise BadPayload(f"check: {action.verb} at {state.step}")

    async def answer(self, ctx: Context, conv: Conversation, state: CheckState, text: str) -> None:
        """Only the date of a finding is typed; anything else restates the question."""
        pending = _pending(ctx, state)
        if pending is None or pending[1] is not QuestionKey.BAR_DATE:
            await super().answer(ctx, conv, state, text)
            return
        today = ctx.now().date()
        found_on = await self.check(
            ctx, conv, state, text, lambda t: parse_date(t, not_after=today)
        )
        if found_on is not None:
            await self._advance(ctx, conv, with_answer(pending[0], QuestionKey.BAR_DATE, found_on))

    def refused(self, ctx: Context, error: FieldError) -> str:
        return ctx.t("check.bad_date", reason=error.message(ctx.texts.lang))

    async def cancel(self, ctx: Context, conv: Conversation, state: CheckState) -> None:
        await self.end(ctx)
        ctx.show(ctx.t(self.cancelled_key), ctx.registry.menu(ctx))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        """Restate the pending question under ``note``; a check with none pending starts over."""
        if _pending(ctx, self.state(conv)) is None:
            await self._begin(ctx)
        else:
            await super().reprompt(ctx, conv, note)

    async def _begin(self, ctx: Context) -> None:
        answers = EligibilityAnswers(as_of=ctx.now().date())
        await self.begin(ctx, CheckState.of(answers, QUESTION_ORDER[0]), note=ctx.t("check.intro"))
        offer_web(ctx, self.name)

    async def _advance(
        self, ctx: Context, conv: Conversation, answers: EligibilityAnswers
    ) -> None:
        """Store the answer; ask the next question, or give the result once it is settled."""
        result = evaluate_eligibility(answers)
        if result.next_question is None:
            await finish(ctx.uow, ctx.user_id, result, ctx.now())
            ctx.conversation = None
            ctx.show(render_result(ctx.texts, answers, result), ctx.registry.menu(ctx))
            return
        await self.move(ctx, conv, CheckState.of(answers, result.next_question))


def _pending(ctx: Context, state: CheckState) -> tuple[EligibilityAnswers, QuestionKey] | None:
    """The answers as of today and the question they wait for; None: unusable or settled."""
    answers = load(state.model_dump(exclude={"step"}), ctx.now().date())
    question = evaluate_eligibility(answers).next_question if answers else None
    return None if answers is None or question is None else (answers, question)
