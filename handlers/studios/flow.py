"""`/studio [name | id]` (staff): find a studio, see its card, decide on it (第九–十八条)."""

from __future__ import annotations

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from handlers.studios import card, decisions, revoke
from handlers.studios.card import FLOW, list_keyboard, show_card
from services import studios
from services.messages.payloads import number
from storage.models import Conversation
from storage.repos.studios import StudiosRepo

PAGE = 10
STARTS = {"targets": decisions.start_targets, "accept": decisions.start_accept}
STARTS |= {"renew": decisions.start_renew, "revoke": revoke.start}
STARTS |= {"keep": card.ask_keep, "kept": card.keep_title}


class StudioFlow(Flow):
    name = FLOW
    commands = ("studio",)
    menu_key = "menu.studio"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        await ctx.uow.conversations.close(ctx.user_id)
        query = args.strip()
        studio_id = number(query)
        if studio_id is not None:
            await show_card(ctx, studio_id)
            return
        found = await ctx.uow.repo(StudiosRepo).page(0, PAGE, query)
        total = await ctx.uow.repo(StudiosRepo).count(query)
        head = ctx.t("studio.list_head", count=total, shown=len(found))
        ctx.show(head if found else ctx.t("studio.list_none"), list_keyboard(ctx, found))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        verb, _, arg = action.partition(":")
        studio_id = number(arg)
        if conv is None and verb == "pending":
            await self._pending(ctx)
        elif conv is None and verb == "open" and studio_id is not None:
            await show_card(ctx, studio_id)
        elif conv is None and verb in STARTS and studio_id is not None:
            await STARTS[verb](ctx, studio_id)
        elif conv is not None and conv.step.startswith("revoke"):
            await revoke.on_button(ctx, conv, verb, arg)
        elif conv is not None:
            await decisions.on_button(ctx, conv, verb)
        else:
            await super().on_button(ctx, conv, action)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        if conv.step.startswith("revoke"):
            await revoke.on_text(ctx, conv, text)
        else:
            await decisions.on_text(ctx, conv, text)

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        if note:
            ctx.send(note)
        ctx.send(ctx.t(f"studio.ask_{conv.step}"))

    async def _pending(self, ctx: Context) -> None:
        waiting = await studios.awaiting_decision(ctx.uow)
        if not waiting:
            ctx.show(ctx.t("studio.pending_none"))
            return
        ctx.show(
            ctx.t("studio.pending_head", count=len(waiting)),
            list_keyboard(ctx, [s for s, _ in waiting]),
        )
