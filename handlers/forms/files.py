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


def _name(form: FormSession, slot: FileSlot, upload: FileUpload, kind: FileType) -> str:
    count = sum(1 for f in form.files if f.slot == slot.key) + 1
    fallback = f"{slot.key}-{count}{EXTENSIONS[kind][0]}"
    return clean_file_name(upload.file_name, EXTENSIONS[kind], fallback)


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
    record = FileRecord(
        slot.key,
        upload.file_id,
        upload.file_unique_id,
        _name(form, slot, upload, kind),
        MIME[kind],
        len(data),
        hashlib.sha256(data).hexdigest(),
    )
    if upload.file_name and upload.file_name != record.file_name:
        await form.ctx.uow.audit.record(
            form.ctx.user_id,
            "file.renamed",
            "draft",
            form.draft.id,
            sent=visible(upload.file_name or ""),
            stored=record.file_name,
            sha256=record.sha256,
        )
    await _store(form, slot, record)


async def _store(form: FormSession, slot: FileSlot, record: FileRecord) -> None:
    if not slot.multiple:
        await form.drafts.remove_files(form.draft.id, slot.key)
    await form.drafts.add_file(form.draft.id, record, form.ctx.user_id, form.ctx.now())
    await form.reload_files()
    form.set_answers({k: v for k, v in form.answers.items() if k != slot.key})
    note = form.ctx.t("forms.file_received", name=record.file_name)
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
