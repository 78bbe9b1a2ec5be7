"""Submit, for every form that is handed in to staff (application, plan, report): one path.

services.submissions does the hand-in; the flow only says what the unit is told, in the chat
and on the Mini App's page alike (`receipt`, `refusal`).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from handlers.forms import FormSession
from policy.forms.walk import snapshot
from services.submissions import NotSubmitted, SubmitDraft, Submitted, submit


@runtime_checkable
class HandsIn(Protocol):
    """A form flow whose Submit hands the draft in through services.submissions."""

    async def receipt(self, form: FormSession, done: Submitted) -> str: ...

    def refusal(self, form: FormSession, refused: NotSubmitted) -> str: ...


async def hand_in(form: FormSession) -> Submitted | NotSubmitted:
    """Hand the draft in, in the form's unit of work; ends the conversation over it."""
    ctx = form.ctx
    answers = snapshot(form.spec, form.answers)
    cmd = SubmitDraft(
        form.draft.id, ctx.user_id, answers, ctx.config.staff_ids, ctx.config.default_lang
    )
    await form.close()
    done = await submit(ctx.uow, cmd, ctx.now())
    if isinstance(done, Submitted):
        ctx.notified += done.notified
    return done


async def said_on_submit(flow: HandsIn, form: FormSession) -> tuple[Submitted | None, str]:
    """Hand in and word the outcome as the flow words it."""
    done = await hand_in(form)
    if isinstance(done, NotSubmitted):
        return None, flow.refusal(form, done)
    return done, await flow.receipt(form, done)


async def submit_in_chat(flow: HandsIn, form: FormSession) -> None:
    """The chat's Submit: the receipt (or refusal) replaces the confirmation, with the menu."""
    _, text = await said_on_submit(flow, form)
    form.ctx.show(text, form.ctx.registry.menu(form.ctx))
