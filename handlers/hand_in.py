"""Submit, for every form that is handed in to staff (application, plan, report): one path.

services.submissions does the hand-in; what the unit is told is worded once
(services.messages.drafts: `receipt`, `refusal`), in the chat and on the Mini App's page alike.
"""

from __future__ import annotations

from handlers.forms import FormSession
from services.drafts import handing
from services.messages.drafts import receipt, refusal
from services.submissions import NotSubmitted, Submitted


async def hand_in(form: FormSession) -> Submitted | NotSubmitted:
    """Hand the draft in, in the form's unit of work; ends the conversation over it."""
    ctx = form.ctx
    staff, lang = ctx.config.staff_ids, ctx.config.default_lang
    done = await handing.hand_in(ctx.uow, form.draft_form, staff, lang, ctx.now())
    ctx.conversation = None
    if isinstance(done, Submitted):
        ctx.notified += done.notified
    return done


async def submit_in_chat(form: FormSession) -> None:
    """The chat's Submit: the receipt (or refusal) replaces the confirmation, with the menu."""
    ctx, answers = form.ctx, form.answers
    done = await hand_in(form)
    if isinstance(done, NotSubmitted):
        text = refusal(ctx.texts, form.spec.name, done)
    else:
        text = await receipt(ctx.uow, ctx.texts, done, answers, ctx.now())
    ctx.show(text, ctx.registry.menu(ctx))
