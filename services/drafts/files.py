"""Files for a slot: the declared size, then the content (policy/attachments), then kept.

A file is checked by what it is, not by what it is called: its size (20 MB, whatever the
sender's client declared), its type by content among the slot's accepted types. The name is
cleaned for storage and display; the name as sent stays in the audit trail (第六条: materials
are evidence). What is kept is its Telegram ids, size and SHA-256; a single-file slot's earlier
file makes way for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from policy.attachments import EXTENSIONS, MIME, FileType, check_content, check_declared_size
from policy.file_names import clean_file_name, visible
from policy.forms.spec import FileSlot, FormSpec
from policy.validators.errors import FieldError
from services.drafts.access import DraftForm, Refused, own_node
from services.drafts.answers import Invalid, put
from storage.repos.drafts import DraftsRepo, FileRecord
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class FileRequest:
    """A file `data` for slot `slot`, named `given` by the sender (photos come without)."""

    user_id: int
    draft_id: int
    spec: FormSpec
    slot: str
    given: str | None
    data: bytes


@dataclass(frozen=True, slots=True)
class Checked:
    form: DraftForm
    slot: FileSlot
    name: str  # as stored and shown
    kind: FileType


@dataclass(frozen=True, slots=True)
class Attached:
    form: DraftForm
    slot: FileSlot
    kept: FileRecord


def file_name(form: DraftForm, slot: FileSlot, given: str | None, kind: FileType) -> str:
    """The name as sent, cleaned; else one made from the slot and the count of its files."""
    count = sum(1 for f in form.files if f.slot == slot.key) + 1
    fallback = f"{slot.key}-{count}{EXTENSIONS[kind][0]}"
    return clean_file_name(given, EXTENSIONS[kind], fallback)


async def check_file(uow: UnitOfWork, request: FileRequest) -> Checked | Invalid | Refused:
    """Whether the file may go in the slot, and under which name; nothing is stored."""
    found = await own_node(uow, request, request.slot, FileSlot)
    if isinstance(found, Refused):
        return found
    form, slot = found
    try:
        check_declared_size(len(request.data))
        kind = check_content(request.data, slot.accepts)
    except FieldError as err:
        return Invalid(err)
    return Checked(form, slot, file_name(form, slot, request.given, kind), kind)


async def attach_file(
    uow: UnitOfWork, request: FileRequest, file_id: str, unique_id: str, now: datetime
) -> Attached | Invalid | Refused:
    """Check the file and keep it in its slot under `file_id` (the copy on Telegram's servers
    staff receive)."""
    checked = await check_file(uow, request)
    if not isinstance(checked, Checked):
        return checked
    form, slot, data = checked.form, checked.slot, request.data
    digest = hashlib.sha256(data).hexdigest()
    kept = FileRecord(
        slot.key, file_id, unique_id, checked.name, MIME[checked.kind], len(data), digest
    )
    if request.given and request.given != kept.file_name:
        await uow.audit.record(
            request.user_id,
            "file.renamed",
            "draft",
            form.draft.id,
            sent=visible(request.given),
            stored=kept.file_name,
            sha256=kept.sha256,
        )
    drafts = uow.repo(DraftsRepo)
    if not slot.multiple:
        await drafts.remove_files(form.draft.id, slot.key)
    await drafts.add_file(form.draft.id, kept, request.user_id, now)
    put(form, {k: v for k, v in form.answers.items() if k != slot.key}, now)
    form.files[:] = await drafts.files(form.draft.id)
    return Attached(form, slot, kept)


@dataclass(frozen=True, slots=True)
class ClearSlot:
    user_id: int
    draft_id: int
    spec: FormSpec
    slot: str


async def clear_files(uow: UnitOfWork, request: ClearSlot) -> DraftForm | Refused:
    """The slot emptied of its files."""
    found = await own_node(uow, request, request.slot, FileSlot)
    if isinstance(found, Refused):
        return found
    form = found[0]
    drafts = uow.repo(DraftsRepo)
    await drafts.remove_files(form.draft.id, request.slot)
    form.files[:] = await drafts.files(form.draft.id)
    return form
