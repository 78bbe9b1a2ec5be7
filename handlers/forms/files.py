"""Files for a slot, as the chat receives them: the declared size checked before download,
then the file checked and kept by the service the Mini App's uploads go through too
(services.drafts.files: type by content, name cleaned, SHA-256 kept).

The size rule holds whatever size the sender's client declared: Telegram's getFile refuses a
file over 20 MB ("file is too big"), and a local Bot API server hands it over, so both end in the
same size message, not in "cannot read the file".
"""

from __future__ import annotations

import logging

from handlers.events import FileUpload
from handlers.forms.cursor import Cursor
from handlers.forms.screens import error_note, go, render
from handlers.forms.session import FormSession
from handlers.forms.steps import advance
from policy.attachments import check_declared_size, too_large
from policy.forms.spec import FileSlot
from policy.validators.errors import FieldError
from services.drafts.access import Refused
from services.drafts.answers import Invalid
from services.drafts.files import ClearSlot, FileRequest, attach_file, clear_files
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


async def receive(form: FormSession, upload: FileUpload) -> None:
    slot = _slot(form)
    if slot is None:
        await render(form, form.ctx.t("forms.file_not_here"), fresh=True)
        return
    try:
        check_declared_size(upload.size)
        data = await _fetch(form, upload.file_id)
    except FieldError as err:
        await render(form, error_note(form, err.message(form.ctx.texts.lang)), fresh=True)
        return
    if data is None:
        await render(form, error_note(form, form.ctx.t("forms.download_failed")), fresh=True)
        return
    ctx = form.ctx
    request = FileRequest(ctx.user_id, form.draft.id, form.spec, slot.key, upload.file_name, data)
    done = await attach_file(ctx.uow, request, upload.file_id, upload.file_unique_id, ctx.now())
    if isinstance(done, Invalid):
        await render(form, error_note(form, done.error.message(ctx.texts.lang)), fresh=True)
    elif isinstance(done, Refused):
        await render(form, form.ctx.t("forms.file_not_here"), fresh=True)
    else:
        form.files = done.form.files
        await _received(form, slot, done.kept)


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
    request = ClearSlot(form.ctx.user_id, form.draft.id, form.spec, slot.key)
    cleared = await clear_files(form.ctx.uow, request)
    if not isinstance(cleared, Refused):
        form.files = cleared.files
    await go(form, Cursor(slot.key), form.ctx.t("forms.files_cleared"))
