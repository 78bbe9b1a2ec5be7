"""`StepFlow`: a conversation (staff's, and /check) written as typed steps, with Back, Cancel
and one way to refuse an input.

A subclass says what its state is (a :class:`FlowState` model, or a union of them told apart
by `step`), what each step shows (`screen`), where Back leads (`previous`), and what a press
or a typed answer does at a step (`press`, `answer`). The kit reads and validates the state,
answers Back and Cancel the same way everywhere, checks typed input with a validator from
`policy/validators` and refuses it with the same reply the forms give (`handlers.replies`),
above the question asked again. Every move is committed before the next screen is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import TypeAdapter

from handlers.context import Context
from handlers.flow import Flow
from handlers.replies import refusal
from handlers.steps.state import FlowState, read_state, row_of
from policy.validators.errors import FieldError
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import button, stack
from services.messages.payloads import Action, BadPayload
from storage.models import Conversation

S = TypeVar("S", bound=FlowState)
V = TypeVar("V")
Screen = tuple[str, Keyboard | None]

BACK, CANCEL = "back", "cancel"


class StepFlow(Flow, Generic[S]):
    """Set `states` (a TypeAdapter of the state) and `cancelled_key`; write `screen`."""

    states: ClassVar[TypeAdapter[Any]]
    cancelled_key: ClassVar[str] = "common.cancelled"
    back_key: ClassVar[str] = "common.btn_back"
    cancel_key: ClassVar[str] = "common.btn_cancel"

    async def screen(self, ctx: Context, conv: Conversation, state: S) -> Screen:
        """The question (or card, or confirmation) of the state's step, with its buttons."""
        raise NotImplementedError

    def previous(self, state: S) -> S | None:
        """Where Back leads from this step; None: this step has no Back."""
        return None

    async def press(self, ctx: Context, conv: Conversation, state: S, action: Action) -> None:
        """A press of one of the step's own buttons (not Back or Cancel)."""
        raise BadPayload(f"{self.name}: {action.verb} at {state.step}")

    async def answer(self, ctx: Context, conv: Conversation, state: S, text: str) -> None:
        """Typed text at a step; by default the step wants buttons."""
        await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))

    async def cancel(self, ctx: Context, conv: Conversation, state: S) -> None:
        """Cancel pressed: by default the conversation ends and says what `/cancel` says."""
        await self.end(ctx, await self.on_cancel(ctx, conv))

    async def stateless(self, ctx: Context, action: Action) -> None:
        """A press on a button not tied to a conversation step (`seq` empty)."""
        await super().on_button(ctx, None, action)

    def state(self, conv: Conversation) -> S:
        state: S = read_state(conv, self.states)
        return state

    async def begin(
        self, ctx: Context, state: S, fresh: bool = False, note: str = ""
    ) -> Conversation:
        """Open this flow's conversation at `state` (replacing any other) and show it, under
        `note`: in place of the pressed message, or as a new message if `fresh`."""
        step, data = row_of(state)
        conv = await ctx.uow.conversations.open(ctx.user_id, self.name, step, data)
        ctx.conversation = conv
        await self.show(ctx, conv, state, note, fresh=fresh)
        return conv

    async def move(self, ctx: Context, conv: Conversation, state: S, note: str = "") -> None:
        """Commit `state` (a new seq: older buttons go stale), then show its screen."""
        step, data = row_of(state)
        await ctx.uow.conversations.save(conv, step, data)
        await self.show(ctx, conv, state, note)

    async def show(
        self, ctx: Context, conv: Conversation, state: S, note: str = "", fresh: bool = False
    ) -> None:
        text, keyboard = await self.screen(ctx, conv, state)
        text = f"{note}\n\n{text}" if note else text
        (ctx.send if fresh else ctx.show)(text, keyboard)

    async def end(self, ctx: Context, text: str | None = None) -> None:
        """Close the conversation; say `text` (in place of the pressed message) if given."""
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
        if text is not None:
            ctx.show(text)

    async def check(
        self, ctx: Context, conv: Conversation, state: S, text: str, validator: Callable[[str], V]
    ) -> V | None:
        """`validator(text)`, or None after refusing it with the forms' reply and asking again."""
        try:
            return validator(text)
        except FieldError as error:
            await self.reprompt(ctx, conv, self.refused(ctx, error))
            return None

    def refused(self, ctx: Context, error: FieldError) -> str:
        """The refusal shown above the question asked again: the forms' reply."""
        return refusal(ctx, error)

    def nav(self, ctx: Context, conv: Conversation, state: S) -> tuple[Btn, ...]:
        """Back (where the step has one) and Cancel, the last row of every step."""
        back = [button(ctx.t(self.back_key), self.name, BACK, conv.seq)]
        cancel = button(ctx.t(self.cancel_key), self.name, CANCEL, conv.seq)
        return (*(back if self.previous(state) is not None else ()), cancel)

    def with_nav(self, ctx: Context, conv: Conversation, state: S, *parts: Keyboard) -> Keyboard:
        return stack(*parts, self.nav(ctx, conv, state))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        if conv is None:
            await self.stateless(ctx, action)
            return
        state = self.state(conv)
        if action.is_(CANCEL):
            await self.cancel(ctx, conv, state)
        elif action.is_(BACK) and (previous := self.previous(state)) is not None:
            await self.move(ctx, conv, previous)
        else:
            await self.press(ctx, conv, state, action)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        await self.answer(ctx, conv, self.state(conv), text)

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        text, keyboard = await self.screen(ctx, conv, self.state(conv))
        ctx.send(f"{note}\n\n{text}" if note else text, keyboard)

    async def on_cancel(self, ctx: Context, conv: Conversation) -> str:
        return ctx.t(self.cancelled_key)
