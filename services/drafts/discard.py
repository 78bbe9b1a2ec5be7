"""Discarding a draft: the way out of a form begun by mistake or left behind.

A draft is the user's own until handed in; discarding deletes it with its file records (the
files stay on Telegram's servers, unreferenced), ends a conversation that was filling it,
and leaves an audit entry. A submission the draft revises is untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.drafts.access import close_conversation
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class DiscardDraft:
    user_id: int
    draft_id: int


@dataclass(frozen=True, slots=True)
class Discarded:
    kind: str
    files: int


async def discard_draft(request: DiscardDraft, uow: UnitOfWork, now: datetime) -> Discarded | None:
    """None if the draft is gone (handed in, discarded) or is not the user's."""
    drafts = uow.repo(DraftsRepo)
    draft = await drafts.get(request.draft_id)
    if draft is None or draft.owner_id != request.user_id:
        return None
    files = len(await drafts.files(draft.id))
    kind, scope, revises = draft.kind, draft.scope, draft.submission_id
    if not await drafts.claim(draft):
        return None
    await close_conversation(uow, request.user_id, request.draft_id)
    await uow.audit.record(
        request.user_id,
        "draft.discarded",
        "draft",
        request.draft_id,
        kind=kind,
        scope=scope,
        files=files,
        submission_id=revises,
        at=now.isoformat(),
    )
    return Discarded(kind, files)
