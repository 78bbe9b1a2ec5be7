"""/bind: staff issue a one-time code for a studio; the unit's contact sends it to link up.

Staff: `/bind` lists studios page by page (`/bind <words>` searches) and a press issues a code,
revoking any code the studio still had. A contact: `/bind CODE`, the deep link
`/start bind_CODE`, or `/bind` and then the code. A code works once and expires after CODE_TTL.

Guessing is limited three ways, because a limit per account alone is no limit: twenty fresh
accounts make a hundred guesses an hour.
- Per account: MAX_WRONG_TRIES wrong tries an hour.
- Per studio: a code's first three characters (its locator) are unique among live codes, so a
  wrong try that starts like a live code is aimed at that studio, whoever makes it. After
  MAX_CODE_WRONG such tries the code is revoked and the staff member who issued it is told to
  issue a new one. Someone who knows the locator therefore gets MAX_CODE_WRONG guesses at the
  32⁵ ≈ 33.5 million remaining combinations (about 1 in 6.7 million), once per code.
- Everyone: once MAX_WRONG_PER_HOUR wrong tries were made in the last hour, across all accounts,
  binding pauses for everyone until the window frees. Untargeted guessing is then at most that
  many tries an hour against 32⁸ ≈ 10¹² codes. The price is that an attacker can pause binding;
  binding is rare and staff-driven, and /stats shows the refused tries, so that is accepted.
A wrong code gets the same answer whichever limit it counted against, so answers reveal nothing
about live codes. Every try is recorded with its outcome (ok, wrong, locked) for /stats.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from services.messages.actions import Send
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action
from storage.models import Conversation, Studio
from storage.repos.binding import Attempt, BindingRepo, Redeem, Redemption
from storage.repos.studios import StudiosRepo

FLOW = "bind"
CODE_TTL = timedelta(days=7)
MAX_WRONG_TRIES = 5
MAX_CODE_WRONG = 5
MAX_WRONG_PER_HOUR = 50
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

    async def on_button(self, ctx: Context, conv: Conversation | None, action: Action) -> None:
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif action.verb == "page":
            await self._studios(ctx, action.id(), "")
        elif action.verb == "code":
            await self._issue(ctx, action.id())
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
        if await self._locked(ctx, repo, now):
            await repo.record_attempt(ctx.user_id, now, Attempt.LOCKED)
            return
        result = await repo.redeem(text, ctx.user_id, now, MAX_CODE_WRONG)
        aimed = result.aimed_at.studio_id if result.aimed_at else None
        ok = result.outcome is Redeem.OK
        await repo.record_attempt(ctx.user_id, now, Attempt.OK if ok else Attempt.WRONG, aimed)
        if result.burned:
            await self._burned(ctx, result)
        if not ok or result.code is None:
            wrong = await repo.wrong_tries_since(now - TRY_WINDOW, ctx.user_id)
            ctx.send(ctx.t(f"bind.{result.outcome.value}", left=max(MAX_WRONG_TRIES - wrong, 0)))
            return
        await self._link(ctx, result)

    async def _locked(self, ctx: Context, repo: BindingRepo, now: datetime) -> bool:
        """Whether this account, or everyone, used up the hour's wrong tries; says until when."""
        since = now - TRY_WINDOW
        if await repo.wrong_tries_since(since, ctx.user_id) >= MAX_WRONG_TRIES:
            key, first = "bind.too_many", await repo.first_wrong_since(since, ctx.user_id)
        elif await repo.wrong_tries_since(since) >= MAX_WRONG_PER_HOUR:
            key, first = "bind.paused", await repo.first_wrong_since(since)
        else:
            return False
        at = (first + TRY_WINDOW).astimezone(ctx.config.tz).strftime("%H:%M")
        ctx.send(ctx.t(key, at=at))
        return True

    async def _burned(self, ctx: Context, result: Redemption) -> None:
        """The studio's code drew too many wrong tries: it is revoked, and its issuer told."""
        code = result.aimed_at
        assert code is not None
        studio = await ctx.uow.repo(StudiosRepo).get(code.studio_id)
        name = studio.name if studio else str(code.studio_id)
        await ctx.uow.audit.record(
            None, "bind.revoked", "studio", code.studio_id, code=code.code, wrong=code.wrong_tries
        )
        issuer = await ctx.texts_for(code.issued_by)
        notice = issuer("bind.burned_notice", name=name, code=code.code, tries=code.wrong_tries)
        await ctx.notify(f"bind-burned:{code.code}", Send(chat_id=code.issued_by, text=notice))

    async def _link(self, ctx: Context, result: Redemption) -> None:
        code = result.code
        assert code is not None
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
        issuer = await ctx.texts_for(code.issued_by)
        name = ctx.incoming.sender.first_name or str(ctx.user_id)
        notice = issuer("bind.used_notice", name=studio.name, user=name, id=ctx.user_id)
        await ctx.notify(f"bind-used:{code.code}", Send(chat_id=code.issued_by, text=notice))


def _studio_label(studio: Studio) -> str:
    linked = "🔗 " if studio.contact_user_id else ""
    return f"{linked}{studio.name[:30]} · {studio.unit_name[:20]}"
