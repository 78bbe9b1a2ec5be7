"""/staff: who the agency staff are, and adding or removing those granted in the bot.

Staff named in `STAFF_IDS` are fixed (the deployment decides them); staff added here can be
removed here. Every change asks for confirmation and is audit-logged.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import TypeAdapter, model_validator

from handlers.context import Context
from handlers.replies import catalog_error
from handlers.roles import Role
from handlers.steps import FlowState, Screen, StepFlow
from services import staff_grants
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action, BadPayload, number
from services.staff_grants import Outcome, StaffChange
from storage.models import Conversation

FLOW = "staff"
MAX_ID = 2**53  # Telegram user ids fit in 52 bits


class StaffState(FlowState):
    """add (asking for the id) → confirm_add; or confirm_rm straight from the list."""

    step: Literal["add", "confirm_add", "confirm_rm"]
    uid: int | None = None

    @model_validator(mode="after")
    def _has_uid(self) -> Self:
        if (self.uid is None) != (self.step == "add"):
            raise ValueError("staff: uid out of step")
        return self


def user_id(text: str) -> int:
    """A Telegram user id as typed (FieldError if it is none)."""
    value = number(text.strip())
    if value is None or not 0 < value < MAX_ID:
        raise catalog_error("staff.bad_id")
    return value


class StaffFlow(StepFlow[StaffState]):
    name = FLOW
    commands = ("staff",)
    menu_key = "menu.staff"
    menu_roles = frozenset({Role.STAFF})
    required_role = Role.STAFF
    states = TypeAdapter(StaffState)
    cancelled_key = "staff.cancelled"

    async def start(self, ctx: Context, args: str) -> None:
        await self._list(ctx)

    async def stateless(self, ctx: Context, action: Action) -> None:
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif action.is_("add"):
            await self.begin(ctx, StaffState(step="add"), fresh=True)
        elif action.verb == "rm":
            await self._ask_remove(ctx, action.id())
        elif action.is_("open"):
            await self._list(ctx)
        else:
            await super().stateless(ctx, action)

    def previous(self, state: StaffState) -> StaffState | None:
        return StaffState(step="add") if state.step == "confirm_add" else None

    async def screen(self, ctx: Context, conv: Conversation, state: StaffState) -> Screen:
        if state.uid is None:
            return ctx.t("staff.ask_id"), self.with_nav(ctx, conv, state)
        user = await ctx.uow.users.get(state.uid)
        name = (user.first_name if user else "") or "—"
        key = "staff.confirm_add" if state.step == "confirm_add" else "staff.confirm_rm"
        yes = button(ctx.t("staff.btn_yes"), FLOW, "yes", conv.seq)
        return ctx.t(key, id=state.uid, name=name), self.with_nav(ctx, conv, state, rows([yes]))

    async def press(
        self, ctx: Context, conv: Conversation, state: StaffState, action: Action
    ) -> None:
        if not ctx.is_staff:
            ctx.answer(ctx.t("common.not_allowed"), alert=True)
        elif action.is_("yes") and state.uid is not None:
            await self._apply(ctx, state.uid, state.step == "confirm_add")
        else:
            raise BadPayload(f"staff: {action.verb} at {state.step}")

    async def answer(self, ctx: Context, conv: Conversation, state: StaffState, text: str) -> None:
        if state.step != "add":
            await super().answer(ctx, conv, state, text)
        elif (uid := await self.check(ctx, conv, state, text, user_id)) is None:
            return
        elif uid in await ctx.staff():
            await self.end(ctx)
            ctx.send(ctx.t("staff.already", id=uid))
        else:
            await self.move(ctx, conv, StaffState(step="confirm_add", uid=uid))

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
        refused = await staff_grants.may_revoke(ctx.uow, uid, ctx.config.staff_ids)
        if refused is Outcome.FIXED:
            ctx.answer(ctx.t("staff.fixed"), alert=True)
            ctx.send(ctx.t("staff.fixed"))
            return
        if refused is Outcome.NOT_STAFF:
            ctx.answer(ctx.t("staff.not_staff", id=uid), alert=True)
            return
        await self.begin(ctx, StaffState(step="confirm_rm", uid=uid), fresh=True)

    async def _apply(self, ctx: Context, uid: int, adding: bool) -> None:
        await self.end(ctx)
        cmd = StaffChange(
            uid,
            adding,
            ctx.user_id,
            ctx.config.staff_ids,
            str(ctx.incoming.update_id),
            ctx.config.default_lang,
        )
        done = await staff_grants.change(ctx.uow, cmd, ctx.now())
        ctx.notified += done.notified
        if done.outcome is Outcome.DONE:
            ctx.show(ctx.t("staff.done_add" if adding else "staff.done_rm", id=uid))
        elif done.outcome is Outcome.FIXED:
            ctx.show(ctx.t("staff.fixed"))
        else:
            ctx.show(ctx.t(f"staff.{done.outcome.value}", id=uid))
