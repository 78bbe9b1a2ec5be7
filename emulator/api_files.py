"""sendDocument and getFile: uploads land in the FileStore, downloads read from it."""

from __future__ import annotations

import mimetypes
from typing import Any

from emulator.api_types import Handler
from emulator.files import MAX_DOWNLOAD, StoredFile
from emulator.html_parse import render
from emulator.keyboard import read_markup
from emulator.models import BotMessage, Document
from emulator.params import Params, Upload, bad_request
from emulator.serialize import bot_message_json
from emulator.state import World, now_unix

MAX_CAPTION = 1024
WRONG_FILE = "wrong file identifier/HTTP URL specified"


def _resolve(world: World, params: Params, field: str) -> StoredFile:
    """A multipart part (directly or via attach://name) or an existing file_id."""
    value = params.raw.get(field)
    if isinstance(value, str) and value.startswith("attach://"):
        value = params.raw.get(value.removeprefix("attach://"))
        if value is None:
            raise bad_request(f"{field} attachment not found")
    if isinstance(value, Upload):
        if not value.content:
            raise bad_request("file must be non-empty")
        guessed = mimetypes.guess_type(value.filename)[0]
        declared = value.content_type
        if declared in ("", "application/octet-stream") and guessed:
            declared = guessed
        return world.files.put(value.content, value.filename, declared, "documents")
    if not isinstance(value, str) or not value:
        raise bad_request(f"there is no {field} in the request")
    stored = world.files.get(value)
    if stored is None:
        raise bad_request(WRONG_FILE)
    return stored


async def send_document(world: World, params: Params) -> dict[str, Any]:
    log = world.chat(params.chat_id())
    caption = params.get_str("caption")
    parse_mode = params.get_str("parse_mode")
    parsed = render(caption, parse_mode)
    if len(parsed.plain) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    markup, buttons = read_markup(params)
    stored = _resolve(world, params, "document")
    message = BotMessage(
        message_id=log.next_message_id(),
        chat_id=log.profile.user_id,
        text=caption or "",
        plain=parsed.plain,
        parse_mode=parse_mode,
        buttons=buttons,
        document=Document(stored.file_name, stored.content, stored.mime_type, stored.file_id),
        entities=parsed.entities,
        reply_markup=markup,
        date=now_unix(),
    )
    log.messages[message.message_id] = message
    world.record_event(log, message)
    return bot_message_json(world, message)


async def get_file(world: World, params: Params) -> dict[str, Any]:
    stored = world.files.get(params.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.file_json()


HANDLERS: dict[str, Handler] = {
    "sendDocument": send_document,
    "getFile": get_file,
}
