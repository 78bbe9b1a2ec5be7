"""/check: a master learns in two minutes whether they may lead a studio (Art. 4, Art. 17).

One question at a time, only those the rules still need (:func:`policy.eligibility.next_question`).
Every answer is committed with its update, so a restart resumes at the same question; the result
is counted anonymously and the conversation closes.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.eligibility.answers import answered, back, dump, load, with_answer
from handlers.eligibility.questions import ANSWER, FLOW, choice, render
from handlers.eligibility.result import render_result
from handlers.flow import Flow
from policy.eligibility import (
    QUESTION_ORDER,
    EligibilityAnswers,
    EligibilityResult,
    QuestionKey,
    evaluate_eligibility,
)
from policy.validators.errors import FieldError
from policy.validators.numbers import parse_date
from services.messages.keyboards import button, rows
from services.messages.payloads import Action
from storage.models import Conversation
from storage.repos.eligibility_outcomes import EligibilityOutcomesRepo


class CheckFlow(Flow):
    name = FLOW
    commands = ("check",)
    menu_key = "menu.check"

    async def start(self, ctx: Context, args: str) -> None:
        conv = ctx.conversation
        answers = load(conv.data, ctx.now().date()) if conv and conv.flow == self.name else None
        if conv is None or answers is None or not answered(answers):
            await self._begin(ctx)
            return
        choices = [
            button(ctx.t("check.continue"), self.name, "continue", conv.seq),
            button(ctx.t("check.restart"), self.name, "restart", conv.seq),
        ]
        ctx.send(ctx.t("check.resume", count=len(answered(answers))), rows(choices, per_row=2))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        if conv is None:
            await super().on_button(ctx, conv, action)
            return
        answers = load(conv.data, ctx.now().date())
        question = evaluate_eligibility(answers).next_question if answers else None
        if answers is None or question is None or action.is_("restart"):
            await self._begin(ctx)
        elif action.verb == ANSWER:
            await self._answer(ctx, conv, answers, question, action.tail)
        elif action.is_("back"):
            await self._back(ctx, conv, answers)
        elif action.is_("cancel"):
            await self._cancel(ctx)
        elif action.is_("continue"):
            self._ask(ctx, conv, answers, question)
        else:
            await self._stale(ctx, conv)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        today = ctx.now().date()
        answers = load(conv.data, today)
        if (
            answers is None
            or evaluate_eligibility(answers).next_question is not QuestionKey.BAR_DATE
        ):
            await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))
            return
        try:
            found_on = parse_date(text, not_after=today)
        except FieldError as error:
            note = ctx.t("check.bad_date", reason=error.message(ctx.texts.lang))
            await self.reprompt(ctx, conv, note)
            return
        await self._advance(ctx, conv, with_answer(answers, QuestionKey.BAR_DATE, found_on))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        """Restate the pending question, with its buttons, under ``note``."""
        answers = load(conv.data, ctx.now().date())
        question = evaluate_eligibility(answers).next_question if answers else None
        if answers is None or question is None:
            await self._begin(ctx)
            return
        text, keyboard = render(ctx, answers, question, conv.seq)
        ctx.send(f"{note}\n\n{text}" if note else text, keyboard)

    async def on_cancel(self, ctx: Context, conv: Conversation) -> str:
        return ctx.t("check.cancelled")

    async def _begin(self, ctx: Context) -> None:
        answers = EligibilityAnswers(as_of=ctx.now().date())
        first = QUESTION_ORDER[0]
        conv = await ctx.uow.conversations.open(ctx.user_id, self.name, first.value, dump(answers))
        ctx.conversation = conv
        text, keyboard = render(ctx, answers, first, conv.seq)
        ctx.show(f"{ctx.t('check.intro')}\n\n{text}", keyboard)

    def _ask(
        self, ctx: Context, conv: Conversation, answers: EligibilityAnswers, question: QuestionKey
    ) -> None:
        text, keyboard = render(ctx, answers, question, conv.seq)
        ctx.show(text, keyboard)

    async def _answer(
        self,
        ctx: Context,
        conv: Conversation,
        answers: EligibilityAnswers,
        question: QuestionKey,
        value: str,
    ) -> None:
        answer = choice(question, value)
        if answer is None:
            await self._stale(ctx, conv)
        else:
            await self._advance(ctx, conv, with_answer(answers, question, answer))

    async def _advance(
        self, ctx: Context, conv: Conversation, answers: EligibilityAnswers
    ) -> None:
        """Store the answer; ask the next question, or give the result once it is settled."""
        result = evaluate_eligibility(answers)
        if result.next_question is None:
            await self._finish(ctx, answers, result)
            return
        await ctx.uow.conversations.save(conv, result.next_question.value, dump(answers))
        self._ask(ctx, conv, answers, result.next_question)

    async def _back(self, ctx: Context, conv: Conversation, answers: EligibilityAnswers) -> None:
        earlier, question = back(answers)
        if question is None:
            await self._stale(ctx, conv)
            return
        await ctx.uow.conversations.save(conv, question.value, dump(earlier))
        self._ask(ctx, conv, earlier, question)

    async def _finish(
        self, ctx: Context, answers: EligibilityAnswers, result: EligibilityResult
    ) -> None:
        await ctx.uow.repo(EligibilityOutcomesRepo).record(
            result.verdict, result.missing, at=ctx.now()
        )
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
        ctx.show(render_result(ctx, answers, result), ctx.registry.menu(ctx))

    async def _cancel(self, ctx: Context) -> None:
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
        ctx.show(ctx.t("check.cancelled"), ctx.registry.menu(ctx))

    async def _stale(self, ctx: Context, conv: Conversation) -> None:
        ctx.answer(ctx.t("common.stale_button"), alert=True)
        await self.reprompt(ctx, conv)
