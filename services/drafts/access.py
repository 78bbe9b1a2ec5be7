"""Whose draft a request may touch, read as its form (services.labels.FORMS, by kind).

A draft is its owner's alone until handed in: a draft id is untrusted input (a page's URL, a
stale button), so every use case loads the draft through `own_draft` and gets a typed refusal
for someone else's, or for one handed in or discarded meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from policy.forms.spec import FileSlot, FormSpec, Group
from storage.models import Attachment, Draft
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork


class DraftRefusal(StrEnum):
    GONE = "gone"  # handed in, discarded, or never there
    NOT_YOURS = "not_yours"  # another user's draft
    NOT_HERE = "not_here"  # no such question, group, item or slot in the answers as they are


@dataclass(frozen=True, slots=True)
class Refused:
    why: DraftRefusal


@dataclass(frozen=True, slots=True)
class DraftForm:
    """A draft as its form reads it: the spec, the answers so far and the files attached."""

    spec: FormSpec
    draft: Draft
    files: list[Attachment]

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.draft.answers or {})

    @property
    def slots(self) -> set[str]:
        return {f.slot for f in self.files}


async def own_draft(
    uow: UnitOfWork, user_id: int, draft_id: int, spec: FormSpec
) -> DraftForm | Refused:
    """The user's draft of form `spec`; a refusal for anyone else's or one no longer there."""
    drafts = uow.repo(DraftsRepo)
    draft = await drafts.get(draft_id)
    if draft is None or draft.kind != spec.name:
        return Refused(DraftRefusal.GONE)
    if draft.owner_id != user_id:
        return Refused(DraftRefusal.NOT_YOURS)
    return DraftForm(spec, draft, await drafts.files(draft.id))


def group_of(form: DraftForm, key: str) -> Group | None:
    """The repeated group at `key`, if it applies to the answers as they are."""
    node = form.spec.node(key)
    return node if isinstance(node, Group) and node.visible(form.answers) else None


def slot_of(form: DraftForm, key: str) -> FileSlot | None:
    """The file slot at `key`, if it applies to the answers as they are."""
    node = form.spec.node(key)
    return node if isinstance(node, FileSlot) and node.visible(form.answers) else None


async def close_conversation(uow: UnitOfWork, user_id: int, draft_id: int) -> None:
    """End the user's conversation over this draft (it is handed in or gone, whichever surface
    did it); a conversation the user has since started about something else stays open."""
    conv = await uow.conversations.get(user_id)
    if conv is not None and (conv.data or {}).get("draft") == draft_id:
        await uow.conversations.close(user_id)
