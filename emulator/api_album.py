"""sendMediaGroup: an album of 2-10 photos or 2-10 documents, sent as messages sharing a
media_group_id. As in the Bot API server, `reply_markup` is not read (an album carries no
keyboard); wording Telegram's own docs do not give is marked as the emulator's.
"""

from __future__ import annotations

from typing import Any

from emulator.api_files import caption, document_of, photo_of
from emulator.api_types import Handler
from emulator.outgoing import post, reply_target
from emulator.params import ApiError, Params, bad_request
from emulator.serialize import bot_message_json
from emulator.state import World
from emulator.uploads import resolve

FOLDERS = {"photo": "photos", "document": "documents"}


def _items(params: Params) -> list[dict[str, Any]]:
    try:
        items = params.get_json("media")
    except ApiError:
        raise bad_request("can't parse media JSON object") from None
    if items is None:
        raise bad_request("media to send are not specified")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise bad_request("expected an Array of InputMedia")
    if len(items) > 10:
        raise bad_request("too much messages to send as an album")
    if len(items) < 2:
        raise bad_request("too few messages to send as an album")  # the emulator's wording
    kinds = {str(item.get("type")) for item in items}
    for kind in kinds - FOLDERS.keys():
        raise bad_request(f"can't parse InputMedia: type {kind!r} is not emulated")
    if len(kinds) > 1:
        raise bad_request("documents can't be mixed with other media types")  # the emulator's
    return items


def _content(world: World, params: Params, item: dict[str, Any]) -> dict[str, Any]:
    kind = str(item["type"])
    if item.get("media") is None:
        raise bad_request("can't parse InputMedia: media not found")
    stored = resolve(world, params, "media", item["media"], FOLDERS[kind])
    if kind == "photo":
        return {"photo": photo_of(world, stored)}
    return {"document": document_of(stored)}


async def send_media_group(world: World, params: Params) -> list[dict[str, Any]]:
    log = world.chat(params.chat_id())
    items = _items(params)
    reply_to = reply_target(log, params)
    prepared = []
    for item in items:
        text, parse_mode = item.get("caption"), item.get("parse_mode")
        parsed = caption(str(text) if text is not None else None, parse_mode)
        prepared.append((text or "", parse_mode, parsed, _content(world, params, item)))
    group = str(next(world.media_group_ids))
    messages = [
        post(
            world,
            log,
            text=text,
            plain=parsed.plain,
            parse_mode=parse_mode,
            entities=parsed.entities,
            media_group_id=group,
            reply_to=reply_to,
            **content,
        )
        for text, parse_mode, parsed, content in prepared
    ]
    return [bot_message_json(world, message) for message in messages]


HANDLERS: dict[str, Handler] = {"sendMediaGroup": send_media_group}
