"""`/studio [name | id]` (staff): find a studio, see its card, decide on it (第九–十八条).

The card's buttons open one of four conversations on the studio (targets, acceptance, renewal,
revocation), each a typed state on the step kit; each ends back on the card."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from pydantic import Field, TypeAdapter

from handlers.context import Context
from handlers.roles import Role
from handlers.steps import Screen, StepFlow
from handlers.studios import decisions, revoke
from handlers.studios.card import FLOW, list_keyboard, show_card
from handlers.studios.decisions import AcceptState, RenewState, TargetsState
from handlers.studios.revoke import RevokeState
from services import studio_decisions, studios
from services.messages.payloads import Action, BadPayload, number
from storage.models import Conversation
from storage.repos.studios import StudiosRepo

PAGE = 10
StudioState = TargetsState | AcceptState | RenewState | RevokeState
STARTS: dict[str, Callable[[Context, int], StudioState]] = {
    "targets": decisions.start_targets,
    "accept": decisions.start_accept,
    "renew": decisions.start_renew,
    "revoke": lambda ctx, studio_id: revoke.start(studio_id),
}
LAST_STEPS = ("reason", "accepted_on", "renew_document")


class StudioFlow(StepFlow[StudioState]):
    name = FLOW
    commands = ("studio",)
    menu_key = "menu.studio"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF
    states = TypeAdapter(Annotated[StudioState, Field(discriminator="step")])
    cancelled_key = "studio.cancelled"

    async def start(self, ctx: Context, args: str) -> None:
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
        query = args.strip()
        studio_id = number(query)
        if studio_id is not None:
            await show_card(ctx, studio_id)
            return
        found = await ctx.uow.repo(StudiosRepo).page(0, PAGE, query)
        total = await ctx.uow.repo(StudiosRepo).count(query)
        head = ctx.t("studio.list_head", count=total, shown=len(found))
        ctx.show(head if found else ctx.t("studio.list_none"), list_keyboard(ctx, found))

    async def stateless(self, ctx: Context, action: Action) -> None:
        if action.is_("pending"):
            await self._pending(ctx)
        elif action.verb == "open" and action.args:
            await show_card(ctx, action.id())
        elif action.verb in STARTS:
            await self.begin(ctx, STARTS[action.verb](ctx, action.id()))
        else:
            await super().stateless(ctx, action)

    def previous(self, state: StudioState) -> StudioState | None:
        if isinstance(state, RevokeState):
            return state.back()
        return decisions.back(state)

    async def screen(self, ctx: Context, conv: Conversation, state: StudioState) -> Screen:
        if isinstance(state, RevokeState):
            text, keyboard = revoke.prompt(ctx, state, conv.seq)
        else:
            text, keyboard = decisions.prompt(ctx, state, conv.seq)
        return text, self.with_nav(ctx, conv, state, keyboard)

    async def press(
        self, ctx: Context, conv: Conversation, state: StudioState, action: Action
    ) -> None:
        if action.verb == "ground" and state.step == "revoke_ground":
            assert isinstance(state, RevokeState)
            await self.move(ctx, conv, state.given(revoke.ground_of(action)))
        elif (
            action.is_("yes") and isinstance(state, RevokeState) and state.step == "revoke_confirm"
        ):
            await self._settle(ctx, state, revoke.record(ctx.uow, ctx, state))
        elif (
            action.is_("skip") and isinstance(state, RenewState) and state.step == "renew_document"
        ):
            await self._settle(ctx, state, decisions.settle(ctx.uow, ctx, state, None))
        else:
            raise BadPayload(f"studio: {action.verb} at {state.step}")

    async def answer(
        self, ctx: Context, conv: Conversation, state: StudioState, text: str
    ) -> None:
        if state.step in ("revoke_ground", "revoke_confirm"):
            await super().answer(ctx, conv, state, text)
            return
        if isinstance(state, RevokeState):
            value = await self.check(ctx, conv, state, text, revoke.parser(ctx, state))
            if value is not None:
                await self.move(ctx, conv, state.given(value))
            return
        value = await self.check(ctx, conv, state, text, decisions.parser(ctx, state))
        if value is None:
            return
        if state.step in LAST_STEPS:
            await self._settle(ctx, state, decisions.settle(ctx.uow, ctx, state, value))
        else:
            assert not isinstance(state, AcceptState)
            await self.move(ctx, conv, decisions.given(state, value))

    async def _settle(self, ctx: Context, state: StudioState, work: Awaitable[str]) -> None:
        """Run the decision, end the conversation and show the card with what happened."""
        try:
            done = await work
        except studio_decisions.NotAllowed as exc:
            done = f"refused_{exc.code}"
        await self.end(ctx)
        await show_card(ctx, state.studio, ctx.t(f"studio.{done}"))

    async def _pending(self, ctx: Context) -> None:
        waiting = await studios.awaiting_decision(ctx.uow)
        if not waiting:
            ctx.show(ctx.t("studio.pending_none"))
            return
        ctx.show(
            ctx.t("studio.pending_head", count=len(waiting)),
            list_keyboard(ctx, [s for s, _ in waiting]),
        )
