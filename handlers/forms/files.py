"""Files for a slot: size checked before and after download, type by content, SHA-256 kept.

The size rule holds whatever size the sender's client declared: Telegram's getFile refuses a
file over 20 MB ("file is too big"), and a local Bot API server hands it over, so both end in the
same size message, not in "cannot read the file". The name is cleaned for storage and display;
the name as sent is kept in the audit trail (第六条 materials are evidence).
"""

from __future__ import annotations

import hashlib
import logging

from handlers.events import FileUpload
from handlers.forms.cursor import Cursor
from handlers.forms.screens import error_note, go, render
from handlers.forms.session import FormSession
from handlers.forms.steps import advance
from policy.attachments import (
    EXTENSIONS,
    MIME,
    FileType,
    check_content,
    check_declared_size,
    too_large,
)
from policy.file_names import clean_file_name, visible
from policy.forms.spec import FileSlot
from policy.validators.errors import FieldError
from storage.repos.drafts import FileRecord

log = logging.getLogger(__name__)
TOO_BIG = "file is too big"
"""The Bot API's description when getFile refuses a file over its download limit."""


def is_slot(form: FormSession) -> bool:
    return _slot(form) is not None


def _slot(form: FormSession) -> FileSlot | None:
    node = form.node(form.cursor.key)
    return node if isinstance(node, FileSlot) else None


async def _fetch(form: FormSession, file_id: str) -> bytes | None:
    if form.ctx.download is None:
        return None
    try:
        data = await form.ctx.download(file_id)
    except Exception as exc:  # a network or API failure: say so, keep the draft as it is
        if TOO_BIG in str(exc).casefold():
            raise too_large(None) from None
        log.warning("download of %s failed", file_id, exc_info=True)
        return None
    check_declared_size(len(data))
    return data


def file_name(form: FormSession, slot: FileSlot, given: str | None, kind: FileType) -> str:
    """The name as sent, cleaned for storage and display; else one made from the slot (photos
    arrive without a name)."""
    count = sum(1 for f in form.files if f.slot == slot.key) + 1
    fallback = f"{slot.key}-{count}{EXTENSIONS[kind][0]}"
    return clean_file_name(given, EXTENSIONS[kind], fallback)


def record(
    slot: FileSlot, name: str, data: bytes, kind: FileType, file_id: str, unique_id: str
) -> FileRecord:
    """What is kept of a file whose content was checked: its Telegram ids, size and SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    return FileRecord(slot.key, file_id, unique_id, name, MIME[kind], len(data), digest)


async def receive(form: FormSession, upload: FileUpload) -> None:
    slot = _slot(form)
    if slot is None:
        await render(form, form.ctx.t("forms.file_not_here"), fresh=True)
        return
    try:
        check_declared_size(upload.size)
        data = await _fetch(form, upload.file_id)
        if data is None:
            await render(form, error_note(form, form.ctx.t("forms.download_failed")), fresh=True)
            return
        kind = check_content(data, slot.accepts)
    except FieldError as err:
        await render(form, error_note(form, err.message(form.ctx.texts.lang)), fresh=True)
        return
    name = file_name(form, slot, upload.file_name, kind)
    kept = record(slot, name, data, kind, upload.file_id, upload.file_unique_id)
    if upload.file_name and upload.file_name != kept.file_name:
        await form.ctx.uow.audit.record(
            form.ctx.user_id,
            "file.renamed",
            "draft",
            form.draft.id,
            sent=visible(upload.file_name),
            stored=kept.file_name,
            sha256=kept.sha256,
        )
    await keep_file(form, slot, kept)
    await _received(form, slot, kept)


async def keep_file(form: FormSession, slot: FileSlot, kept: FileRecord) -> None:
    """Put a checked file in its slot; a single-file slot's earlier file makes way for it."""
    if not slot.multiple:
        await form.drafts.remove_files(form.draft.id, slot.key)
    await form.drafts.add_file(form.draft.id, kept, form.ctx.user_id, form.ctx.now())
    await form.reload_files()
    form.set_answers({k: v for k, v in form.answers.items() if k != slot.key})


async def _received(form: FormSession, slot: FileSlot, kept: FileRecord) -> None:
    note = form.ctx.t("forms.file_received", name=kept.file_name)
    if slot.multiple:
        await go(form, Cursor(slot.key), note)
    else:
        await advance(form, slot.key, note)


async def keep(form: FormSession) -> None:
    slot = _slot(form)
    if slot is None or slot.key not in form.slots:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    await advance(form, slot.key)


async def later(form: FormSession) -> None:
    """Leave a slot empty for now (a mandatory one then blocks Submit until filled)."""
    slot = _slot(form)
    if slot is None or slot.key in form.slots:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    form.put(slot.key, None)
    await advance(form, slot.key)


async def clear(form: FormSession) -> None:
    slot = _slot(form)
    if slot is None:
        await render(form, form.ctx.t("forms.use_buttons"))
        return
    await form.drafts.remove_files(form.draft.id, slot.key)
    await form.reload_files()
    await go(form, Cursor(slot.key), form.ctx.t("forms.files_cleared"))
