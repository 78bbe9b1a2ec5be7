"""Handing a draft in from either surface: what applies of its answers (the form's snapshot)
goes to services.submissions, and the conversation that was filling it ends."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from policy.forms.walk import snapshot
from services.drafts.access import DraftForm, close_conversation
from services.messages.texts import Lang
from services.submissions import NotSubmitted, SubmitDraft, Submitted, submit
from storage.uow import UnitOfWork


async def hand_in(
    uow: UnitOfWork,
    form: DraftForm,
    staff: Collection[int],
    default_lang: Lang,
    now: datetime,
) -> Submitted | NotSubmitted:
    """Hand the owner's draft in, in the caller's unit of work; `staff` are STAFF_IDS."""
    owner = form.draft.owner_id
    answers = snapshot(form.spec, form.answers)
    await close_conversation(uow, owner, form.draft.id)
    cmd = SubmitDraft(form.draft.id, owner, answers, staff, default_lang)
    return await submit(uow, cmd, now)
