"""/finding (staff): record that a person or a unit falsified materials (Art. 17).

The finding bars its subject from applying for three years; the application checks the record
itself (:meth:`storage.repos.findings.FindingsRepo.barred_from`). Staff name the subject by its
identity number or credit code, give the date and a note, and confirm before it is saved; the
save is audit-logged.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.context import Context
from handlers.eligibility.finding_prompts import (
    FIELD,
    FLOW,
    KINDS,
    NOTE_MAX,
    STEPS,
    bar_effect,
    prompt,
)
from handlers.flow import Flow
from handlers.roles import Role
from policy.validators.credit_code import validate_credit_code
from policy.validators.errors import FieldError
from policy.validators.id_number import validate_id_number
from policy.validators.numbers import parse_date
from policy.validators.text import validate_text
from storage.models import Conversation
from storage.repos.findings import FindingsRepo


class FindingFlow(Flow):
    name = FLOW
    commands = ("finding",)
    required_role = Role.STAFF

    async def start(self, ctx: Context, args: str) -> None:
        conv = await ctx.uow.conversations.open(ctx.user_id, self.name, STEPS[0], {})
        ctx.conversation = conv
        await self._show(ctx, conv)

    async def on_button(self, ctx: Context, conv: Conversation | None, action: str) -> None:
        if conv is None:
            await super().on_button(ctx, conv, action)
        elif action.startswith("kind:") and conv.step == "kind" and action[5:] in KINDS:
            await self._accept(ctx, conv, action[5:])
        elif action == "back" and conv.step != STEPS[0]:
            previous = STEPS[STEPS.index(conv.step) - 1]
            data = {k: v for k, v in conv.data.items() if k != FIELD[previous]}
            await ctx.uow.conversations.save(conv, previous, data)
            await self._show(ctx, conv)
        elif action == "cancel":
            await ctx.uow.conversations.close(ctx.user_id)
            ctx.conversation = None
            ctx.show(ctx.t("finding.cancelled"))
        elif action == "save" and conv.step == "confirm":
            await self._save(ctx, conv.data)
        else:
            ctx.answer(ctx.t("common.stale_button"), alert=True)
            await self.reprompt(ctx, conv)

    async def on_text(self, ctx: Context, conv: Conversation, text: str) -> None:
        if conv.step not in ("code", "date", "note"):
            await self.reprompt(ctx, conv, ctx.t("common.use_buttons"))
            return
        try:
            value = self._parse(ctx, conv, text)
        except FieldError as error:
            note = ctx.t("finding.invalid", reason=error.message(ctx.texts.lang))
            await self.reprompt(ctx, conv, note)
            return
        await self._accept(ctx, conv, value)

    async def reprompt(self, ctx: Context, conv: Conversation, note: str | None = None) -> None:
        text, keyboard = await prompt(ctx, conv.step, conv.data, conv.seq)
        ctx.send(f"{note}\n\n{text}" if note else text, keyboard)

    async def on_cancel(self, ctx: Context, conv: Conversation) -> str:
        return ctx.t("finding.cancelled")

    def _parse(self, ctx: Context, conv: Conversation, text: str) -> str:
        today = ctx.now().date()
        if conv.step == "date":
            return parse_date(text, not_after=today).isoformat()
        if conv.step == "note":
            return validate_text(text, max_length=NOTE_MAX, multiline=True)
        if conv.data["kind"] == "person":
            return validate_id_number(text, today=today)
        return validate_credit_code(text)

    async def _accept(self, ctx: Context, conv: Conversation, value: str) -> None:
        """Store the answer of the current step and move to the next one."""
        data = {**conv.data, FIELD[conv.step]: value}
        await ctx.uow.conversations.save(conv, STEPS[STEPS.index(conv.step) + 1], data)
        await self._show(ctx, conv)

    async def _show(self, ctx: Context, conv: Conversation) -> None:
        text, keyboard = await prompt(ctx, conv.step, conv.data, conv.seq)
        ctx.show(text, keyboard)

    async def _save(self, ctx: Context, data: dict[str, Any]) -> None:
        found_on = date.fromisoformat(data["found_on"])
        finding = await ctx.uow.repo(FindingsRepo).record(
            data["kind"], data["code"], found_on, data["note"], ctx.user_id
        )
        await ctx.uow.audit.record(
            ctx.user_id,
            "finding.recorded",
            "finding",
            finding.id,
            subject_kind=data["kind"],
            found_on=found_on.isoformat(),
        )
        await ctx.uow.conversations.close(ctx.user_id)
        ctx.conversation = None
        ctx.show(ctx.t("finding.saved", number=finding.id) + "\n" + bar_effect(ctx, found_on))
