"""The review flow: /pending, opening a submission, and the decisions on it (staff only)."""

from __future__ import annotations

from handlers.context import Context
from handlers.flow import Flow
from handlers.review import decide
from handlers.review.guard import parse_target
from handlers.review.queue import FLOW, open_submission, show_page
from handlers.roles import Role
from services.decisions import CHOICES
from services.messages.payloads import number
from storage.models import Conversation


class ReviewFlow(Flow):
    name = FLOW
    commands = ("pending",)
    menu_key = "menu.pending"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        await show_page(ctx, 0)

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        if conv is not None:
            await self._in_conversation(ctx, conv, action)
            return
        verb, _, rest = action.partition(":")
        args = rest.split(":") if rest else []
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif verb == "page" and len(args) == 1 and (page := number(args[0])) is not None:
            await show_page(ctx, page)
        elif verb == "open":
            await open_submission(ctx, parse_target(args))
        elif verb in CHOICES:
            await decide.choose(ctx, verb, parse_target(args))
        else:
            await super().on_button(ctx, conv, action)

    async def _in_conversation(self, ctx: Context, conv: Conversation, action: str) -> None:
        if action == "yes" and conv.step == "confirm":
            await decide.confirm(ctx, conv)
        elif action == "no":
            await decide.cancel(ctx)
        elif action.startswith("f:"):
            await decide.toggle_field(ctx, conv, action[2:])
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        if conv.step == "reason":
            await decide.take_reason(ctx, conv, text)
        else:
            await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        text, keyboard = decide.prompt(ctx, conv, await decide.title_of(ctx, conv))
        ctx.send(f"{note}\n\n{text}" if note else text, keyboard)

    async def on_cancel(self, ctx: Context, conv: Conversation) -> str:
        return ctx.t("review.decision_cancelled")
