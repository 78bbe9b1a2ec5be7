"""sendDocument, sendPhoto and getFile: uploads land in the FileStore, downloads read from it."""

from __future__ import annotations

from typing import Any

from emulator.api_types import Handler
from emulator.files import MAX_DOWNLOAD, StoredFile
from emulator.html_lexer import ParsedText
from emulator.images import checked_size, photo_sizes
from emulator.keyboard import read_markup
from emulator.models import Document, Photo
from emulator.outgoing import formatted, post, reply_target
from emulator.params import Params, bad_request
from emulator.serialize import bot_message_json
from emulator.state import World
from emulator.uploads import resolve

MAX_CAPTION = 1024


def caption(text: str | None, parse_mode: str | None) -> ParsedText:
    parsed = formatted(text, parse_mode)
    if len(parsed.plain) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return parsed


def document_of(stored: StoredFile) -> Document:
    return Document(stored.file_name, stored.content, stored.mime_type, stored.file_id)


def photo_of(world: World, stored: StoredFile) -> Photo:
    width, height = checked_size(stored.content)
    return Photo(stored.content, photo_sizes(world.files, stored.content, width, height))


async def _send_file(world: World, params: Params, field: str, folder: str) -> dict[str, Any]:
    log = world.chat(params.chat_id())
    text, parse_mode = params.get_str("caption"), params.get_str("parse_mode")
    parsed = caption(text, parse_mode)
    markup, buttons = read_markup(params)
    stored = resolve(world, params, field, params.raw.get(field), folder)
    media: dict[str, Any] = {"document": document_of(stored)}
    if field == "photo":
        media = {"photo": photo_of(world, stored)}
    message = post(
        world,
        log,
        text=text or "",
        plain=parsed.plain,
        parse_mode=parse_mode,
        buttons=buttons,
        entities=parsed.entities,
        reply_markup=markup,
        reply_to=reply_target(log, params),
        **media,
    )
    return bot_message_json(world, message)


async def send_document(world: World, params: Params) -> dict[str, Any]:
    return await _send_file(world, params, "document", "documents")


async def send_photo(world: World, params: Params) -> dict[str, Any]:
    return await _send_file(world, params, "photo", "photos")


async def get_file(world: World, params: Params) -> dict[str, Any]:
    stored = world.files.get(params.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.file_json()


HANDLERS: dict[str, Handler] = {
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "getFile": get_file,
}
