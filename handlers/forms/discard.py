"""The form's own way out: its draft discarded after a confirmation, back to the menu."""

from __future__ import annotations

from handlers.forms.session import FormSession
from services.drafts.discard import DiscardDraft, discard_draft


async def discard(form: FormSession) -> None:
    ctx = form.ctx
    request = DiscardDraft(ctx.user_id, form.draft.id)
    done = await discard_draft(request, ctx.uow, ctx.now())
    ctx.conversation = None
    kind = ctx.t(f"staff_notice.kind_{form.spec.name}")
    key = "forms.discarded" if done is not None else "forms.gone"
    ctx.show(ctx.t(key, kind=kind), ctx.registry.menu(ctx))
