"""The review flow: /pending, opening a submission, and the decisions on it (staff only)."""

from __future__ import annotations

from pydantic import TypeAdapter

from handlers.context import Context
from handlers.review import decide
from handlers.review.decide import DecideState
from handlers.review.guard import Target, target_of
from handlers.review.queue import FLOW, open_submission, show_page
from handlers.roles import Role
from handlers.steps import Screen, StepFlow
from services.decisions import CHOICES, clean_reason
from services.messages.payloads import Action, BadPayload
from storage.models import Conversation


class ReviewFlow(StepFlow[DecideState]):
    name = FLOW
    commands = ("pending",)
    menu_key = "menu.pending"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF
    states = TypeAdapter(DecideState)
    cancelled_key = "review.decision_cancelled"

    async def start(self, ctx: Context, args: str) -> None:
        await show_page(ctx, 0)

    async def stateless(self, ctx: Context, action: Action) -> None:
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif action.verb == "page":
            await show_page(ctx, action.id())
        elif action.verb == "open":
            await open_submission(ctx, target_of(action))
        elif action.verb in CHOICES:
            state = await decide.choose(ctx, action.verb, target_of(action))
            if state is not None:
                await self.begin(ctx, state, fresh=True)  # under the card, which stays
        else:
            await super().stateless(ctx, action)

    def previous(self, state: DecideState) -> DecideState | None:
        return state.back()

    async def screen(self, ctx: Context, conv: Conversation, state: DecideState) -> Screen:
        text, keyboard = decide.prompt(ctx, state, conv.seq, await decide.title_of(ctx, state))
        return text, self.with_nav(ctx, conv, state, keyboard)

    async def press(
        self, ctx: Context, conv: Conversation, state: DecideState, action: Action
    ) -> None:
        if action.is_("yes") and state.step == "confirm":
            await self.end(ctx)
            target = Target(state.submission, state.version)
            fields = list(state.fields) or None
            await decide.settle(ctx, target, state.decision, state.reason, fields)
        elif action.verb == "f":
            await self.move(ctx, conv, decide.toggled(state, action.id()))
        else:
            raise BadPayload(f"review: {action.verb} at {state.step}")

    async def answer(
        self, ctx: Context, conv: Conversation, state: DecideState, text: str
    ) -> None:
        if state.step != "reason":
            await super().answer(ctx, conv, state, text)
        elif (reason := await self.check(ctx, conv, state, text, clean_reason)) is not None:
            await self.move(
                ctx, conv, state.model_copy(update={"step": "confirm", "reason": reason})
            )
