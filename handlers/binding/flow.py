"""/bind, the conversation: staff issue a code, the unit's contact or the master redeems it.

Staff: `/bind` lists studios page by page (`/bind <words>` searches); a press issues the unit
contact's code, and the answer offers the master's code too (the studio card offers it as well).
Anyone else: `/bind CODE`, the deep link `/start bind_CODE`, or `/bind` and then the code. What
a code does and how guessing is limited: :mod:`services.bindings`.
"""

from __future__ import annotations

from datetime import datetime

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from policy.filing import StudioRole
from services import bindings
from services.messages.actions import Btn
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action
from services.studios import UnknownStudio
from storage.models import Conversation, Studio
from storage.repos.studios import StudiosRepo

FLOW = "bind"
PAGE_SIZE = 8
ROLE_OF_VERB = {"code": StudioRole.UNIT_CONTACT, "master": StudioRole.MASTER}
ROLE_GAINED = {StudioRole.UNIT_CONTACT: Role.CONTACT, StudioRole.MASTER: Role.MASTER}


def master_button(ctx: Context, studio_id: int) -> Btn:
    """Issue the master's code (第九条(六)); staff find it on the studio card and after /bind."""
    return button(ctx.t("bind.btn_master"), FLOW, Action.of("master", studio_id))


class BindFlow(Flow):
    name = FLOW
    commands = ("bind",)

    async def start(self, ctx: Context, args: str) -> None:
        if ctx.is_staff:
            await self._studios(ctx, 0, args.strip())
        elif args.strip():
            await self._redeem(ctx, args)
        else:
            conv = await ctx.uow.conversations.open(ctx.user_id, FLOW, "code", {})
            ctx.conversation = conv
            ctx.send(ctx.t("bind.ask_code"))

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif action.verb == "page":
            await self._studios(ctx, action.id(), "")
        elif action.verb in ROLE_OF_VERB:
            await self._issue(ctx, action.id(), ROLE_OF_VERB[action.verb])
        else:
            await super().on_button(ctx, conv, action)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        await self._redeem(ctx, text)

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        ctx.send(f"{note}\n\n{ctx.t('bind.ask_code')}" if note else ctx.t("bind.ask_code"))

    async def _studios(self, ctx: Context, page: int, query: str) -> None:
        repo = ctx.uow.repo(StudiosRepo)
        total = await repo.count(query)
        if total == 0:
            ctx.show(ctx.t("bind.no_studios_found" if query else "bind.no_studios"))
            return
        pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
        page = min(max(page, 0), pages - 1)
        studios = await repo.page(page * PAGE_SIZE, PAGE_SIZE, query)
        choices = [button(_studio_label(s), FLOW, Action.of("code", s.id)) for s in studios]
        nav = []
        if page > 0 and not query:
            nav.append(button(ctx.t("review.prev"), FLOW, Action.of("page", page - 1)))
        if page < pages - 1 and not query:
            nav.append(button(ctx.t("review.next"), FLOW, Action.of("page", page + 1)))
        key = "bind.pick_found" if query else "bind.pick"
        text = ctx.t(key, count=total, page=page + 1, pages=pages, query=query)
        ctx.show(text, stack(rows(choices), nav))

    async def _issue(self, ctx: Context, studio_id: int, role: StudioRole) -> None:
        cmd = bindings.IssueCode(studio_id, ctx.user_id, role)
        try:
            issued = await bindings.issue_code(ctx.uow, cmd, ctx.now())
        except UnknownStudio:
            ctx.answer(ctx.t("bind.no_such_studio"), alert=True)
            return
        until = _local(ctx, issued.expires_at, "%Y-%m-%d %H:%M")
        text = ctx.t(
            f"bind.issued_{role.value}", name=issued.studio.name, code=issued.code, until=until
        )
        more = [master_button(ctx, studio_id)] if role is StudioRole.UNIT_CONTACT else []
        ctx.send(text, rows(more) if more else None)

    async def _redeem(self, ctx: Context, text: str) -> None:
        name = ctx.incoming.sender.first_name or str(ctx.user_id)
        cmd = bindings.RedeemCode(ctx.user_id, text, name, ctx.config.default_lang)
        result = await bindings.redeem_code(ctx.uow, cmd, ctx.now())
        ctx.notified += result.queued
        if result.until is not None:
            ctx.send(ctx.t(f"bind.{result.outcome.value}", at=_local(ctx, result.until, "%H:%M")))
        elif result.role is None:
            ctx.send(ctx.t(f"bind.{result.outcome.value}", left=result.tries_left))
        else:
            await ctx.uow.conversations.close(ctx.user_id)
            ctx.conversation = None
            ctx.roles = ctx.roles | {ROLE_GAINED[result.role]}
            key = f"bind.linked_{result.role.value}"
            ctx.send(ctx.t(key, name=result.studio_name), ctx.registry.menu(ctx))


def _local(ctx: Context, moment: datetime, fmt: str) -> str:
    return moment.astimezone(ctx.config.tz).strftime(fmt)


def _studio_label(studio: Studio) -> str:
    linked = "🔗 " if studio.contact_user_id else ""
    return f"{linked}{studio.name[:30]} · {studio.unit_name[:20]}"
