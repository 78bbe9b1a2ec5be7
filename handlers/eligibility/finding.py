"""/finding (staff): record that a person or a unit falsified materials (Art. 17).

The finding bars its subject from applying for three years; the application checks the record
itself (:meth:`storage.repos.findings.FindingsRepo.barred_from`). Staff name the subject by its
identity number or credit code, give the date and a note, and confirm before it is saved; the
save is audit-logged. The conversation is a :class:`FindingState` on the step kit.
"""

from __future__ import annotations

from pydantic import TypeAdapter

from handlers.context import Context
from handlers.eligibility.finding_prompts import (
    FLOW,
    KINDS,
    FindingState,
    bar_effect,
    parse,
    prompt,
)
from handlers.roles import Role
from handlers.steps import Screen, StepFlow
from services.messages.payloads import Action, BadPayload, token
from storage.models import Conversation
from storage.repos.findings import FindingsRepo

KIND = token("kind", KINDS)


class FindingFlow(StepFlow[FindingState]):
    name = FLOW
    commands = ("finding",)
    required_role = Role.STAFF
    states = TypeAdapter(FindingState)
    cancelled_key = "finding.cancelled"
    back_key, cancel_key = "finding.back", "finding.cancel"

    async def start(self, ctx: Context, args: str) -> None:
        await self.begin(ctx, FindingState(step="kind"))

    def previous(self, state: FindingState) -> FindingState | None:
        return state.back()

    async def screen(self, ctx: Context, conv: Conversation, state: FindingState) -> Screen:
        text, keyboard = await prompt(ctx, state, conv.seq)
        return text, self.with_nav(ctx, conv, state, keyboard)

    async def press(
        self, ctx: Context, conv: Conversation, state: FindingState, action: Action
    ) -> None:
        if action.verb == "kind" and state.step == "kind":
            (kind,) = action.take(KIND)
            await self.move(ctx, conv, state.given(kind))
        elif action.is_("save") and state.step == "confirm":
            await self._save(ctx, state)
        else:
            raise BadPayload(f"finding: {action.verb} at {state.step}")

    async def answer(
        self, ctx: Context, conv: Conversation, state: FindingState, text: str
    ) -> None:
        if state.step not in ("code", "date", "note"):
            await super().answer(ctx, conv, state, text)
            return
        today = ctx.now().date()
        value = await self.check(ctx, conv, state, text, lambda t: parse(state, t, today))
        if value is not None:
            await self.move(ctx, conv, state.given(value))

    async def _save(self, ctx: Context, state: FindingState) -> None:
        assert state.kind and state.code and state.found_on and state.note is not None
        found_on = state.found_on
        finding = await ctx.uow.repo(FindingsRepo).record(
            state.kind, state.code, found_on, state.note, ctx.user_id
        )
        await ctx.uow.audit.record(
            ctx.user_id,
            "finding.recorded",
            "finding",
            finding.id,
            subject_kind=state.kind,
            found_on=found_on.isoformat(),
        )
        await self.end(
            ctx, ctx.t("finding.saved", number=finding.id) + "\n" + bar_effect(ctx, found_on)
        )
