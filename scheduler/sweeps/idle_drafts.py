"""Nudge the owners of drafts nobody touched for a while (issue 4: never lose an answer).

One nudge per draft and idle stretch (the outbox key holds the draft's last change), queued for
the first moment outside quiet hours; touching the draft starts a new stretch. Two sweeps at
once still queue each nudge once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from policy.calendar import next_allowed_send
from policy.forms.idle import idle_since
from services.messages.actions import Send
from services.messages.keyboards import button, rows
from services.messages.texts import Texts
from services.recipients import Recipients
from storage.repos.drafts import DraftsRepo, IdleDraft
from storage.repos.reminders import RemindersRepo
from storage.uow import UnitOfWork

NUDGE_FLOWS: Final[Mapping[str, str]] = {"application": "apply"}
"""Draft kinds nudged here, with the flow (and command) that continues them."""


def nudge_key(draft: IdleDraft) -> str:
    return f"draft-idle:{draft.id}:{int(draft.updated_at.timestamp())}"


async def nudge_idle_drafts(
    uow: UnitOfWork, recipients: Recipients, now: datetime, flows: Mapping[str, str] = NUDGE_FLOWS
) -> int:
    """Queue a nudge for each draft idle since `policy.forms.idle`; returns how many were new.

    Quiet hours are the recipients' local night, each nudge in its owner's language. Drafts
    are read without their answers, the owners' languages in one query, and the nudges
    written in one statement."""
    send_at = next_allowed_send(now.astimezone(recipients.tz))
    drafts = uow.repo(DraftsRepo)
    idle = await drafts.idle(idle_since(now))
    languages = await uow.repo(RemindersRepo).languages(d.owner_id for d in idle)
    nudges = []
    for draft in idle:
        flow = flows.get(draft.kind)
        if flow is None:
            continue
        texts = Texts(recipients.language(languages.get(draft.owner_id), None))
        text = texts(
            "forms.nudge",
            kind=texts(f"staff_notice.kind_{draft.kind}"),
            command=f"/{flow}",
            days=(now - draft.updated_at).days,
        )
        keyboard = rows([button(texts("forms.nudge_button"), flow, "open")])
        action = Send(chat_id=draft.owner_id, text=text, keyboard=keyboard)
        nudges.append((nudge_key(draft), draft.owner_id, action.model_dump(mode="json"), send_at))
    queued = len(await uow.outbox.enqueue_many(nudges))
    await drafts.mark_nudged([d.id for d in idle if d.kind in flows], now)
    return queued
