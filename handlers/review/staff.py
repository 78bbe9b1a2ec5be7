"""/staff: who the agency staff are, and adding or removing those granted in the bot.

Staff named in `STAFF_IDS` are fixed (the deployment decides them); staff added here can be
removed here. Every change asks for confirmation and is audit-logged.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.flow import Flow
from handlers.roles import Role
from services.messages.actions import Keyboard, Send
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import number
from storage.models import Conversation
from storage.repos.staff import StaffRepo

FLOW = "staff"
MAX_ID = 2**53  # Telegram user ids fit in 52 bits


class StaffFlow(Flow):
    name = FLOW
    commands = ("staff",)
    menu_key = "menu.staff"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        await self._list(ctx)

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        verb, _, arg = action.partition(":")
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif conv is None and verb == "add":
            conv = await ctx.uow.conversations.open(ctx.user_id, FLOW, "add", {})
            ctx.conversation = conv
            ctx.send(ctx.t("staff.ask_id"), self._cancel_row(ctx, conv))
        elif conv is None and verb == "rm" and (user_id := number(arg)) is not None:
            await self._ask_remove(ctx, user_id)
        elif conv is not None and verb == "yes" and conv.step in ("confirm_add", "confirm_rm"):
            await self._apply(ctx, conv)
        elif conv is not None and verb == "no":
            await self._close(ctx)
            ctx.show(ctx.t("staff.cancelled"))
        elif conv is None and verb == "open":
            await self._list(ctx)
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        value = text.strip()
        if conv.step != "add":
            await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))
        elif not 0 < (number(value) or 0) < MAX_ID:
            ctx.send(ctx.t("staff.bad_id"), self._cancel_row(ctx, conv))
        elif int(value) in await ctx.staff():
            await self._close(ctx)
            ctx.send(ctx.t("staff.already", id=value))
        else:
            await ctx.uow.conversations.save(conv, "confirm_add", {"uid": int(value)})
            ctx.send(await self._confirm_text(ctx, conv), self._confirm_row(ctx, conv))

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        if conv.step == "add":
            text, keyboard = ctx.t("staff.ask_id"), self._cancel_row(ctx, conv)
        else:
            text, keyboard = await self._confirm_text(ctx, conv), self._confirm_row(ctx, conv)
        ctx.send(f"{note}\n\n{text}" if note else text, keyboard)

    async def _list(self, ctx: Context) -> None:
        fixed = ctx.config.staff_ids
        lines = [ctx.t("staff.list_head")]
        removable = []
        for uid in await ctx.staff():
            user = await ctx.uow.users.get(uid)
            name = (user.first_name if user else "") or "—"
            key = "staff.line_fixed" if uid in fixed else "staff.line_granted"
            lines.append(ctx.t(key, id=uid, name=name))
            if uid not in fixed:
                removable.append(
                    button(ctx.t("staff.btn_remove", name=name, id=uid), FLOW, f"rm:{uid}")
                )
        lines.append("\n" + ctx.t("staff.list_note"))
        add = button(ctx.t("staff.btn_add"), FLOW, "add")
        ctx.show("\n".join(lines), stack([add], rows(removable)))

    async def _ask_remove(self, ctx: Context, uid: int) -> None:
        if uid in ctx.config.staff_ids:
            ctx.answer(ctx.t("staff.fixed"), alert=True)
            ctx.send(ctx.t("staff.fixed"))
            return
        if uid not in {u.id for u in await ctx.uow.repo(StaffRepo).granted()}:
            ctx.answer(ctx.t("staff.not_staff", id=uid), alert=True)
            return
        conv = await ctx.uow.conversations.open(ctx.user_id, FLOW, "confirm_rm", {"uid": uid})
        ctx.conversation = conv
        ctx.send(await self._confirm_text(ctx, conv), self._confirm_row(ctx, conv))

    async def _apply(self, ctx: Context, conv: Conversation) -> None:
        uid, adding = int(conv.data["uid"]), conv.step == "confirm_add"
        await self._close(ctx)
        repo = ctx.uow.repo(StaffRepo)
        if uid in ctx.config.staff_ids and not adding:
            ctx.show(ctx.t("staff.fixed"))
            return
        changed = await (repo.grant(uid) if adding else repo.revoke(uid))
        if not changed:
            ctx.show(ctx.t("staff.already" if adding else "staff.not_staff", id=uid))
            return
        action = "staff.granted" if adding else "staff.revoked"
        await ctx.uow.audit.record(ctx.user_id, action, "user", uid, at=ctx.now().isoformat())
        if adding:
            welcome = (await ctx.texts_for(uid))("staff.welcome_new")
            await ctx.notify(
                f"staff-granted:{uid}:{ctx.incoming.update_id}", Send(chat_id=uid, text=welcome)
            )
        ctx.show(ctx.t("staff.done_add" if adding else "staff.done_rm", id=uid))

    async def _confirm_text(self, ctx: Context, conv: Conversation) -> str:
        uid = int(conv.data["uid"])
        user = await ctx.uow.users.get(uid)
        name = (user.first_name if user else "") or "—"
        key = "staff.confirm_add" if conv.step == "confirm_add" else "staff.confirm_rm"
        return ctx.t(key, id=uid, name=name)

    def _confirm_row(self, ctx: Context, conv: Conversation) -> Keyboard:
        return rows(
            [
                button(ctx.t("staff.btn_yes"), FLOW, "yes", conv.seq),
                button(ctx.t("staff.btn_no"), FLOW, "no", conv.seq),
            ],
            per_row=2,
        )

    def _cancel_row(self, ctx: Context, conv: Conversation) -> Keyboard:
        return rows([button(ctx.t("staff.btn_no"), FLOW, "no", conv.seq)])

    async def _close(self, ctx: Context) -> None:
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
