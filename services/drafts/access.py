"""Whose draft a request may touch, read as its form (services.labels.FORMS, by kind).

A draft is its owner's alone until handed in: a draft id is untrusted input (a page's URL, a
stale button), so every use case loads the draft through `own_draft` and gets a typed refusal
for someone else's, or for one handed in or discarded meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from policy.forms.spec import FileSlot, FormSpec, Group
from storage.models import Attachment, Draft
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork


class DraftRefusal(StrEnum):
    """Why a request on a draft was refused; the caller words it (a page: 409, 422)."""

    GONE = "gone"  # handed in, discarded, or never there
    NOT_YOURS = "not_yours"  # another user's draft
    NOT_HERE = "not_here"  # no such question, group, item or slot in the answers as they are


@dataclass(frozen=True, slots=True)
class Refused:
    """A request that touched nothing, and why."""

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


class DraftRequest(Protocol):
    """What every request on a draft names: who asks, which draft, read as which form."""

    @property
    def user_id(self) -> int: ...

    @property
    def draft_id(self) -> int: ...

    @property
    def spec(self) -> FormSpec: ...


async def own_draft(uow: UnitOfWork, request: DraftRequest) -> DraftForm | Refused:
    """The user's draft of the form; a refusal for anyone else's or one no longer there."""
    drafts = uow.repo(DraftsRepo)
    draft = await drafts.get(request.draft_id)
    if draft is None or draft.kind != request.spec.name:
        return Refused(DraftRefusal.GONE)
    if draft.owner_id != request.user_id:
        return Refused(DraftRefusal.NOT_YOURS)
    return DraftForm(request.spec, draft, await drafts.files(draft.id))


N = TypeVar("N", Group, FileSlot)


def node_of(form: DraftForm, key: str, kind: type[N]) -> N | None:
    """The repeated group or file slot at `key`, if it applies to the answers as they are."""
    node = form.spec.node(key)
    return node if isinstance(node, kind) and node.visible(form.answers) else None


async def own_node(
    uow: UnitOfWork, request: DraftRequest, key: str, kind: type[N]
) -> tuple[DraftForm, N] | Refused:
    """The user's draft and its group or slot at `key`, or why not."""
    form = await own_draft(uow, request)
    if isinstance(form, Refused):
        return form
    node = node_of(form, key, kind)
    return (form, node) if node is not None else Refused(DraftRefusal.NOT_HERE)


async def close_conversation(uow: UnitOfWork, user_id: int, draft_id: int) -> None:
    """End the user's conversation over this draft (it is handed in or gone, whichever surface
    did it); a conversation the user has since started about something else stays open."""
    conv = await uow.conversations.get(user_id)
    if conv is not None and (conv.data or {}).get("draft") == draft_id:
        await uow.conversations.close(user_id)
