"""/bind: staff issue a one-time code for a studio; the unit's contact sends it to link up.

Staff: `/bind` lists studios page by page (`/bind <words>` searches) and a press issues a code.
A contact: `/bind CODE`, or the deep link `/start bind_CODE`, or `/bind` and then the code. A
code works once and expires after CODE_TTL; wrong tries are limited per user and hour, so codes
cannot be guessed.
"""

from __future__ import annotations

from datetime import timedelta

from handlers.actions import Send
from handlers.context import Context
from handlers.flow import Flow
from handlers.keyboards import button, rows, stack
from handlers.payloads import number
from handlers.review.recipients import texts_for
from handlers.roles import Role
from storage.models import Conversation, Studio
from storage.repos.binding import BindingRepo, Redeem
from storage.repos.studios import StudiosRepo

FLOW = "bind"
CODE_TTL = timedelta(days=7)
MAX_WRONG_TRIES = 5
TRY_WINDOW = timedelta(hours=1)
PAGE_SIZE = 8


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

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        verb, _, arg = action.partition(":")
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif verb == "page" and (page := number(arg)) is not None:
            await self._studios(ctx, page, "")
        elif verb == "code" and (studio_id := number(arg)) is not None:
            await self._issue(ctx, studio_id)
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
        choices = [button(_studio_label(s), FLOW, f"code:{s.id}") for s in studios]
        nav = []
        if page > 0 and not query:
            nav.append(button(ctx.t("review.prev"), FLOW, f"page:{page - 1}"))
        if page < pages - 1 and not query:
            nav.append(button(ctx.t("review.next"), FLOW, f"page:{page + 1}"))
        key = "bind.pick_found" if query else "bind.pick"
        text = ctx.t(key, count=total, page=page + 1, pages=pages, query=query)
        ctx.show(text, stack(rows(choices), nav))

    async def _issue(self, ctx: Context, studio_id: int) -> None:
        studio = await ctx.uow.repo(StudiosRepo).get(studio_id)
        if studio is None:
            ctx.answer(ctx.t("bind.no_such_studio"), alert=True)
            return
        now = ctx.now()
        code = await ctx.uow.repo(BindingRepo).issue(studio.id, ctx.user_id, now, CODE_TTL)
        await ctx.uow.audit.record(
            ctx.user_id, "bind.issued", "studio", studio.id, expires=code.expires_at.isoformat()
        )
        until = code.expires_at.astimezone(ctx.config.tz).strftime("%Y-%m-%d %H:%M")
        ctx.send(ctx.t("bind.issued", name=studio.name, code=code.code, until=until))

    async def _redeem(self, ctx: Context, text: str) -> None:
        now = ctx.now()
        repo = ctx.uow.repo(BindingRepo)
        since = now - TRY_WINDOW
        if await repo.wrong_tries_since(ctx.user_id, since) >= MAX_WRONG_TRIES:
            first = await repo.first_wrong_since(ctx.user_id, since) or now
            at = (first + TRY_WINDOW).astimezone(ctx.config.tz).strftime("%H:%M")
            ctx.send(ctx.t("bind.too_many", at=at))
            return
        outcome, code = await repo.redeem(text, ctx.user_id, now)
        await repo.record_attempt(ctx.user_id, now, outcome is Redeem.OK)
        if outcome is not Redeem.OK or code is None:
            left = MAX_WRONG_TRIES - await repo.wrong_tries_since(ctx.user_id, since)
            ctx.send(ctx.t(f"bind.{outcome.value}", left=max(left, 0)))
            return
        studio = await ctx.uow.repo(StudiosRepo).get(code.studio_id)
        assert studio is not None
        previous, studio.contact_user_id = studio.contact_user_id, ctx.user_id
        await ctx.uow.audit.record(
            ctx.user_id, "bind.redeemed", "studio", studio.id, code=code.code, previous=previous
        )
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
        ctx.roles = ctx.roles | {Role.CONTACT}
        ctx.send(ctx.t("bind.linked", name=studio.name), ctx.registry.menu(ctx))
        issuer = await texts_for(ctx, code.issued_by)
        name = ctx.incoming.sender.first_name or str(ctx.user_id)
        notice = issuer("bind.used_notice", name=studio.name, user=name, id=ctx.user_id)
        await ctx.notify(f"bind-used:{code.code}", Send(chat_id=code.issued_by, text=notice))


def _studio_label(studio: Studio) -> str:
    linked = "🔗 " if studio.contact_user_id else ""
    return f"{linked}{studio.name[:30]} · {studio.unit_name[:20]}"
